#include <filesystem>

#include <QCoreApplication>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTreeView>

#include "engine/session/framework_comparison.h"
#include "widgets/cockpit/benchmark_plan.h"
#include "widgets/cockpit/compare_frameworks.h"
#include "widgets/cockpit/compare_frameworks_dialog.h"
#include "widgets/cockpit/live_dashboard.h"
#include "widgets/cockpit/run_controller.h"
#include "widgets/document/project_item_edits.h"
#include "widgets/runs/framework_comparison_view.h"
#include "widgets/runs/run_history.h"
#include "widgets/runs/runs_page.h"
#include "widgets/server/server_panel.h"
#include "widgets/window/main_window.h"
#include "widgets/window/message_bar.h"

// The window's load side: scenarios and their runs, the benchmark plan, the
// server panel, and the stored runs in the sidebar.
namespace loadstar::widgets {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

}  // namespace

void MainWindow::addScenario(const model::Scenario& preset) {
    if (!hasProject_) return;
    model::Scenario s = preset;
    if (s.name.empty()) s.name = "scenario";
    selectNode({ProjectTreeModel::Kind::Scenario, widgets::addScenario(document_, s)});
}

bool MainWindow::runScenario(int index) {
    const auto& all = document_.project().scenarios;
    if (index < 0 || index >= static_cast<int>(all.size())) return false;
    return runScenario(all[static_cast<std::size_t>(index)]);
}

bool MainWindow::runScenario(const model::Scenario& requested) {
    if (!hasProject_ || runs_->isBusy()) return false;
    model::Scenario scenario = requested;
    if (!confirmRemoteTarget(scenario)) return false;
    RunController::Request request;
    request.project = document_.snapshot();
    request.scenario = scenario;
    request.projectFile = document_.filePath();
    request.serverBinary = options_.serverBinary.isEmpty()
                               ? QCoreApplication::applicationDirPath() + QStringLiteral("/loadstar")
                               : options_.serverBinary;
    const ServerController* server = serverPanel_->controller();
    if (scenario.target.kind == model::Target::Kind::Embedded &&
        server->state() == ServerController::State::Listening) {
        // The panel's server keeps running and logging; the run drives it as it is.
        request.designUrl = server->url();
        request.designPid = server->pid();
    }
    if (!runs_->start(std::move(request))) return false;
    messages_->hide();
    dashboard_->begin(scenario);
    showDashboard();
    return true;
}

void MainWindow::stopRun() {
    if (plan_->isRunning()) {
        plan_->cancel();
        return;
    }
    if (compare_->isRunning()) {
        compare_->cancel();
        return;
    }
    runs_->stop();
}

void MainWindow::setUpFrameworkComparison(QSplitter* runPage) {
    compare_ = new CompareFrameworks(
        runs_, [this](const model::Scenario& s) { return runScenario(s); }, this);
    frameworkView_ = new FrameworkComparisonView(compare_->table());
    frameworkView_->hide();
    runPage->addWidget(frameworkView_);
    runPage->setStretchFactor(2, 2);
    // The report can be written as soon as a run has ended, and again as more do.
    connect(compare_->table(), &QAbstractItemModel::modelReset, this, [this] {
        frameworkView_->setResults(compare_->results(), q(document_.project().name), document_.filePath());
    });
    connect(frameworkView_, &FrameworkComparisonView::runsRequested, this, &MainWindow::showStoredRuns);
    connect(compare_, &CompareFrameworks::comparisonFinished, this, [this] {
        onRunStateChanged();
        statusBar()->showMessage(tr("Framework comparison finished"), 6000);
    });
}

