#include "widgets/window/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

#include "engine/model/project_file.h"
#include "widgets/cockpit/benchmark_plan.h"
#include "widgets/cockpit/compare_frameworks.h"
#include "widgets/cockpit/live_dashboard.h"
#include "widgets/cockpit/run_controller.h"
#include "widgets/cockpit/scenario_editor.h"
#include "widgets/common/display_path.h"
#include "widgets/common/form_fields.h"
#include "widgets/common/installed_data.h"
#include "widgets/designer/endpoint_editor.h"
#include "widgets/designer/model_editor.h"
#include "widgets/designer/settings_editor.h"
#include "widgets/document/json_pointer.h"
#include "widgets/document/problems_model.h"
#include "widgets/document/project_item_edits.h"
#include "widgets/runs/run_history.h"
#include "widgets/runs/runs_page.h"
#include "widgets/server/server_panel.h"
#include "widgets/server/try_it_console.h"
#include "widgets/window/first_start_geometry.h"
#include "widgets/window/message_bar.h"
#include "widgets/window/problems_dock_policy.h"
#include "widgets/window/recent_files.h"
#include "widgets/window/welcome_page.h"

namespace loadstar::widgets {

namespace {

const char* const kGeometryKey = "window/geometry";
const char* const kStateKey = "window/state";

// "1 error", "3 errors": English plurals without a loaded translator.
QString countOf(int n, const char* one, const char* many) {
    return n == 1 ? QCoreApplication::translate("MainWindow", one)
                  : QCoreApplication::translate("MainWindow", many).arg(n);
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QString recoveryDirectory(const QString& configured) {
    if (!configured.isEmpty()) return configured;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("recovery"));
}

}  // namespace

MainWindow::MainWindow(Options options, QWidget* parent)
    : QMainWindow(parent),
      options_(std::move(options)),
      settings_(options_.settingsFile.isEmpty()
                    ? std::make_unique<QSettings>()
                    : std::make_unique<QSettings>(options_.settingsFile, QSettings::IniFormat)),
      recovery_(recoveryDirectory(options_.recoveryDir)),
      recent_(new RecentFiles(settings_.get(), this)),
      export_(new OpenApiExport(this)),
      problems_(new ProblemsModel(this)),
      sidebar_(new QTreeView),
      sidebarDock_(new QDockWidget(tr("Project"), this)),
      problemsDock_(new QDockWidget(tr("Problems"), this)),
      problemsView_(new QTableView),
      serverDock_(new QDockWidget(tr("Server"), this)),
      serverPanel_(new ServerPanel(options_.serverBinary.isEmpty()
                                       ? QCoreApplication::applicationDirPath() + QStringLiteral("/loadstar")
                                       : options_.serverBinary)),
      messages_(new MessageBar),
      pages_(new QStackedWidget),
      welcome_(new WelcomePage),
      settingsEditor_(new SettingsEditor(&document_)),
      modelEditor_(new ModelEditor(&document_)),
      endpointEditor_(new EndpointEditor(&document_)),
      scenarioEditor_(new ScenarioEditor(&document_)),
      runs_(new RunController(this)),
      plan_(new BenchmarkPlan(
          runs_, [this](const model::Scenario& s) { return runScenario(s); }, this)),
      runPage_(new QSplitter(Qt::Vertical)),
      dashboard_(new LiveDashboard),
      planTable_(new QTableView),
      placeholder_(new QLabel),
      runsPage_(new RunsPage),
      problemSummary_(new QLabel) {
    setWindowTitle(tr("Loadstar"));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    createSidebarDock();
    createProblemsDock();
    createServerDock();
    createRunPage();
    createPages();
    createActions();
    createMenus();
    connectRuns();
    connectWelcome();
    connectDocument();

    autosave_.setInterval(options_.autosaveIntervalMs);
    connect(&autosave_, &QTimer::timeout, this, &MainWindow::autosaveNow);
    autosave_.start();

    if (!restoreGeometry(settings_->value(kGeometryKey).toByteArray()))
        setGeometry(firstStartGeometry(screen()->availableGeometry()));
    initialLayout_ = !restoreState(settings_->value(kStateKey).toByteArray());
    setHasProject(false);
    onProjectChanged();
    onProblemsChanged();
    offerRecovery();
}

void MainWindow::createSidebarDock() {
    sidebar_->setObjectName("sidebar");
    sidebar_->setModel(&tree_);
    sidebar_->setHeaderHidden(true);
    sidebar_->setUniformRowHeights(true);
    sidebar_->setContextMenuPolicy(Qt::ActionsContextMenu);
    sidebarDock_->setObjectName("projectDock");
    sidebarDock_->setWidget(sidebar_);
    sidebarDock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, sidebarDock_);
}

