#include "widgets/cockpit/scenario_editor.h"

#include <cmath>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include "engine/model/duration.h"
#include "engine/model/target_url.h"
#include "engine/stats/threshold.h"
#include "widgets/cockpit/load_profile_chart.h"
#include "widgets/cockpit/server_choice_editor.h"
#include "widgets/common/form_fields.h"
#include "widgets/common/palette_icon.h"
#include "widgets/common/quiet_update.h"
#include "widgets/document/project_document.h"

namespace loadstar::widgets {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QStringList nonEmptyLines(const QString& text) {
    QStringList out;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty()) out << line.trimmed();
    }
    return out;
}

QString numberText(double v) {
    return QString::number(v, 'g', 12);
}

}  // namespace

ScenarioEditor::ScenarioEditor(ProjectDocument* document, QWidget* parent)
    : QWidget(parent),
      document_(document),
      title_(new QLabel),
      banner_(new QLabel),
      markers_(banner_),
      run_(new QPushButton(tr("&Run Scenario"))),
      name_(new QLineEdit),
      description_(new QLineEdit),
      targetKind_(new QComboBox),
      url_(new QLineEdit),
      insecure_(new QCheckBox(tr("Accept self-signed certificates"))),
      remoteRow_(new QWidget),
      remoteHost_(new QLabel),
      revokeRemote_(new QPushButton(tr("Re&voke"))),
      server_(new ServerChoiceEditor),
      executor_(new QComboBox),
      engine_(new QComboBox),
      locustWorkers_(form::spinBox(0, 1024, "locustWorkers", {}, tr("remote workers only"))),
      vus_(form::spinBox(1, 100000, "vus")),
      rate_(form::rateBox("rate")),
      connections_(form::spinBox(0, 100000, "connections", {}, tr("as many as needed"))),
      duration_(form::durationEdit("duration", tr("e.g. 30s"))),
      warmup_(form::durationEdit("warmup", tr("e.g. 30s"))),
      maxRequests_(form::spinBox(0, 2000000000, "maxRequests", {}, tr("no limit"))),
      threads_(form::spinBox(1, 256, "loadThreads")),
      timeout_(form::durationEdit("timeout", tr("e.g. 30s"))),
      thinkTime_(form::durationEdit("thinkTime", tr("e.g. 30s"))),
      stages_(new QTableWidget(0, 2)),
      addStage_(new QPushButton(tr("Add Stage"))),
      removeStage_(new QPushButton(tr("Remove Stage"))),
      profile_(new LoadProfileChart),
      weights_(new QTableWidget(0, 2)),
      weightsNote_(form::errorLabel("weightsError")),
      bodyMode_(new QComboBox),
      invalidShare_(new QDoubleSpinBox),
      fixedBody_(form::textBox("fixedBody", 5)),
      fixedBodyError_(form::errorLabel("fixedBodyError")),
      headers_(form::textBox("headers", 4)),
      headerErrors_(form::errorLabel("headerErrors")),
      thresholds_(form::textBox("thresholds", 6)),
      thresholdErrors_(form::errorLabel("thresholdErrors")) {
    auto* pane = new QWidget;
    auto* grid = new QGridLayout(pane);
    grid->addLayout(titleRow(), 0, 0, 1, 2);
    grid->addWidget(banner_, 1, 0, 1, 2);
    grid->addWidget(aboutSection(), 2, 0);
    grid->addWidget(targetSection(), 3, 0);
    grid->addWidget(loadSection(), 4, 0, 2, 1);
    grid->addWidget(stageSection(), 2, 1, 2, 1);
    grid->addWidget(requestSection(), 4, 1);
    grid->addWidget(thresholdSection(), 5, 1);
    grid->setRowStretch(6, 1);
    grid->setColumnStretch(0, 2);
    grid->setColumnStretch(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(form::scrolling(pane));

    connect(document_, &ProjectDocument::projectChanged, this, &ScenarioEditor::refresh);
    connect(document_, &ProjectDocument::problemsChanged, this, &ScenarioEditor::refresh);
}

QLayout* ScenarioEditor::titleRow() {
    QFont big = title_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title_->setFont(big);
    title_->setObjectName("scenarioTitle");
    run_->setObjectName("runScenario");
    run_->setIcon(PaletteIcon::make(PaletteIcon::Glyph::Start, palette()));
    auto* row = new QHBoxLayout;
    row->addWidget(title_, 1);
    row->addWidget(run_);
    connect(run_, &QPushButton::clicked, this, [this] { emit runRequested(index_); });
    return row;
}

QWidget* ScenarioEditor::aboutSection() {
    name_->setObjectName("scenarioName");
    description_->setObjectName("scenarioDescription");
    auto [box, rows] = form::section(tr("Scenario"));
    rows->addRow(tr("&Name"), name_);
    rows->addRow(tr("&Description"), description_);

    form::onTextEdited(name_, document_, [this](const QString& v) {
        edit([v](model::Scenario& s) { s.name = v.trimmed().toStdString(); }, tr("Rename scenario"),
             QStringLiteral("name"), "name");
    });
    form::onTextEdited(description_, document_, [this](const QString& v) {
        edit([v](model::Scenario& s) { s.description = v.toStdString(); }, tr("Change scenario description"),
             QStringLiteral("description"), "description");
    });
    return box;
}

QWidget* ScenarioEditor::targetSection() {
    targetKind_->setObjectName("targetKind");
    targetKind_->addItem(tr("The design (served for the run)"),
                         static_cast<int>(model::Target::Kind::Embedded));
    targetKind_->addItem(tr("A URL"), static_cast<int>(model::Target::Kind::Url));
    url_->setObjectName("targetUrl");
    url_->setPlaceholderText(tr("http://127.0.0.1:8000/api"));
    insecure_->setObjectName("insecureTls");
    auto [box, rows] = form::section(tr("Target"));
    rows->addRow(tr("&Drive"), targetKind_);
    rows->addRow(tr("&URL"), url_);
    rows->addRow(QString(), insecure_);
    // The consent given when a run asked (MainWindow::confirmRemoteTarget): shown, and
    // taken back here; a run to that host then asks again.
    remoteHost_->setObjectName("allowedRemoteHost");
    remoteHost_->setTextFormat(Qt::PlainText);
    remoteHost_->setWordWrap(true);
    revokeRemote_->setObjectName("revokeRemote");
    revokeRemote_->setToolTip(tr("Take back the permission: the next run to this host asks again"));
    auto* remoteLayout = new QHBoxLayout(remoteRow_);
    remoteLayout->setContentsMargins(0, 0, 0, 0);
    remoteLayout->addWidget(remoteHost_, 1);
    remoteLayout->addWidget(revokeRemote_);
    rows->addRow(tr("Allowed"), remoteRow_);
    targetForm_ = rows;
    // Who serves the design: the embedded server or the design generated as a
    // FastAPI or Flask app. Independent of the engine below, which makes the load.
    server_->setObjectName("serverChoice");
    rows->addRow(tr("Se&rver"), server_);

    connect(targetKind_, &QComboBox::activated, this, [this] {
        const auto kind = static_cast<model::Target::Kind>(targetKind_->currentData().toInt());
        edit([kind](model::Scenario& s) { s.target.kind = kind; },
             kind == model::Target::Kind::Embedded ? tr("Target the design") : tr("Target a URL"), {},
             "target");
    });
    form::onTextEdited(url_, document_, [this](const QString& v) {
        edit([v](model::Scenario& s) { s.target.url = v.trimmed().toStdString(); }, tr("Change target URL"),
             QStringLiteral("url"), "target");
    });
    connect(revokeRemote_, &QPushButton::clicked, this, [this] {
        const model::Scenario* s = current();
        if (s == nullptr || s->allowRemote.empty()) return;
        edit([](model::Scenario& sc) { sc.allowRemote.clear(); },
             tr("Revoke Load to %1").arg(q(s->allowRemote)), {}, "allow_remote");
    });
    connect(insecure_, &QCheckBox::toggled, this, [this](bool on) {
        edit([on](model::Scenario& s) { s.target.insecureTls = on; },
             on ? tr("Accept self-signed certificates") : tr("Require valid certificates"), {},
             "insecure_tls");
    });
    connect(server_, &ServerChoiceEditor::edited, this,
            [this](const model::ServerChoice& c, const QString& text, const QString& mergeKey) {
                edit([c](model::Scenario& s) { s.server = c; }, text, mergeKey, "server");
            });
    return box;
}

QWidget* ScenarioEditor::loadSection() {
    executor_->setObjectName("executor");
    executor_->addItem(tr("Closed loop: virtual users"), static_cast<int>(model::Executor::Closed));
    executor_->addItem(tr("Open loop: arrival rate"), static_cast<int>(model::Executor::Open));
    rate_->setGroupSeparatorShown(true);
    engine_->setObjectName("engine");
    engine_->addItem(tr("Loadstar (this machine)"), static_cast<int>(model::LoadEngine::Native));
    engine_->addItem(tr("Locust (master and workers)"), static_cast<int>(model::LoadEngine::Locust));
    engine_->setToolTip(
        tr("Locust runs the scenario on its master and workers, on this machine and any that "
           "join; the dashboard follows it. Locust is closed-loop and rounds latencies."));
    locustWorkers_->setToolTip(tr("Locust workers started on this machine; the master waits for them"));
    auto [box, rows] = form::section(tr("Load"));
    loadForm_ = rows;
    rows->addRow(tr("E&ngine"), engine_);
    rows->addRow(tr("Locust &workers"), locustWorkers_);
    rows->addRow(tr("&Executor"), executor_);
    rows->addRow(tr("&Virtual users"), vus_);
    rows->addRow(tr("R&ate"), rate_);
    rows->addRow(tr("Max connections"), connections_);
    rows->addRow(tr("D&uration"), duration_);
    rows->addRow(tr("&Warm-up"), warmup_);
    rows->addRow(tr("Max requests"), maxRequests_);
    rows->addRow(tr("Threads"), threads_);
    rows->addRow(tr("&Timeout"), timeout_);
    rows->addRow(tr("Think time"), thinkTime_);

    connect(executor_, &QComboBox::activated, this, [this] {
        const auto e = static_cast<model::Executor>(executor_->currentData().toInt());
        edit([e](model::Scenario& s) { s.executor = e; },
             e == model::Executor::Closed ? tr("Use a closed loop") : tr("Use an open loop"), {}, "executor");
    });
    connect(engine_, &QComboBox::activated, this, [this] {
        const auto e = static_cast<model::LoadEngine>(engine_->currentData().toInt());
        edit([e](model::Scenario& s) { s.engine = e; },
             e == model::LoadEngine::Locust ? tr("Run on Locust") : tr("Run on Loadstar's engine"), {},
             "engine");
    });
    bindInt(locustWorkers_, tr("Locust workers"), "locust_workers",
            [](model::Scenario& s, int v) { s.locustWorkers = v; });
    bindInt(vus_, tr("virtual users"), "vus", [](model::Scenario& s, int v) { s.vus = v; });
    form::onValueChanged(rate_, document_, [this](double v) {
        edit([v](model::Scenario& s) { s.rate = v; }, tr("Change rate"), QStringLiteral("rate"), "rate");
    });
    bindInt(connections_, tr("max connections"), "connections",
            [](model::Scenario& s, int v) { s.connections = v; });
    bindDuration(duration_, tr("duration"), "duration",
                 [](model::Scenario& s) -> model::Duration& { return s.duration; });
    bindDuration(warmup_, tr("warm-up"), "warmup",
                 [](model::Scenario& s) -> model::Duration& { return s.warmup; });
    bindInt(maxRequests_, tr("max requests"), "max_requests",
            [](model::Scenario& s, int v) { s.maxRequests = v; });
    bindInt(threads_, tr("threads"), "threads", [](model::Scenario& s, int v) { s.threads = v; });
    bindDuration(timeout_, tr("timeout"), "timeout",
                 [](model::Scenario& s) -> model::Duration& { return s.timeout; });
    bindDuration(thinkTime_, tr("think time"), "think_time",
                 [](model::Scenario& s) -> model::Duration& { return s.thinkTime; });
    return box;
}

QWidget* ScenarioEditor::stageSection() {
    stages_->setObjectName("stages");
    stages_->setHorizontalHeaderLabels({tr("Ramp over"), tr("To")});
    stages_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    stages_->verticalHeader()->setDefaultSectionSize(stages_->fontMetrics().height() + 8);
    stages_->setMinimumHeight(120);
    stages_->setToolTip(
        tr("Each stage ramps linearly from the previous level to its own over its duration; "
           "with stages, they replace the users or rate and the duration."));
    addStage_->setObjectName("addStage");
    removeStage_->setObjectName("removeStage");
    auto* box = new QGroupBox(tr("Stages and load profile"));
    auto* grid = new QGridLayout(box);
    grid->addWidget(stages_, 0, 0);
    grid->addLayout(form::buttonRow({addStage_, removeStage_}), 1, 0);
    grid->addWidget(profile_, 0, 1, 2, 1);
    grid->setColumnStretch(0, 2);
    grid->setColumnStretch(1, 3);

    connect(stages_, &QTableWidget::itemChanged, this, &ScenarioEditor::commitStages);
    connect(addStage_, &QPushButton::clicked, this, [this] {
        const model::Scenario* s = current();
        if (s == nullptr) return;
        model::Stage next{std::chrono::seconds(10),
                          s->stages.empty() ? (s->executor == model::Executor::Closed ? s->vus : s->rate)
                                            : s->stages.back().target};
        edit([next](model::Scenario& sc) { sc.stages.push_back(next); }, tr("Add stage"), {}, "stages");
    });
    connect(removeStage_, &QPushButton::clicked, this, [this] {
        const model::Scenario* s = current();
        if (s == nullptr || s->stages.empty()) return;
        int row = stages_->currentRow();
        if (row < 0 || row >= static_cast<int>(s->stages.size()))
            row = static_cast<int>(s->stages.size()) - 1;
        edit([row](model::Scenario& sc) { sc.stages.erase(sc.stages.begin() + row); }, tr("Remove stage"), {},
             "stages");
    });
    return box;
}

QWidget* ScenarioEditor::requestSection() {
    weights_->setObjectName("endpointWeights");
    weights_->setHorizontalHeaderLabels({tr("Endpoint"), tr("Weight")});
    weights_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    weights_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    weights_->verticalHeader()->hide();
    weights_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    weights_->setSelectionMode(QAbstractItemView::NoSelection);
    weights_->setToolTip(tr("Share of the requests per endpoint; weight 0 leaves an endpoint out."));
    bodyMode_->setObjectName("bodyMode");
    bodyMode_->addItem(tr("Valid samples"), static_cast<int>(model::BodyMode::Valid));
    bodyMode_->addItem(tr("A share of invalid bodies"), static_cast<int>(model::BodyMode::InvalidShare));
    bodyMode_->addItem(tr("A fixed JSON body"), static_cast<int>(model::BodyMode::Fixed));
    invalidShare_->setObjectName("invalidShare");
    invalidShare_->setRange(0, 100);
    invalidShare_->setDecimals(1);
    invalidShare_->setSuffix(tr(" % invalid"));
    fixedBody_->setPlaceholderText(tr("{\"text\": \"hello\"}"));
    fixedBody_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    headers_->setPlaceholderText(tr("One per line: Authorization: Bearer secret"));
    headers_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto [box, rows] = form::section(tr("Requests"));
    requestForm_ = rows;
    rows->addRow(tr("Endpoint weights"), weights_);
    rows->addRow(QString(), weightsNote_);
    rows->addRow(tr("&Bodies"), bodyMode_);
    rows->addRow(tr("Invalid share"), invalidShare_);
    rows->addRow(tr("Fixed body"), fixedBody_);
    rows->addRow(QString(), fixedBodyError_);
    rows->addRow(tr("&Headers"), headers_);
    rows->addRow(QString(), headerErrors_);

    connect(bodyMode_, &QComboBox::activated, this, [this] {
        const auto m = static_cast<model::BodyMode>(bodyMode_->currentData().toInt());
        edit([m](model::Scenario& s) { s.bodyMode = m; },
             tr("Change body mode to %1").arg(bodyMode_->currentText()), {}, "body");
    });
    connect(invalidShare_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        edit([v](model::Scenario& s) { s.invalidShare = v / 100.0; }, tr("Change invalid share"),
             QStringLiteral("invalidShare"), "invalid_share");
    });
    connect(fixedBody_, &QPlainTextEdit::textChanged, this, &ScenarioEditor::onFixedBodyEdited);
    connect(headers_, &QPlainTextEdit::textChanged, this, &ScenarioEditor::onHeadersEdited);
    return box;
}