void MainWindow::showStoredRuns(const QStringList& files) {
    RunHistory* history = runsPage_->history();
    std::vector<int> runs;
    bool unlistedOnDisk = false;
    for (const QString& file : files) {
        const std::filesystem::path path(file.toStdString());
        const int i = history->indexOf(path);
        if (i >= 0) {
            runs.push_back(i);
        } else {
            std::error_code ignored;
            unlistedOnDisk = unlistedOnDisk || std::filesystem::exists(path, ignored);
        }
    }
    // The history lists the runs folder in the background: a run stored a moment ago
    // may not be in it yet. Read it again and show the runs when the listing arrives
    // (once: a file the new listing still lacks is not a run of this project).
    if (unlistedOnDisk && storedRunsAwaitingListing_.isEmpty()) {
        storedRunsAwaitingListing_ = files;
        connect(
            history, &RunHistory::changed, this,
            [this] {
                const QStringList awaited = storedRunsAwaitingListing_;
                showStoredRuns(awaited);
                storedRunsAwaitingListing_.clear();
            },
            Qt::SingleShotConnection);
        history->reload();
        return;
    }
    if (runs.empty()) {
        messages_->showMessage(MessageBar::Kind::Warning,
                               tr("Those runs are no longer in the project's run history."));
        return;
    }
    restoringRuns_ = true;
    QItemSelectionModel* selection = sidebar_->selectionModel();
    currentNode_ = {ProjectTreeModel::Kind::Run, runs.front()};
    const QModelIndex current = tree_.indexOf(currentNode_);
    if (current.parent().isValid()) sidebar_->expand(current.parent());
    selection->setCurrentIndex(current, QItemSelectionModel::ClearAndSelect);
    for (std::size_t i = 1; i < runs.size(); ++i)
        selection->select(tree_.indexOf({ProjectTreeModel::Kind::Run, runs[i]}), QItemSelectionModel::Select);
    restoringRuns_ = false;
    if (runs.size() >= 2) {
        runsPage_->showComparison(runs);
    } else {
        runsPage_->showRun(runs.front());
    }
    pages_->setCurrentWidget(runsPage_);
}