void MainWindow::createProblemsDock() {
    problemsView_->setObjectName("problems");
    problemsView_->setModel(problems_);
    problemsView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    problemsView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    problemsView_->verticalHeader()->hide();
    problemsView_->horizontalHeader()->setSectionResizeMode(ProblemsModel::MessageColumn,
                                                            QHeaderView::Stretch);
    problemsView_->horizontalHeader()->setSectionResizeMode(ProblemsModel::WhereColumn,
                                                            QHeaderView::ResizeToContents);
    problemsView_->setWordWrap(false);
    problemsDock_->setObjectName("problemsDock");
    problemsDock_->setWidget(problemsView_);
    problemsDock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::BottomDockWidgetArea, problemsDock_);
    problemsPolicy_ = new ProblemsDockPolicy(problemsDock_, settings_.get(), this);
    connect(problemsView_, &QTableView::activated, this,
            [this](const QModelIndex& index) { jumpTo(problems_->locationAt(index.row())); });
    connect(problemsView_, &QTableView::clicked, this,
            [this](const QModelIndex& index) { jumpTo(problems_->locationAt(index.row())); });
}

void MainWindow::createServerDock() {
    serverDock_->setObjectName("serverDock");
    // Scrolls rather than holding the whole bottom area at the console's full
    // height: the Problems list shares it and needs only a few lines.
    serverDock_->setWidget(form::scrolling(serverPanel_));
    serverDock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::BottomDockWidgetArea, serverDock_);
    tabifyDockWidget(problemsDock_, serverDock_);
    problemsDock_->raise();
    connect(serverPanel_->controller(), &ServerController::stateChanged, this,
            &MainWindow::onServerStateChanged);
}

// The live dashboard above the benchmark plan's summary, fed by the run controller.
void MainWindow::createRunPage() {
    planTable_->setObjectName("benchmarkSummary");
    planTable_->setModel(plan_->summary());
    planTable_->verticalHeader()->hide();
    planTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
    planTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    planTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    planTable_->horizontalHeader()->setStretchLastSection(true);
    planTable_->hide();
    auto* runSplitter = static_cast<QSplitter*>(runPage_);
    runSplitter->setObjectName("runPage");
    runSplitter->addWidget(dashboard_);
    runSplitter->addWidget(planTable_);
    runSplitter->setStretchFactor(0, 3);
    runSplitter->setStretchFactor(1, 1);
    setUpFrameworkComparison(runSplitter);
    connect(dashboard_, &LiveDashboard::stopRequested, this, &MainWindow::stopRun);
    connect(scenarioEditor_, &ScenarioEditor::runRequested, this, qOverload<int>(&MainWindow::runScenario));
    connect(runs_, &RunController::stateChanged, this, &MainWindow::onRunStateChanged);
    connect(runs_, &RunController::started, dashboard_, [this](const model::Scenario& s) {
        dashboard_->begin(s);
        dashboard_->setStopEnabled(true);
    });
    connect(runs_, &RunController::snapshotTaken, dashboard_,
            [this](const std::shared_ptr<const load::Snapshot>& s) {
                dashboard_->showSnapshot(*s, runs_->series());
            });
    connect(runs_, &RunController::engineNotice, dashboard_, &LiveDashboard::setEngineNotice);
    connect(runs_, &RunController::finished, this, &MainWindow::onRunFinished);
    connect(runs_, &RunController::failed, this, [this](const QString& message) {
        dashboard_->showFailure(message);
        if (!plan_->isRunning() && !compare_->isRunning())
            messages_->showMessage(MessageBar::Kind::Error, tr("The run could not start: %1").arg(message));
    });
    connect(plan_, &BenchmarkPlan::planFinished, this, [this] {
        onRunStateChanged();
        statusBar()->showMessage(tr("Benchmark plan finished"), 6000);
    });
}