QWidget* ScenarioEditor::thresholdSection() {
    thresholds_->setPlaceholderText(
        tr("One per line, e.g.\np95 < 200ms\nerror_rate < 1%\nget_book: p99 <= 1s"));
    thresholds_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* box = new QGroupBox(tr("Thresholds"));
    auto* column = new QVBoxLayout(box);
    column->addWidget(thresholds_);
    column->addWidget(thresholdErrors_);
    connect(thresholds_, &QPlainTextEdit::textChanged, this, &ScenarioEditor::onThresholdsEdited);
    return box;
}

const model::Scenario* ScenarioEditor::current() const {
    const auto& all = document_->project().scenarios;
    if (index_ < 0 || index_ >= static_cast<int>(all.size())) return nullptr;
    return &all[static_cast<std::size_t>(index_)];
}

void ScenarioEditor::showScenario(int index) {
    if (index != index_) document_->sealEdits();
    index_ = index;
    refresh();
}

void ScenarioEditor::edit(const Change& change, const QString& text, const QString& mergeKey,
                          const char* key) {
    const int i = index_;
    if (current() == nullptr) return;
    const QString name = q(current()->name);
    document_->edit(
        [i, change](model::Project& p) {
            if (i >= 0 && i < static_cast<int>(p.scenarios.size()))
                change(p.scenarios[static_cast<std::size_t>(i)]);
        },
        tr("%1 of scenario ‘%2’").arg(text, name),
        mergeKey.isEmpty() ? QString() : QStringLiteral("scenario/%1/%2").arg(i).arg(mergeKey),
        QStringLiteral("/scenarios/%1/%2").arg(i).arg(QLatin1String(key)));
}

