#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>

#include "widgets/cockpit/scenario_presets.h"
#include "widgets/common/palette_icon.h"
#include "widgets/designer/endpoint_editor.h"
#include "widgets/designer/model_editor.h"
#include "widgets/document/json_pointer.h"
#include "widgets/document/problems_model.h"
#include "widgets/document/project_item_edits.h"
#include "widgets/runs/runs_page.h"
#include "widgets/server/server_panel.h"
#include "widgets/window/main_window.h"
#include "widgets/window/message_bar.h"
#include "widgets/window/recent_files.h"

// The window's commands: actions, their shortcuts, the menus and the toolbar, and the
// sidebar item commands behind them.
namespace loadstar::widgets {

void MainWindow::createActions() {
    newAction_ = new QAction(tr("&New Project"), this);
    newAction_->setShortcut(QKeySequence::New);
    connect(newAction_, &QAction::triggered, this, &MainWindow::newProject);
    openAction_ = new QAction(tr("&Open…"), this);
    openAction_->setShortcut(QKeySequence::Open);
    connect(openAction_, &QAction::triggered, this, [this] {
        const QString start =
            document_.filePath().isEmpty() ? defaultSamplesDir() : QFileInfo(document_.filePath()).path();
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), start,
                                                          tr("Loadstar projects (*.loadstar.json *.json)"));
        if (!path.isEmpty()) openFile(path);
    });
    saveAction_ = new QAction(tr("&Save"), this);
    saveAction_->setShortcut(QKeySequence::Save);
    connect(saveAction_, &QAction::triggered, this, &MainWindow::save);
    saveAsAction_ = new QAction(tr("Save &As…"), this);
    saveAsAction_->setShortcut(QKeySequence::SaveAs);
    connect(saveAsAction_, &QAction::triggered, this, &MainWindow::saveAs);
    serverAction_ = new QAction(tr("Start Server"), this);
    serverAction_->setObjectName("serverAction");
    // Ctrl+R stays free for running a load test.
    serverAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    serverAction_->setStatusTip(tr("Serve the current design with loadstar serve, or stop it"));
    connect(serverAction_, &QAction::triggered, this, &MainWindow::toggleServer);

    exportAction_ = new QAction(tr("&Export OpenAPI…"), this);
    // Not Ctrl+E: line edits on X11 take that for "end of line".
    exportAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    exportAction_->setStatusTip(tr("Write the design as an OpenAPI 3.1 document (.json or .yaml)"));
    connect(exportAction_, &QAction::triggered, this, [this] {
        const QString base = document_.filePath().isEmpty()
                                 ? QDir::home().filePath(QStringLiteral("openapi.json"))
                                 : QFileInfo(document_.filePath()).path() + QStringLiteral("/openapi.json");
        const QString path =
            exportPathPrompt_
                ? exportPathPrompt_(base)
                : QFileDialog::getSaveFileName(this, tr("Export OpenAPI"), base,
                                               tr("OpenAPI JSON (*.json);;OpenAPI YAML (*.yaml *.yml)"));
        if (!path.isEmpty()) exportOpenApi(path);
    });
    closeAction_ = new QAction(tr("&Close Project"), this);
    closeAction_->setShortcut(QKeySequence::Close);
    connect(closeAction_, &QAction::triggered, this, &MainWindow::closeProject);
    quitAction_ = new QAction(tr("&Quit"), this);
    quitAction_->setShortcut(QKeySequence::Quit);
    quitAction_->setMenuRole(QAction::QuitRole);
    connect(quitAction_, &QAction::triggered, this, &QWidget::close);

    undoAction_ = document_.undoStack()->createUndoAction(this, tr("&Undo"));
    undoAction_->setShortcut(QKeySequence::Undo);
    // The menu names what would be undone; the toolbar keeps a steady "Undo" so
    // its buttons do not shift with every edit.
    undoAction_->setIconText(tr("Undo"));
    redoAction_ = document_.undoStack()->createRedoAction(this, tr("&Redo"));
    redoAction_->setShortcuts(QKeySequence::Redo);
    redoAction_->setIconText(tr("Redo"));

    addModelAction_ = new QAction(tr("Add &Model"), this);
    addModelAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    connect(addModelAction_, &QAction::triggered, this, &MainWindow::addModel);
    addEndpointAction_ = new QAction(tr("Add &Endpoint"), this);
    addEndpointAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(addEndpointAction_, &QAction::triggered, this, &MainWindow::addEndpoint);
    duplicateAction_ = new QAction(tr("D&uplicate"), this);
    duplicateAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    connect(duplicateAction_, &QAction::triggered, this, &MainWindow::duplicateSelected);
    deleteAction_ = new QAction(tr("&Delete"), this);
    deleteAction_->setShortcut(QKeySequence::Delete);
    // Delete acts on the sidebar only; in a text field it must delete text.
    deleteAction_->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteAction_, &QAction::triggered, this, &MainWindow::deleteSelected);
    addScenarioAction_ = new QAction(tr("Add &Scenario"), this);
    addScenarioAction_->setObjectName("addScenarioAction");
    addScenarioAction_->setStatusTip(
        tr("Add a load-test scenario, empty or from the benchmark plan's presets"));
    addScenarioAction_->setMenu(presetMenu());
    connect(addScenarioAction_, &QAction::triggered, this, [this] { addScenario(); });

    createRunActions();

    sidebar_->addAction(addModelAction_);
    sidebar_->addAction(addEndpointAction_);
    sidebar_->addAction(addScenarioAction_);
    sidebar_->addAction(duplicateAction_);
    sidebar_->addAction(deleteAction_);

    nextProblemAction_ = new QAction(tr("Next &Problem"), this);
    nextProblemAction_->setShortcut(QKeySequence(Qt::Key_F8));
    connect(nextProblemAction_, &QAction::triggered, this, [this] {
        if (problems_->rowCount() == 0) return;
        const int row = (problemsView_->currentIndex().row() + 1) % problems_->rowCount();
        problemsView_->selectRow(row);
        jumpTo(problems_->locationAt(row));
    });
    createOpenApiActions();
    refreshIcons();
}