// The centre: the message bar above the page of the selected item.
void MainWindow::createPages() {
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);
    placeholder_->setMargin(24);
    for (QWidget* page : {static_cast<QWidget*>(welcome_), static_cast<QWidget*>(settingsEditor_),
                          static_cast<QWidget*>(modelEditor_), static_cast<QWidget*>(endpointEditor_),
                          static_cast<QWidget*>(scenarioEditor_), runPage_,
                          static_cast<QWidget*>(placeholder_), static_cast<QWidget*>(runsPage_)}) {
        pages_->addWidget(page);
    }
    auto* central = new QWidget;
    auto* column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(messages_);
    column->addWidget(pages_, 1);
    setCentralWidget(central);
    statusBar()->addPermanentWidget(problemSummary_);
}

void MainWindow::connectWelcome() {
    welcome_->setSamplesDirectory(options_.samplesDir.isEmpty() ? defaultSamplesDir() : options_.samplesDir);
    welcome_->setRecentFiles(recent_->files());
    connect(welcome_, &WelcomePage::newRequested, this, &MainWindow::newProject);
    connect(welcome_, &WelcomePage::openRequested, openAction_, &QAction::trigger);
    connect(welcome_, &WelcomePage::openPath, this, &MainWindow::openFile);
    connect(recent_, &RecentFiles::openRequested, this, &MainWindow::openFile);
    connect(export_, &OpenApiExport::finished, this, &MainWindow::onExportFinished);
}

void MainWindow::connectDocument() {
    connect(sidebar_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& index) {
                if (!restoringRuns_) showNode(tree_.nodeAt(index));
            });
    connect(&document_, &ProjectDocument::projectChanged, this, &MainWindow::onProjectChanged);
    connect(&document_, &ProjectDocument::problemsChanged, this, &MainWindow::onProblemsChanged);
    connect(&document_, &ProjectDocument::dirtyChanged, this, [this](bool dirty) {
        updateTitle();
        if (!dirty) recovery_.discard();
    });
    connect(&document_, &ProjectDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(&document_, &ProjectDocument::locationEdited, this, [this](const QString& location) {
        // Undo and redo show where they changed something.
        const JsonPointer pointer = JsonPointer::parse(location.toStdString());
        const int i = pointer.itemIndex();
        if (pointer.collection() == "models" && i >= 0) selectNode({ProjectTreeModel::Kind::Model, i});
        if (pointer.collection() == "endpoints" && i >= 0) selectNode({ProjectTreeModel::Kind::Endpoint, i});
        if (pointer.collection() == "scenarios" && i >= 0) selectNode({ProjectTreeModel::Kind::Scenario, i});
        if (pointer.collection() == "server" || pointer.collection() == "description") {
            selectNode({ProjectTreeModel::Kind::Settings, -1});
        }
    });
}

MainWindow::~MainWindow() {
    // The undo stack announces "clean" as it is destroyed; that must not read as
    // a save and delete the recovery file of a session that never closed cleanly.
    QObject::disconnect(&document_, nullptr, nullptr, nullptr);
}

QString MainWindow::defaultSamplesDir() const {
    return samplesDirectory();
}

void MainWindow::exportOpenApi(const QString& path) {
    if (!hasProject_) return;
    statusBar()->showMessage(tr("Exporting OpenAPI to %1…").arg(displayPath(path)));
    export_->start(document_.snapshot(), path, OpenApiExport::formatFor(path));
}