void ScenarioEditor::bindInt(QSpinBox* box, const QString& what, const char* key,
                             void (*apply)(model::Scenario&, int)) {
    form::onValueChanged(box, document_, [this, what, key, apply](int v) {
        edit([apply, v](model::Scenario& s) { apply(s, v); }, tr("Change %1").arg(what), what, key);
    });
}

void ScenarioEditor::bindDuration(QLineEdit* field, const QString& what, const char* key,
                                  model::Duration& (*slot)(model::Scenario&)) {
    form::onDurationEdited(field, document_, [this, what, key, slot](model::Duration d) {
        edit([slot, d](model::Scenario& s) { slot(s) = d; }, tr("Change %1").arg(what), what, key);
    });
}

void ScenarioEditor::commitStages() {
    std::vector<model::Stage> stages;
    bool valid = true;
    for (int row = 0; row < stages_->rowCount(); ++row) {
        QTableWidgetItem* d = stages_->item(row, 0);
        QTableWidgetItem* t = stages_->item(row, 1);
        const auto duration = d ? model::parseDuration(d->text().trimmed().toStdString()) : std::nullopt;
        bool ok = false;
        const double target = t ? t->text().trimmed().toDouble(&ok) : 0;
        const QSignalBlocker block(stages_);
        if (d) d->setToolTip(duration ? QString() : tr("Write a duration such as 30s or 2m"));
        if (t) t->setToolTip(ok && target >= 0 ? QString() : tr("Write a level of 0 or more"));
        if (!duration || !ok || target < 0 || !std::isfinite(target)) {
            valid = false;
            continue;
        }
        stages.push_back({*duration, target});
    }
    if (!valid) return;
    edit([stages](model::Scenario& s) { s.stages = stages; }, tr("Change stages"), QStringLiteral("stages"),
         "stages");
    document_->sealEdits();
}

