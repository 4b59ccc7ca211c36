#include "widgets/cockpit/server_choice_editor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

#include "widgets/common/quiet_update.h"

namespace loadstar::widgets {

ServerChoiceEditor::ServerChoiceEditor(QWidget* parent)
    : QWidget(parent),
      kind_(new QComboBox),
      workersLabel_(new QLabel(tr("&Workers"))),
      workers_(new QSpinBox),
      workerClass_(new QComboBox),
      threadsLabel_(new QLabel(tr("&Threads"))),
      threads_(new QSpinBox) {
    kind_->setObjectName("serverKind");
    workers_->setObjectName("serverWorkers");
    workerClass_->setObjectName("serverWorkerClass");
    threads_->setObjectName("serverThreads");
    kind_->addItem(tr("Embedded server (as in Settings)"), static_cast<int>(model::ServerKind::Embedded));
    kind_->addItem(tr("FastAPI under uvicorn (generated)"), static_cast<int>(model::ServerKind::FastApi));
    kind_->addItem(tr("Flask under gunicorn (generated)"), static_cast<int>(model::ServerKind::Flask));
    kind_->setToolTip(
        tr("Which server answers when the scenario drives the design. FastAPI and Flask run the "
           "design generated as an app (loadstar generate), started for each run."));
    workers_->setRange(1, model::kMaxServerWorkers);
    workers_->setToolTip(tr("Worker processes: uvicorn --workers, gunicorn --workers"));
    workerClass_->addItem(tr("sync"), static_cast<int>(model::WorkerClass::Sync));
    workerClass_->addItem(tr("gthread"), static_cast<int>(model::WorkerClass::Gthread));
    workerClass_->setToolTip(
        tr("gunicorn's worker class: one request at a time per worker (sync), or a pool "
           "of threads in each worker (gthread)"));
    threads_->setRange(1, model::kMaxWorkerThreads);
    threads_->setToolTip(tr("Threads in each gthread worker"));
    workersLabel_->setBuddy(workers_);
    threadsLabel_->setBuddy(threads_);

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(kind_, 1);
    row->addWidget(workersLabel_);
    row->addWidget(workers_);
    row->addWidget(workerClass_);
    row->addWidget(threadsLabel_);
    row->addWidget(threads_);

    connect(kind_, &QComboBox::activated, this, [this] {
        model::ServerChoice c = choice_;
        c.kind = static_cast<model::ServerKind>(kind_->currentData().toInt());
        change(c, c.kind == model::ServerKind::Embedded ? tr("Serve with the embedded server")
                                                        : tr("Serve with %1").arg(kind_->currentText()));
    });
    connect(workers_, &QSpinBox::valueChanged, this, [this](int n) {
        model::ServerChoice c = choice_;
        c.workers = n;
        change(c, tr("Set server workers to %1").arg(n), QStringLiteral("server_workers"));
    });
    connect(workerClass_, &QComboBox::activated, this, [this] {
        model::ServerChoice c = choice_;
        c.workerClass = static_cast<model::WorkerClass>(workerClass_->currentData().toInt());
        change(c, tr("Use %1 workers").arg(workerClass_->currentText()));
    });
    connect(threads_, &QSpinBox::valueChanged, this, [this](int n) {
        model::ServerChoice c = choice_;
        c.threads = n;
        change(c, tr("Set threads per worker to %1").arg(n), QStringLiteral("server_threads"));
    });
    showChoice();
}

void ServerChoiceEditor::setChoice(const model::ServerChoice& choice) {
    choice_ = choice;
    showChoice();
}

void ServerChoiceEditor::change(const model::ServerChoice& choice, const QString& undoText,
                                const QString& mergeKey) {
    if (choice == choice_) return;
    choice_ = choice;
    showChoice();
    emit edited(choice, undoText, mergeKey);
}

void ServerChoiceEditor::showChoice() {
    quiet::setCurrentData(kind_, static_cast<int>(choice_.kind));
    quiet::setValue(workers_, choice_.workers);
    quiet::setCurrentData(workerClass_, static_cast<int>(choice_.workerClass));
    quiet::setValue(threads_, choice_.threads);
    const bool framework = choice_.kind != model::ServerKind::Embedded;
    const bool flask = choice_.kind == model::ServerKind::Flask;
    workersLabel_->setVisible(framework);
    workers_->setVisible(framework);
    workerClass_->setVisible(flask);
    const bool threads = flask && choice_.workerClass == model::WorkerClass::Gthread;
    threadsLabel_->setVisible(threads);
    threads_->setVisible(threads);
}

}  // namespace loadstar::widgets