void MainWindow::onExportFinished(const OpenApiExport::Outcome& outcome) {
    statusBar()->clearMessage();
    const QString where = displayPath(outcome.path);
    if (!outcome.error.isEmpty()) {
        messages_->showMessage(MessageBar::Kind::Error,
                               tr("Could not export OpenAPI: %1").arg(outcome.error));
    } else if (outcome.designErrors > 0) {
        messages_->showMessage(
            MessageBar::Kind::Warning,
            tr("Exported OpenAPI 3.1 to %1, but the design has %2 — the document describes "
               "an API that cannot be served as it is. See Problems.")
                .arg(where, countOf(outcome.designErrors, "1 error", "%1 errors")));
    } else {
        messages_->showMessage(
            MessageBar::Kind::Information,
            outcome.designWarnings == 0
                ? tr("Exported OpenAPI 3.1 to %1. The design check found no problems.").arg(where)
                : tr("Exported OpenAPI 3.1 to %1. The design check found no errors and %2.")
                      .arg(where, outcome.designWarnings == 1
                                      ? tr("1 warning")
                                      : tr("%1 warnings").arg(outcome.designWarnings)));
    }
    emit exportFinished(outcome.error.isEmpty());
}

void MainWindow::setHasProject(bool open) {
    hasProject_ = open;
    sidebarDock_->setVisible(open);
    problemsPolicy_->setProblemCount(open ? problems_->errorCount() + problems_->warningCount() : 0);
    // Opened by Start Server or View › Server: until then the views get its height.
    if (!open) serverDock_->hide();
    if (!open) serverPanel_->controller()->stop();
    if (open && isVisible()) applyInitialDockSizes();
    for (QAction* a : {saveAction_, saveAsAction_, exportAction_, serverAction_, closeAction_,
                       addModelAction_, addEndpointAction_, duplicateAction_, deleteAction_,
                       nextProblemAction_, addScenarioAction_, compareAction_}) {
        a->setEnabled(open);
    }
    if (!open) {
        plan_->cancel();
        compare_->cancel();
        runs_->stop();
    }
    onRunStateChanged();
    if (!open) {
        welcome_->setRecentFiles(recent_->files());
        pages_->setCurrentWidget(welcome_);
    }
    updateTitle();
}

QWidget* MainWindow::currentPage() const {
    return pages_->currentWidget();
}

void MainWindow::openInitial(const QString& path) {
    if (!path.isEmpty()) {
        openFile(path);
        return;
    }
    const QStringList recent = recent_->files();
    if (!recent.isEmpty() && QFileInfo::exists(recent.front()) && !hasProject_) openFile(recent.front());
}

bool MainWindow::openFile(const QString& path) {
    auto result = model::loadProject(path.toStdString());
    if (const auto* error = std::get_if<model::ProjectError>(&result)) {
        // Nothing changes: the current design (if any) stays open and untouched.
        messages_->showMessage(MessageBar::Kind::Error,
                               tr("Could not open %1:\n%2").arg(displayPath(path), q(error->toString())));
        return false;
    }
    if (!readyToReplace([this, path] { openFile(path); })) return false;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString stopped = stopServerForAnotherDesign();
    serverPanel_->console()->clear();
    document_.reset(std::move(std::get<model::Project>(result)), absolute);
    recovery_.discard();
    recent_->add(absolute);
    setHasProject(true);
    showServerStopped(stopped);
    selectNode({document_.project().endpoints.empty() ? ProjectTreeModel::Kind::Settings
                                                      : ProjectTreeModel::Kind::Endpoint,
                document_.project().endpoints.empty() ? -1 : 0});
    statusBar()->showMessage(tr("Opened %1").arg(displayPath(absolute)), 4000);
    return true;
}

void MainWindow::newProject() {
    if (!readyToReplace([this] { newProject(); })) return;
    const QString stopped = stopServerForAnotherDesign();
    serverPanel_->console()->clear();
    document_.reset(model::Project{}, {});
    recovery_.discard();
    setHasProject(true);
    showServerStopped(stopped);
    selectNode({ProjectTreeModel::Kind::Settings, -1});
}