void ScenarioEditor::commitWeights() {
    const model::Project& p = document_->project();
    std::vector<model::MixEntry> mix;
    bool allOne = true;
    for (int row = 0; row < weights_->rowCount(); ++row) {
        auto* box = qobject_cast<QDoubleSpinBox*>(weights_->cellWidget(row, 1));
        if (box == nullptr || row >= static_cast<int>(p.endpoints.size())) continue;
        allOne = allOne && box->value() == 1.0;
        if (box->value() > 0) mix.push_back({p.endpoints[static_cast<std::size_t>(row)].id, box->value()});
    }
    if (mix.empty()) {
        form::showErrors(weightsNote_, {tr("Give at least one endpoint a weight above 0.")});
        return;
    }
    form::showErrors(weightsNote_, {});
    // Every endpoint at 1 is what an empty mix means; keep the file short.
    if (allOne) mix.clear();
    edit([mix](model::Scenario& s) { s.mix = mix; }, tr("Change endpoint weights"), QStringLiteral("mix"),
         "mix");
}

void ScenarioEditor::onThresholdsEdited() {
    const QStringList lines = nonEmptyLines(thresholds_->toPlainText());
    QStringList errors;
    std::vector<std::string> list;
    for (int i = 0; i < lines.size(); ++i) {
        const std::string text = lines[i].toStdString();
        list.push_back(text);
        auto parsed = stats::parseThreshold(text);
        if (const auto* e = std::get_if<stats::ThresholdParseError>(&parsed))
            errors << tr("“%1”: %2").arg(lines[i], q(e->toString()));
    }
    form::showErrors(thresholdErrors_, errors);
    edit([list](model::Scenario& s) { s.thresholds = list; }, tr("Change thresholds"),
         QStringLiteral("thresholds"), "thresholds");
}