void MainWindow::chooseAndCompareFrameworks() {
    if (!hasProject_ || runs_->isBusy() || plan_->isRunning() || compare_->isRunning()) return;
    if (session::defaultComparisonScenarios(document_.project()).empty()) {
        messages_->showMessage(
            MessageBar::Kind::Information,
            tr("Compare Frameworks runs scenarios that drive the design, and this design has "
               "none. Add some with Edit › Add Scenario (the presets make the benchmark "
               "plan's matrix)."));
        return;
    }
    CompareFrameworksDialog dialog(document_.project(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    compareFrameworks(dialog.scenarios(), dialog.servers());
}

bool MainWindow::compareFrameworks(const std::vector<std::string>& scenarios,
                                   const std::vector<model::ServerChoice>& servers) {
    if (!hasProject_ || runs_->isBusy() || plan_->isRunning() || compare_->isRunning()) return false;
    auto runs = session::comparisonRuns(document_.project(), scenarios, servers);
    if (const auto* e = std::get_if<std::string>(&runs)) {
        messages_->showMessage(MessageBar::Kind::Warning, tr("Cannot compare the frameworks: %1").arg(q(*e)));
        return false;
    }
    planTable_->hide();
    frameworkView_->show();
    compare_->start(std::get<std::vector<model::Scenario>>(std::move(runs)));
    showDashboard();
    return true;
}

void MainWindow::runBenchmarkPlan() {
    if (!hasProject_ || runs_->isBusy() || plan_->isRunning() || compare_->isRunning()) return;
    if (document_.project().scenarios.empty()) {
        messages_->showMessage(MessageBar::Kind::Information,
                               tr("This design has no scenarios to run. Add some with Edit › Add Scenario "
                                  "(the presets make the benchmark plan's matrix)."));
        return;
    }
    frameworkView_->hide();
    planTable_->show();
    plan_->start(document_.project().scenarios);
    planTable_->resizeColumnsToContents();
    showDashboard();
}

void MainWindow::showDashboard() {
    pages_->setCurrentWidget(runPage_);
}

void MainWindow::onRunStateChanged() {
    const bool busy = runs_->isBusy() || plan_->isRunning() || compare_->isRunning();
    runAction_->setEnabled(hasProject_ && !busy && !document_.project().scenarios.empty());
    planAction_->setEnabled(hasProject_ && !busy && !document_.project().scenarios.empty());
    compareFrameworksAction_->setEnabled(hasProject_ && !busy && !document_.project().scenarios.empty());
    stopRunAction_->setEnabled(busy);
    dashboard_->setStopEnabled(runs_->state() == RunController::State::Running);
    if (runs_->state() == RunController::State::Preparing) {
        const model::Scenario& s = runs_->scenario();
        if (s.target.kind == model::Target::Kind::Embedded && s.server.kind != model::ServerKind::Embedded) {
            statusBar()->showMessage(tr("Generating the design as %1 and starting it for ‘%2’…")
                                         .arg(q(model::describe(s.server)), q(s.name)));
        } else {
            statusBar()->showMessage(tr("Preparing the run of ‘%1’…").arg(q(s.name)));
        }
    } else if (runs_->state() == RunController::State::Running) {
        const model::Scenario& s = runs_->scenario();
        const bool framework =
            s.target.kind == model::Target::Kind::Embedded && s.server.kind != model::ServerKind::Embedded;
        statusBar()->showMessage(framework
                                     ? tr("Running ‘%1’ against %2 at %3")
                                           .arg(q(s.name), q(model::describe(s.server)), q(s.target.url))
                                     : tr("Running ‘%1’ against %2").arg(q(s.name), q(s.target.url)));
    } else if (runs_->state() == RunController::State::Stopping) {
        statusBar()->showMessage(tr("Stopping the run…"));
    }
}

void MainWindow::onRunFinished(std::shared_ptr<const results::RunResult> result, const QString& storedFile,
                               const QString& storeError) {
    dashboard_->showResult(*result, storedFile);
    const QString verdict = result->thresholds.empty() ? tr("finished")
                            : result->thresholdsPassed ? tr("passed its thresholds")
                                                       : tr("failed a threshold");
    statusBar()->showMessage(
        tr("Run of ‘%1’ %2").arg(q(result->scenario ? result->scenario->name : result->id), verdict), 8000);
    if (!storeError.isEmpty() && !plan_->isRunning() && !compare_->isRunning()) {
        messages_->showMessage(MessageBar::Kind::Warning, tr("The run was not stored: %1").arg(storeError));
    }
    if (!storedFile.isEmpty()) {
        runsPage_->history()->reload();  // the sidebar's Runs group shows the new run
        emit runStored(storedFile);
    }
    onRunStateChanged();
}

void MainWindow::toggleServer() {
    ServerController* server = serverPanel_->controller();
    if (server->isRunning()) {
        server->stop();
        return;
    }
    if (!hasProject_) return;
    serverPanel_->start(document_.snapshot());
    showServerPanel();
}

void MainWindow::showServerPanel() {
    serverDock_->show();
    serverDock_->raise();
    // Tall enough for the console to show a response; the Problems list alone is shorter.
    const int title = serverDock_->fontMetrics().height() * 2;
    const int wanted = std::max(serverPanel_->minimumSizeHint().height() + title,
                                std::min(serverPanel_->sizeHint().height() + title, height() * 3 / 5));
    if (serverDock_->height() < wanted) resizeDocks({serverDock_}, {wanted}, Qt::Vertical);
}

void MainWindow::onServerStateChanged() {
    const ServerController* server = serverPanel_->controller();
    const bool running = server->isRunning() || server->state() == ServerController::State::Stopping;
    serverAction_->setText(running ? tr("Stop Server") : tr("Start Server"));
    refreshIcons();
    statusBar()->showMessage(server->statusText(),
                             server->state() == ServerController::State::Listening ? 0 : 6000);
    if (server->state() == ServerController::State::Crashed) {
        messages_->showMessage(MessageBar::Kind::Error,
                               tr("%1. See the Server panel for its messages.").arg(server->statusText()));
        showServerPanel();
    }
}

// Editing while serving: the server still answers with the design it was started
// on, so offer to restart it on the current one.
void MainWindow::offerServerRestart() {
    const auto& served = serverPanel_->served();
    if (!served || !serverPanel_->controller()->isRunning() || *served == document_.project()) return;
    messages_->showMessage(MessageBar::Kind::Information,
                           tr("Design changed — the server still serves the version it was started with."));
    auto* restart =
        messages_->addAction(tr("Restart"), [this] { serverPanel_->restart(document_.snapshot()); });
    restart->setObjectName("restartServer");
}

void MainWindow::connectRuns() {
    // Several runs are selected to compare them; the other groups act on the current item.
    sidebar_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    sidebar_->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    connect(sidebar_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (!restoringRuns_ && currentNode_.kind == ProjectTreeModel::Kind::Run) showSelectedRuns();
    });
    connect(&document_, &ProjectDocument::filePathChanged, runsPage_, &RunsPage::setProjectFile);
    connect(runsPage_, &RunsPage::runsChanged, this, &MainWindow::onRunsChanged);
    connect(&tree_, &ProjectTreeModel::runRenameRequested, runsPage_, &RunsPage::renameRun);
}

std::vector<int> MainWindow::selectedRuns() const {
    std::vector<int> runs;
    for (const QModelIndex& index : sidebar_->selectionModel()->selectedIndexes()) {
        const ProjectTreeModel::Node node = tree_.nodeAt(index);
        if (node.kind == ProjectTreeModel::Kind::Run) runs.push_back(node.index);
    }
    std::sort(runs.begin(), runs.end());
    if (runs.empty() && currentNode_.kind == ProjectTreeModel::Kind::Run) runs.push_back(currentNode_.index);
    return runs;
}

void MainWindow::showSelectedRuns() {
    const std::vector<int> runs = selectedRuns();
    if (runs.size() >= 2) {
        runsPage_->showComparison(runs);
    } else {
        runsPage_->showRun(currentNode_.index);
    }
    pages_->setCurrentWidget(runsPage_);
}

void MainWindow::onRunsChanged() {
    // The list is replaced when runs come or go: select again what is shown, without
    // showing anything anew.
    const ProjectTreeModel::Node node = currentNode_;
    const std::filesystem::path shown = runsPage_->shownFile();
    const std::vector<std::filesystem::path> compared = runsPage_->comparedFiles();
    restoringRuns_ = true;
    tree_.setRuns(runsPage_->entries());
    if (hasProject_ && node.kind == ProjectTreeModel::Kind::Run) {
        const RunHistory* history = runsPage_->history();
        QItemSelectionModel* selection = sidebar_->selectionModel();
        const int index = history->indexOf(shown.empty() && !compared.empty() ? compared.front() : shown);
        currentNode_ = index >= 0 ? ProjectTreeModel::Node{ProjectTreeModel::Kind::Run, index}
                                  : ProjectTreeModel::Node{ProjectTreeModel::Kind::RunsGroup, -1};
        const QModelIndex current = tree_.indexOf(currentNode_);
        if (current.parent().isValid()) sidebar_->expand(current.parent());
        selection->setCurrentIndex(current, QItemSelectionModel::ClearAndSelect);
        for (const auto& file : compared) {
            const int i = history->indexOf(file);
            if (i >= 0)
                selection->select(tree_.indexOf({ProjectTreeModel::Kind::Run, i}),
                                  QItemSelectionModel::Select);
        }
    } else if (hasProject_ && !sidebar_->currentIndex().isValid()) {
        sidebar_->selectionModel()->setCurrentIndex(tree_.indexOf(node), QItemSelectionModel::ClearAndSelect);
    }
    restoringRuns_ = false;
}

}  // namespace loadstar::widgets