QString MainWindow::stopServerForAnotherDesign() {
    // Stop before the document changes: the server serves the old design, and a
    // restart offer for it would make no sense once another one is open.
    ServerController* server = serverPanel_->controller();
    if (!server->isRunning()) return {};
    const auto& served = serverPanel_->served();
    const QString name = served ? q(served->name) : q(document_.project().name);
    server->stop();
    return name;
}

void MainWindow::showServerStopped(const QString& servedName) {
    if (servedName.isEmpty()) {
        messages_->hide();
        return;
    }
    messages_->showMessage(
        MessageBar::Kind::Information,
        tr("Stopped the server, which was serving “%1”. Start it again to serve this "
           "design (%2).")
            .arg(servedName, serverAction_->shortcut().toString(QKeySequence::NativeText)));
}

void MainWindow::closeProject() {
    if (!hasProject_ || !readyToReplace([this] { closeProject(); })) return;
    stopServerForAnotherDesign();
    serverPanel_->console()->clear();
    document_.reset(model::Project{}, {});
    recovery_.discard();
    setHasProject(false);
}

bool MainWindow::saveTo(const QString& path) {
    const auto result = model::saveProject(document_.project(), path.toStdString());
    if (const auto* error = std::get_if<model::ProjectError>(&result)) {
        messages_->showMessage(MessageBar::Kind::Error, tr("Could not save: %1").arg(q(error->toString())));
        return false;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    document_.setFilePath(absolute);
    document_.markSaved();
    recovery_.discard();
    recent_->add(absolute);
    statusBar()->showMessage(tr("Saved %1").arg(displayPath(absolute)), 4000);
    return true;
}

bool MainWindow::save() {
    if (!hasProject_) return false;
    if (document_.filePath().isEmpty()) return saveAs();
    return saveTo(document_.filePath());
}

bool MainWindow::saveAs() {
    if (!hasProject_) return false;
    std::string base = document_.project().name;
    std::replace_if(
        base.begin(), base.end(), [](char c) { return c == ' ' || c == '/'; }, '-');
    const QString suggestion =
        document_.filePath().isEmpty()
            ? QDir::home().filePath(q(base).toLower() + QStringLiteral(".loadstar.json"))
            : document_.filePath();
    const QString path = savePathPrompt_
                             ? savePathPrompt_(suggestion)
                             : QFileDialog::getSaveFileName(this, tr("Save Project"), suggestion,
                                                            tr("Loadstar projects (*.loadstar.json)"));
    return !path.isEmpty() && saveTo(path);
}

bool MainWindow::readyToReplace(const std::function<void()>& retry) {
    if (!hasProject_ || !document_.isDirty() || discardConfirmed_) return true;
    messages_->showMessage(MessageBar::Kind::Warning,
                           tr("“%1” has unsaved changes. Save them first?").arg(q(document_.project().name)));
    QPushButton* saveFirst = messages_->addAction(tr("Save"), [this, retry] {
        if (save()) retry();
    });
    saveFirst->setObjectName("saveBeforeReplacing");
    messages_
        ->addAction(tr("Discard Changes"),
                    [this, retry] {
                        recovery_.discard();
                        discardConfirmed_ = true;
                        retry();
                        discardConfirmed_ = false;
                    })
        ->setObjectName("discardBeforeReplacing");
    messages_->addAction(tr("Cancel"), [] {})->setObjectName("cancelReplacing");
    saveFirst->setFocus(Qt::OtherFocusReason);
    return false;
}

bool MainWindow::confirmDiscard() {
    if (!hasProject_ || !document_.isDirty()) return true;
    const QString name = q(document_.project().name);
    QMessageBox::StandardButton answer;
    if (unsavedPrompt_) {
        answer = unsavedPrompt_(name);
    } else {
        answer = QMessageBox::warning(
            this, tr("Unsaved Changes"), tr("“%1” has unsaved changes. Save them first?").arg(name),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    }
    if (answer == QMessageBox::Save) return save();
    if (answer == QMessageBox::Discard) {
        recovery_.discard();
        return true;
    }
    return false;
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    if (hasProject_) applyInitialDockSizes();
}

void MainWindow::applyInitialDockSizes() {
    // First start only: a slim sidebar and a bottom area of a few lines. Docks
    // take sizes only once the layout has placed them, hence a queued call
    // rather than the constructor or the moment they are made visible.
    if (!initialLayout_) return;
    initialLayout_ = false;
    QTimer::singleShot(0, this, [this] {
        resizeDocks({sidebarDock_}, {240}, Qt::Horizontal);
        resizeDocks({problemsDock_, serverDock_}, {180, 180}, Qt::Vertical);
    });
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!confirmDiscard()) {
        event->ignore();
        return;
    }
    settings_->setValue(kGeometryKey, saveGeometry());
    settings_->setValue(kStateKey, saveState());
    recovery_.discard();
    autosave_.stop();
    plan_->cancel();
    compare_->cancel();
    runs_->stop();
    serverPanel_->controller()->stop();
    event->accept();
}

void MainWindow::autosaveNow() {
    if (!hasProject_ || !document_.isDirty() || document_.undoStack()->index() == autosavedIndex_) return;
    const QString error = recovery_.save(document_.project(), document_.filePath());
    if (!error.isEmpty()) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(error), 6000);
        return;
    }
    autosavedIndex_ = document_.undoStack()->index();
}