void ScenarioEditor::onHeadersEdited() {
    std::vector<std::pair<std::string, std::string>> list;
    QStringList errors;
    for (const QString& line : nonEmptyLines(headers_->toPlainText())) {
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0) {
            errors << tr("“%1”: write Name: value").arg(line);
            continue;
        }
        list.emplace_back(line.left(colon).trimmed().toStdString(),
                          line.mid(colon + 1).trimmed().toStdString());
    }
    form::showErrors(headerErrors_, errors);
    if (!errors.isEmpty()) return;
    edit([list](model::Scenario& s) { s.headers = list; }, tr("Change headers"), QStringLiteral("headers"),
         "headers");
}

void ScenarioEditor::onFixedBodyEdited() {
    const std::string text = fixedBody_->toPlainText().toStdString();
    std::optional<Json> body;
    if (!fixedBody_->toPlainText().trimmed().isEmpty()) {
        try {
            body = Json::parse(text);
        } catch (const Json::parse_error& e) {
            // nlohmann's message starts with its own prefix; the byte offset is what helps.
            form::showErrors(fixedBodyError_, {tr("Not valid JSON (at byte %1)").arg(e.byte)});
            return;
        }
    }
    form::showErrors(fixedBodyError_, {});
    edit([body](model::Scenario& s) { s.fixedBody = body; }, tr("Change fixed body"),
         QStringLiteral("fixedBody"), "fixed_body");
}

