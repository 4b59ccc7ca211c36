#include "widgets/cockpit/compare_frameworks_dialog.h"

#include <cmath>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "engine/report/scenario_description.h"
#include "engine/session/framework_comparison.h"

namespace loadstar::widgets {

namespace {

QString concurrency(const model::ServerSettings& server) {
    const model::Concurrency& c = server.concurrency;
    if (c.model == model::ConcurrencyModel::Async) {
        return c.threads == 1 ? QObject::tr("async event loop, 1 thread")
                              : QObject::tr("async event loop, %1 threads").arg(c.threads);
    }
    return c.workers == 1 ? QObject::tr("worker pool, 1 worker")
                          : QObject::tr("worker pool, %1 workers").arg(c.workers);
}

// How long a run takes: its stages or its duration, plus its warm-up.
double plannedSeconds(const model::Scenario& s) {
    double seconds = std::chrono::duration<double>(s.warmup).count();
    if (s.stages.empty()) return seconds + std::chrono::duration<double>(s.duration).count();
    for (const model::Stage& stage : s.stages)
        seconds += std::chrono::duration<double>(stage.duration).count();
    return seconds;
}

}  // namespace

CompareFrameworksDialog::CompareFrameworksDialog(const model::Project& project, QWidget* parent)
    : QDialog(parent),
      project_(project),
      scenarios_(new QListWidget),
      embedded_(new QCheckBox(tr("&Embedded server (%1, as in Settings)").arg(concurrency(project.server)))),
      fastapi_(new QCheckBox(tr("&FastAPI under uvicorn"))),
      fastapiWorkers_(new QSpinBox),
      flask_(new QCheckBox(tr("F&lask under gunicorn"))),
      flaskWorkers_(new QSpinBox),
      flaskClass_(new QComboBox),
      flaskThreads_(new QSpinBox),
      summary_(new QLabel),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Cancel)) {
    setWindowTitle(tr("Compare Frameworks"));
    setObjectName("compareFrameworksDialog");
    scenarios_->setObjectName("comparedScenarios");
    summary_->setObjectName("comparisonSummary");
    for (const std::string& name : session::defaultComparisonScenarios(project)) {
        // "io-c200 — closed loop, 200 virtual users, 30s, warm-up 5s", and the
        // engine when the scenario makes its load with Locust.
        const model::Scenario* s = project.scenario(name);
        std::string text = name;
        if (s != nullptr) {
            text += " \u2014 " + report::scenarioSummary(*s);
            if (s->engine == model::LoadEngine::Locust) text += tr(", load by Locust").toStdString();
        }
        auto* item = new QListWidgetItem(QString::fromStdString(text), scenarios_);
        item->setData(Qt::UserRole, QString::fromStdString(name));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    const std::vector<model::ServerChoice> defaults = session::defaultComparisonServers();
    for (QSpinBox* workers : {fastapiWorkers_, flaskWorkers_})
        workers->setRange(1, model::kMaxServerWorkers);
    fastapiWorkers_->setValue(defaults[1].workers);
    flaskWorkers_->setValue(defaults[2].workers);
    flaskThreads_->setRange(1, model::kMaxWorkerThreads);
    flaskThreads_->setValue(defaults[2].threads);
    flaskClass_->addItem(tr("sync (one request per worker)"), static_cast<int>(model::WorkerClass::Sync));
    flaskClass_->addItem(tr("gthread (threads in each worker)"),
                         static_cast<int>(model::WorkerClass::Gthread));
    fastapiWorkers_->setObjectName("fastapiWorkers");
    flaskWorkers_->setObjectName("flaskWorkers");
    flaskClass_->setObjectName("flaskWorkerClass");
    flaskThreads_->setObjectName("flaskThreads");
    for (QCheckBox* box : {embedded_, fastapi_, flask_})
        box->setChecked(true);

    auto* servers = new QGroupBox(tr("Servers"));
    auto* grid = new QGridLayout(servers);
    grid->addWidget(embedded_, 0, 0, 1, 4);
    grid->addWidget(fastapi_, 1, 0);
    grid->addWidget(new QLabel(tr("Workers")), 1, 1, Qt::AlignRight);
    grid->addWidget(fastapiWorkers_, 1, 2);
    grid->addWidget(flask_, 2, 0);
    grid->addWidget(new QLabel(tr("Workers")), 2, 1, Qt::AlignRight);
    grid->addWidget(flaskWorkers_, 2, 2);
    grid->addWidget(flaskClass_, 2, 3);
    grid->addWidget(new QLabel(tr("Threads per worker")), 3, 1, Qt::AlignRight);
    grid->addWidget(flaskThreads_, 3, 2);
    grid->setColumnStretch(0, 1);

    auto* note = new QLabel(
        tr("Each scenario runs against each server in turn. The design is generated as a FastAPI and a "
           "Flask app, and every server is started for its run and stopped after it, so each run also "
           "measures a cold start."));
    note->setWordWrap(true);
    auto* compare = buttons_->addButton(tr("&Compare"), QDialogButtonBox::AcceptRole);
    compare->setObjectName("compareButton");
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    auto* scenariosLabel = new QLabel(tr("&Scenarios (those that drive the design):"));
    scenariosLabel->setBuddy(scenarios_);
    layout->addWidget(scenariosLabel);
    layout->addWidget(scenarios_, 1);
    layout->addWidget(servers);
    layout->addWidget(note);
    layout->addWidget(summary_);
    layout->addWidget(buttons_);

    connect(scenarios_, &QListWidget::itemChanged, this, &CompareFrameworksDialog::updateSummary);
    for (QCheckBox* box : {embedded_, fastapi_, flask_})
        connect(box, &QCheckBox::toggled, this, &CompareFrameworksDialog::updateSummary);
    for (QSpinBox* spin : {fastapiWorkers_, flaskWorkers_, flaskThreads_})
        connect(spin, &QSpinBox::valueChanged, this, &CompareFrameworksDialog::updateSummary);
    connect(flaskClass_, &QComboBox::currentIndexChanged, this, &CompareFrameworksDialog::updateSummary);
    updateSummary();
}

std::vector<std::string> CompareFrameworksDialog::scenarios() const {
    std::vector<std::string> names;
    for (int i = 0; i < scenarios_->count(); ++i) {
        if (scenarios_->item(i)->checkState() == Qt::Checked)
            names.push_back(scenarios_->item(i)->data(Qt::UserRole).toString().toStdString());
    }
    return names;
}

std::vector<model::ServerChoice> CompareFrameworksDialog::servers() const {
    std::vector<model::ServerChoice> out;
    if (embedded_->isChecked()) out.push_back({});
    if (fastapi_->isChecked())
        out.push_back({model::ServerKind::FastApi, fastapiWorkers_->value(), model::WorkerClass::Sync, 4});
    if (flask_->isChecked()) {
        out.push_back({model::ServerKind::Flask, flaskWorkers_->value(),
                       static_cast<model::WorkerClass>(flaskClass_->currentData().toInt()),
                       flaskThreads_->value()});
    }
    return out;
}

void CompareFrameworksDialog::updateSummary() {
    fastapiWorkers_->setEnabled(fastapi_->isChecked());
    flaskWorkers_->setEnabled(flask_->isChecked());
    flaskClass_->setEnabled(flask_->isChecked());
    flaskThreads_->setEnabled(flask_->isChecked() && flaskClass_->currentData().toInt() ==
                                                         static_cast<int>(model::WorkerClass::Gthread));
    const std::vector<std::string> names = scenarios();
    const std::size_t servers = this->servers().size();
    double seconds = 0;
    for (const std::string& name : names) {
        if (const model::Scenario* s = project_.scenario(name))
            seconds +=
                (plannedSeconds(*s) + 3) * static_cast<double>(servers);  // ~3 s to start and stop a server
    }
    const int runs = static_cast<int>(names.size() * servers);
    const int minutes = static_cast<int>(std::max(1.0, std::round(seconds / 60)));
    if (runs == 0) {
        summary_->setText(tr("Choose at least one scenario and one server."));
    } else if (runs == 1) {
        summary_->setText(tr("1 run, about a minute."));
    } else {
        summary_->setText(minutes == 1 ? tr("%1 runs, about a minute.").arg(runs)
                                       : tr("%1 runs, about %2 minutes.").arg(runs).arg(minutes));
    }
    for (QAbstractButton* b : buttons_->buttons()) {
        if (buttons_->buttonRole(b) == QDialogButtonBox::AcceptRole) b->setEnabled(runs > 0);
    }
}

}  // namespace loadstar::widgets