void MainWindow::offerRecovery() {
    auto recovered = recovery_.load();
    if (!recovered) return;
    const QString what =
        recovered->originalPath.isEmpty() ? tr("an unsaved project") : displayPath(recovered->originalPath);
    messages_->showMessage(
        MessageBar::Kind::Warning,
        tr("Loadstar did not close cleanly. Unsaved changes to %1 (%2) were kept.")
            .arg(what, QLocale().toString(recovered->savedAt.toLocalTime(), QLocale::ShortFormat)));
    messages_->addAction(tr("&Restore"),
                         [this, r = std::make_shared<RecoveryStore::Recovered>(std::move(*recovered))] {
                             document_.reset(r->project, r->originalPath, true);
                             setHasProject(true);
                             selectNode({ProjectTreeModel::Kind::Settings, -1});
                             autosaveNow();
                         });
    messages_->addAction(tr("Discard"), [this] { recovery_.discard(); });
}

void MainWindow::updateTitle() {
    if (!hasProject_) {
        setWindowTitle(tr("Loadstar"));
        setWindowModified(false);
        return;
    }
    const QString file =
        document_.filePath().isEmpty() ? tr("not saved yet") : QFileInfo(document_.filePath()).fileName();
    setWindowTitle(tr("%1 (%2)[*] — Loadstar").arg(q(document_.project().name), file));
    setWindowModified(document_.isDirty());
}

void MainWindow::onProjectChanged() {
    tree_.setProject(document_.project(), document_.problems());
    if (runAction_ != nullptr) onRunStateChanged();
    serverPanel_->setProject(document_.snapshot());
    offerServerRestart();
    updateTitle();
    // Keep the selection on the same item; if it is gone, fall back to its group.
    const auto count = [this](ProjectTreeModel::Kind kind) {
        const model::Project& p = document_.project();
        if (kind == ProjectTreeModel::Kind::Model) return static_cast<int>(p.models.size());
        if (kind == ProjectTreeModel::Kind::Endpoint) return static_cast<int>(p.endpoints.size());
        if (kind == ProjectTreeModel::Kind::Scenario) return static_cast<int>(p.scenarios.size());
        return 0;
    };
    ProjectTreeModel::Node node = currentNode_;
    if (node.index >= 0 && node.index >= count(node.kind)) {
        node = count(node.kind) > 0 ? ProjectTreeModel::Node{node.kind, count(node.kind) - 1}
               : node.kind == ProjectTreeModel::Kind::Model
                   ? ProjectTreeModel::Node{ProjectTreeModel::Kind::ModelsGroup, -1}
               : node.kind == ProjectTreeModel::Kind::Endpoint
                   ? ProjectTreeModel::Node{ProjectTreeModel::Kind::EndpointsGroup, -1}
                   : ProjectTreeModel::Node{ProjectTreeModel::Kind::ScenariosGroup, -1};
    }
    if (hasProject_) selectNode(node);
}