void ScenarioEditor::refreshStages(const model::Scenario& s) {
    // Rebuild only when the table says something else, so typing is not disturbed.
    bool same = stages_->rowCount() == static_cast<int>(s.stages.size());
    for (int row = 0; same && row < stages_->rowCount(); ++row) {
        const auto* d = stages_->item(row, 0);
        const auto* t = stages_->item(row, 1);
        const auto& st = s.stages[static_cast<std::size_t>(row)];
        same = d && t && model::parseDuration(d->text().trimmed().toStdString()) == st.duration &&
               t->text().trimmed().toDouble() == st.target;
    }
    if (same) return;
    const QSignalBlocker block(stages_);
    stages_->setRowCount(static_cast<int>(s.stages.size()));
    for (int row = 0; row < stages_->rowCount(); ++row) {
        const auto& st = s.stages[static_cast<std::size_t>(row)];
        stages_->setItem(row, 0, new QTableWidgetItem(q(model::formatDuration(st.duration))));
        stages_->setItem(row, 1, new QTableWidgetItem(numberText(st.target)));
    }
}

void ScenarioEditor::refreshWeights(const model::Scenario& s) {
    const model::Project& p = document_->project();
    if (weights_->rowCount() != static_cast<int>(p.endpoints.size())) {
        weights_->setRowCount(static_cast<int>(p.endpoints.size()));
        for (int row = 0; row < weights_->rowCount(); ++row) {
            auto* box = new QDoubleSpinBox;
            box->setRange(0, 1000);
            box->setDecimals(2);
            box->setFrame(false);
            box->setSpecialValueText(tr("0 (excluded)"));
            connect(box, &QDoubleSpinBox::valueChanged, this, &ScenarioEditor::commitWeights);
            connect(box, &QDoubleSpinBox::editingFinished, document_, &ProjectDocument::sealEdits);
            weights_->setCellWidget(row, 1, box);
        }
    }
    for (int row = 0; row < weights_->rowCount(); ++row) {
        const model::Endpoint& e = p.endpoints[static_cast<std::size_t>(row)];
        const QString label = q(e.method + " " + e.path + "  (" + e.id + ")");
        if (weights_->item(row, 0) == nullptr || weights_->item(row, 0)->text() != label)
            weights_->setItem(row, 0, new QTableWidgetItem(label));
        double weight = s.mix.empty() ? 1.0 : 0.0;
        for (const model::MixEntry& m : s.mix) {
            if (m.endpoint == e.id) weight = m.weight;
        }
        auto* box = qobject_cast<QDoubleSpinBox*>(weights_->cellWidget(row, 1));
        box->setObjectName(QStringLiteral("weight_") + q(e.id));
        quiet::setValue(box, weight);
    }
    const int rows = std::max(1, weights_->rowCount());
    weights_->setFixedHeight(weights_->horizontalHeader()->height() +
                             std::min(rows, 6) * weights_->verticalHeader()->defaultSectionSize() + 4);
}