// Run: a scenario, the benchmark plan, Compare Frameworks, and the dashboard.
void MainWindow::createRunActions() {
    runAction_ = new QAction(tr("&Run Scenario"), this);
    runAction_->setObjectName("runAction");
    runAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    runAction_->setStatusTip(tr("Run the selected scenario (or the first) and watch it live"));
    connect(runAction_, &QAction::triggered, this, [this] {
        runScenario(currentNode_.kind == ProjectTreeModel::Kind::Scenario ? currentNode_.index : 0);
    });
    stopRunAction_ = new QAction(tr("S&top Run"), this);
    stopRunAction_->setObjectName("stopRunAction");
    stopRunAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    stopRunAction_->setStatusTip(tr("End the run now; what was measured is kept"));
    connect(stopRunAction_, &QAction::triggered, this, &MainWindow::stopRun);
    planAction_ = new QAction(tr("Run &Benchmark Plan"), this);
    planAction_->setObjectName("benchmarkPlanAction");
    planAction_->setStatusTip(tr("Run every scenario of the design in turn and compare them in a table"));
    connect(planAction_, &QAction::triggered, this, &MainWindow::runBenchmarkPlan);
    compareFrameworksAction_ = new QAction(tr("Compare &Frameworks…"), this);
    compareFrameworksAction_->setObjectName("compareFrameworksAction");
    compareFrameworksAction_->setStatusTip(tr(
        "Run scenarios against the embedded server and the design as FastAPI and Flask apps, in one table"));
    connect(compareFrameworksAction_, &QAction::triggered, this, &MainWindow::chooseAndCompareFrameworks);
    dashboardAction_ = new QAction(tr("Live &Dashboard"), this);
    dashboardAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    connect(dashboardAction_, &QAction::triggered, this, &MainWindow::showDashboard);
}

void MainWindow::refreshIcons() {
    using Glyph = PaletteIcon::Glyph;
    const QPalette& colours = palette();
    newAction_->setIcon(PaletteIcon::make(Glyph::New, colours));
    openAction_->setIcon(PaletteIcon::make(Glyph::Open, colours));
    saveAction_->setIcon(PaletteIcon::make(Glyph::Save, colours));
    undoAction_->setIcon(PaletteIcon::make(Glyph::Undo, colours));
    redoAction_->setIcon(PaletteIcon::make(Glyph::Redo, colours));
    addModelAction_->setIcon(PaletteIcon::make(Glyph::AddModel, colours));
    addEndpointAction_->setIcon(PaletteIcon::make(Glyph::AddEndpoint, colours));
    exportAction_->setIcon(PaletteIcon::make(Glyph::Export, colours));
    const ServerController* server = serverPanel_->controller();
    const bool running = server->isRunning() || server->state() == ServerController::State::Stopping;
    serverAction_->setIcon(PaletteIcon::make(running ? Glyph::Stop : Glyph::Start, colours));
    runAction_->setIcon(PaletteIcon::make(Glyph::Start, colours));
    stopRunAction_->setIcon(PaletteIcon::make(Glyph::Stop, colours));
}