void MainWindow::onProblemsChanged() {
    problems_->setProblems(document_.project(), document_.problems());
    tree_.setProject(document_.project(), document_.problems());
    const int errors = problems_->errorCount();
    const int warnings = problems_->warningCount();
    const QString summary = errors + warnings == 0
                                ? tr("No problems")
                                : countOf(errors, "1 error", "%1 errors") + QStringLiteral(", ") +
                                      countOf(warnings, "1 warning", "%1 warnings");
    problemSummary_->setText(hasProject_ ? summary : QString());
    problemsDock_->setWindowTitle(errors + warnings == 0 ? tr("Problems") : tr("Problems — %1").arg(summary));
    problemsPolicy_->setProblemCount(hasProject_ ? errors + warnings : 0);
}

void MainWindow::selectNode(ProjectTreeModel::Node node) {
    const QModelIndex index = tree_.indexOf(node);
    if (!index.isValid()) return;
    if (index.parent().isValid()) sidebar_->expand(index.parent());
    if (sidebar_->currentIndex() != index) {
        sidebar_->setCurrentIndex(index);
    } else {
        showNode(node);
    }
}

void MainWindow::showNode(ProjectTreeModel::Node node) {
    if (!hasProject_) return;
    currentNode_ = node;
    using Kind = ProjectTreeModel::Kind;
    switch (node.kind) {
        case Kind::Settings:
            pages_->setCurrentWidget(settingsEditor_);
            return;
        case Kind::Model:
            modelEditor_->showModel(node.index);
            pages_->setCurrentWidget(modelEditor_);
            return;
        case Kind::Endpoint:
            endpointEditor_->showEndpoint(node.index);
            pages_->setCurrentWidget(endpointEditor_);
            return;
        case Kind::ModelsGroup:
            placeholder_->setText(tr("Models are the request and response bodies of your endpoints.\n"
                                     "Select one, or add one with Edit › Add Model (%1).")
                                      .arg(addModelAction_->shortcut().toString(QKeySequence::NativeText)));
            break;
        case Kind::EndpointsGroup:
            placeholder_->setText(
                tr("Endpoints are the operations your API serves.\n"
                   "Select one, or add one with Edit › Add Endpoint (%1).")
                    .arg(addEndpointAction_->shortcut().toString(QKeySequence::NativeText)));
            break;
        case Kind::Scenario:
            scenarioEditor_->showScenario(node.index);
            pages_->setCurrentWidget(scenarioEditor_);
            onRunStateChanged();
            return;
        case Kind::ScenariosGroup:
            placeholder_->setText(
                tr("Scenarios describe load tests against this design.\n"
                   "Select one and run it with Run › Run Scenario (%1), or add one from a preset "
                   "with Edit › Add Scenario.")
                    .arg(runAction_->shortcut().toString(QKeySequence::NativeText)));
            break;
        case Kind::RunsGroup:
            runsPage_->showOverview();
            pages_->setCurrentWidget(runsPage_);
            return;
        case Kind::Run:
            showSelectedRuns();
            return;
    }
    pages_->setCurrentWidget(placeholder_);
}

void MainWindow::jumpTo(const QString& location) {
    if (!hasProject_) return;
    const JsonPointer pointer = JsonPointer::parse(location.toStdString());
    const int i = pointer.itemIndex();
    if (pointer.collection() == "models" && i >= 0) {
        selectNode({ProjectTreeModel::Kind::Model, i});
        modelEditor_->focusLocation(pointer, 2);
    } else if (pointer.collection() == "endpoints" && i >= 0) {
        selectNode({ProjectTreeModel::Kind::Endpoint, i});
        endpointEditor_->focusLocation(pointer, 2);
    } else if (pointer.collection() == "scenarios" && i >= 0) {
        selectNode({ProjectTreeModel::Kind::Scenario, i});
        scenarioEditor_->focusLocation(pointer, 2);
    } else {
        selectNode({ProjectTreeModel::Kind::Settings, -1});
        settingsEditor_->focusLocation(pointer);
    }
}

}  // namespace loadstar::widgets