void ScenarioEditor::refresh() {
    const model::Scenario* found = current();
    if (found == nullptr) return;
    const model::Scenario& s = *found;
    title_->setText(q(s.name));
    quiet::setText(name_, q(s.name));
    quiet::setText(description_, q(s.description));
    quiet::setCurrentData(targetKind_, static_cast<int>(s.target.kind));
    quiet::setText(url_, q(s.target.url));
    const bool isUrl = s.target.kind == model::Target::Kind::Url;
    url_->setEnabled(isUrl);
    insecure_->setEnabled(isUrl);
    server_->setChoice(s.server);
    server_->setEnabled(!isUrl);
    quiet::setChecked(insecure_, s.target.insecureTls);
    refreshRemote(s);
    quiet::setCurrentData(executor_, static_cast<int>(s.executor));
    quiet::setCurrentData(engine_, static_cast<int>(s.engine));
    loadForm_->setRowVisible(locustWorkers_, s.engine == model::LoadEngine::Locust);
    quiet::setValue(locustWorkers_, s.locustWorkers);
    const bool closed = s.executor == model::Executor::Closed;
    const bool staged = !s.stages.empty();
    loadForm_->setRowVisible(vus_, closed);
    loadForm_->setRowVisible(rate_, !closed);
    loadForm_->setRowVisible(connections_, !closed);
    vus_->setEnabled(!staged);
    rate_->setEnabled(!staged);
    duration_->setEnabled(!staged);
    quiet::setValue(vus_, s.vus);
    quiet::setValue(rate_, s.rate);
    quiet::setValue(connections_, s.connections);
    quiet::setValue(maxRequests_,
                    static_cast<int>(std::min<std::int64_t>(s.maxRequests, maxRequests_->maximum())));
    quiet::setValue(threads_, s.threads);
    form::showDuration(duration_, s.duration);
    form::showDuration(warmup_, s.warmup);
    form::showDuration(timeout_, s.timeout);
    form::showDuration(thinkTime_, s.thinkTime);
    refreshStages(s);
    removeStage_->setEnabled(staged);
    profile_->showScenario(s);
    refreshWeights(s);
    quiet::setCurrentData(bodyMode_, static_cast<int>(s.bodyMode));
    requestForm_->setRowVisible(invalidShare_, s.bodyMode == model::BodyMode::InvalidShare);
    requestForm_->setRowVisible(fixedBody_, s.bodyMode == model::BodyMode::Fixed);
    requestForm_->setRowVisible(fixedBodyError_, s.bodyMode == model::BodyMode::Fixed);
    quiet::setValue(invalidShare_, s.invalidShare * 100.0);
    if (!fixedBody_->hasFocus() || fixedBodyError_->isHidden()) {
        const QString text = s.fixedBody ? q(s.fixedBody->dump(2)) : QString();
        std::optional<Json> shown;
        try {
            if (!fixedBody_->toPlainText().trimmed().isEmpty())
                shown = Json::parse(fixedBody_->toPlainText().toStdString());
        } catch (const Json::parse_error&) {
        }
        if (shown != s.fixedBody) quiet::setPlainText(fixedBody_, text);
    }
    {
        std::vector<std::pair<std::string, std::string>> shown;
        for (const QString& line : nonEmptyLines(headers_->toPlainText())) {
            const qsizetype colon = line.indexOf(QLatin1Char(':'));
            if (colon > 0)
                shown.emplace_back(line.left(colon).trimmed().toStdString(),
                                   line.mid(colon + 1).trimmed().toStdString());
        }
        if (shown != s.headers && headerErrors_->isHidden()) {
            QStringList lines;
            for (const auto& [k, v] : s.headers)
                lines << q(k + ": " + v);
            quiet::setPlainText(headers_, lines.join(QLatin1Char('\n')));
        }
    }
    {
        std::vector<std::string> shown;
        for (const QString& line : nonEmptyLines(thresholds_->toPlainText()))
            shown.push_back(line.toStdString());
        if (shown != s.thresholds) {
            QStringList lines;
            for (const std::string& t : s.thresholds)
                lines << q(t);
            quiet::setPlainText(thresholds_, lines.join(QLatin1Char('\n')));
            QStringList errors;
            for (const std::string& t : s.thresholds) {
                auto parsed = stats::parseThreshold(t);
                if (const auto* e = std::get_if<stats::ThresholdParseError>(&parsed))
                    errors << tr("“%1”: %2").arg(q(t), q(e->toString()));
            }
            form::showErrors(thresholdErrors_, errors);
        }
    }
    const std::string prefix = "/scenarios/" + std::to_string(index_);
    markers_.show(document_->problems(), prefix,
                  [this](const JsonPointer& pointer, std::size_t from) { return locate(pointer, from); });
}