void MainWindow::changeEvent(QEvent* event) {
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && newAction_ != nullptr) refreshIcons();
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(newAction_);
    file->addAction(openAction_);
    recent_->attachMenu(file->addMenu(tr("Open &Recent")));
    file->addAction(importOpenApiAction_);
    file->addSeparator();
    file->addAction(saveAction_);
    file->addAction(saveAsAction_);
    file->addSeparator();
    file->addAction(exportAction_);
    file->addSeparator();
    file->addAction(closeAction_);
    file->addAction(quitAction_);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(undoAction_);
    edit->addAction(redoAction_);
    edit->addSeparator();
    edit->addAction(addModelAction_);
    edit->addAction(addEndpointAction_);
    edit->addAction(addScenarioAction_);
    edit->addAction(duplicateAction_);
    edit->addAction(deleteAction_);

    menuBar()->addMenu(tr("&Design"))->addAction(compareAction_);

    QMenu* serverMenu = menuBar()->addMenu(tr("&Server"));
    serverMenu->addAction(serverAction_);

    QMenu* runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->addAction(runAction_);
    runMenu->addAction(stopRunAction_);
    runMenu->addSeparator();
    runMenu->addAction(planAction_);
    runMenu->addAction(compareFrameworksAction_);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* showSidebar = sidebarDock_->toggleViewAction();
    showSidebar->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction* showProblems = problemsDock_->toggleViewAction();
    showProblems->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    view->addAction(showSidebar);
    view->addAction(showProblems);
    QAction* showServer = serverDock_->toggleViewAction();
    showServer->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    view->addAction(showServer);
    view->addAction(dashboardAction_);
    view->addAction(nextProblemAction_);

    createHelpMenu();

    QToolBar* tools = addToolBar(tr("Main"));
    tools->setObjectName("mainToolBar");
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addAction(newAction_);
    tools->addAction(openAction_);
    tools->addAction(saveAction_);
    tools->addSeparator();
    tools->addAction(undoAction_);
    tools->addAction(redoAction_);
    tools->addSeparator();
    tools->addAction(addModelAction_);
    tools->addAction(addEndpointAction_);
    tools->addSeparator();
    tools->addAction(exportAction_);
    tools->addSeparator();
    tools->addAction(serverAction_);
    tools->addSeparator();
    tools->addAction(runAction_);
    tools->addAction(stopRunAction_);
}

QMenu* MainWindow::presetMenu() {
    auto* menu = new QMenu(this);
    menu->addAction(tr("Empty Scenario"), this, [this] { addScenario(); });
    menu->addSeparator();
    // The presets depend on the design's endpoints, so they are made as the menu opens.
    auto* presets = menu->addMenu(tr("From the Benchmark Plan"));
    connect(presets, &QMenu::aboutToShow, this, [this, presets] {
        presets->clear();
        for (const ScenarioPreset& p : scenarioPresets(document_.project())) {
            presets->addAction(p.label, this, [this, s = p.scenario] { addScenario(s); });
        }
    });
    return menu;
}

// The sidebar item commands: add, duplicate, delete.

void MainWindow::addModel() {
    if (!hasProject_) return;
    selectNode({ProjectTreeModel::Kind::Model, widgets::addModel(document_)});
    modelEditor_->focusLocation(JsonPointer::parse("/name"), 0);
}

void MainWindow::addEndpoint() {
    if (!hasProject_) return;
    selectNode({ProjectTreeModel::Kind::Endpoint, widgets::addEndpoint(document_)});
    endpointEditor_->focusLocation(JsonPointer::parse("/path"), 0);
}

void MainWindow::duplicateSelected() {
    if (currentNode_.kind == ProjectTreeModel::Kind::Model) {
        selectNode({ProjectTreeModel::Kind::Model, duplicateModel(document_, currentNode_.index)});
    } else if (currentNode_.kind == ProjectTreeModel::Kind::Endpoint) {
        selectNode({ProjectTreeModel::Kind::Endpoint, duplicateEndpoint(document_, currentNode_.index)});
    } else if (currentNode_.kind == ProjectTreeModel::Kind::Scenario) {
        selectNode({ProjectTreeModel::Kind::Scenario, duplicateScenario(document_, currentNode_.index)});
    }
}

void MainWindow::deleteSelected() {
    if (currentNode_.kind == ProjectTreeModel::Kind::Run) {
        runsPage_->deleteRuns(selectedRuns());
        return;
    }
    if (currentNode_.kind == ProjectTreeModel::Kind::Endpoint) {
        deleteEndpoint(document_, currentNode_.index);
        return;
    }
    if (currentNode_.kind == ProjectTreeModel::Kind::Scenario) {
        deleteScenario(document_, currentNode_.index);
        return;
    }
    if (currentNode_.kind != ProjectTreeModel::Kind::Model) return;
    const QString name =
        QString::fromStdString(document_.project().models[static_cast<std::size_t>(currentNode_.index)].name);
    const int references = deleteModel(document_, currentNode_.index);
    if (references == 0) return;
    messages_->showMessage(
        MessageBar::Kind::Warning,
        references == 1
            ? tr("Deleted model ‘%1’; 1 reference to it now points nowhere (see Problems).").arg(name)
            : tr("Deleted model ‘%1’; %2 references to it now point nowhere (see Problems).")
                  .arg(name)
                  .arg(references));
    messages_->addAction(tr("Undo"), [this] { document_.undoStack()->undo(); });
}

}  // namespace loadstar::widgets