void ScenarioEditor::refreshRemote(const model::Scenario& s) {
    targetForm_->setRowVisible(remoteRow_, !s.allowRemote.empty());
    if (s.allowRemote.empty()) return;
    const QString host = q(s.allowRemote);
    const auto url = model::parseTargetUrl(s.target.url);
    const auto* parsed = std::get_if<model::TargetUrl>(&url);
    const bool current = s.target.kind == model::Target::Kind::Url && parsed != nullptr &&
                         model::sameHost(parsed->host, s.allowRemote);
    remoteHost_->setText(
        current ? tr("You allowed load to %1").arg(host)
                : tr("You allowed load to %1, not to this target's host (a run asks first)").arg(host));
}

QWidget* ScenarioEditor::locate(const JsonPointer& pointer, std::size_t from) {
    const std::string& key = pointer.token(from);
    if (key == "name") return name_;
    if (key == "description") return description_;
    if (key == "target" || key == "insecure_tls") return url_;
    if (key == "allow_remote") return revokeRemote_;
    if (key == "server") return server_;
    if (key == "executor") return executor_;
    if (key == "vus") return vus_;
    if (key == "rate") return rate_;
    if (key == "connections") return connections_;
    if (key == "duration") return duration_;
    if (key == "warmup") return warmup_;
    if (key == "max_requests") return maxRequests_;
    if (key == "threads") return threads_;
    if (key == "engine") return engine_;
    if (key == "locust_workers") return locustWorkers_;
    if (key == "timeout") return timeout_;
    if (key == "think_time") return thinkTime_;
    if (key == "stages") return stages_;
    if (key == "mix") return weights_;
    if (key == "body") return bodyMode_;
    if (key == "invalid_share") return invalidShare_;
    if (key == "fixed_body") return fixedBody_;
    if (key == "headers") return headers_;
    if (key == "thresholds") return thresholds_;
    return name_;
}

void ScenarioEditor::focusLocation(const JsonPointer& pointer, std::size_t from) {
    if (QWidget* w = locate(pointer, from)) w->setFocus(Qt::OtherFocusReason);
}

}  // namespace loadstar::widgets
