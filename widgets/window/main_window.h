#pragma once

#include <functional>
#include <memory>

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>

#include "engine/results/run_result.h"
#include "widgets/designer/openapi_export.h"
#include "widgets/document/project_document.h"
#include "widgets/document/project_tree_model.h"
#include "widgets/window/recovery_store.h"

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QSplitter;
class QSettings;
class QStackedWidget;
class QTableView;
class QTreeView;

namespace loadstar::widgets {

class BenchmarkPlan;
class CompareDialog;
class CompareFrameworks;
class FrameworkComparisonView;
class ImportDialog;
class EndpointEditor;
class LiveDashboard;
class RunController;
class ScenarioEditor;
class RecentFiles;
class RunsPage;
class MessageBar;
class ModelEditor;
class ProblemsDockPolicy;
class ProblemsModel;
class ServerPanel;
class SettingsEditor;
class WelcomePage;

struct MainWindowOptions {
    QString settingsFile;  // empty: the user's QSettings
    QString recoveryDir;   // empty: <AppDataLocation>/recovery
    QString samplesDir;    // empty: the projects/ folder of the source tree or installation
    int autosaveIntervalMs = 5000;
    QString serverBinary;  // empty: the `loadstar` CLI beside this application (`loadstar serve`)
};

// The workbench: the project sidebar, the editor for the selected item in the
// centre, the Problems list below, and the file, edit and view commands.
class MainWindow : public QMainWindow {
    Q_OBJECT

  public:
    using Options = MainWindowOptions;
    // Asked before closing the window would lose unsaved changes: Save, Discard or Cancel.
    using UnsavedChangesPrompt = std::function<QMessageBox::StandardButton(const QString& projectName)>;
    // Asked for a file name to save to; empty means cancelled.
    using SavePathPrompt = std::function<QString(const QString& suggestion)>;
    // Asked before a run sends load to a host outside this machine (the question
    // names it and the planned peak); true allows it.
    using RemoteConsentPrompt = std::function<bool(const QString& question)>;

    explicit MainWindow(Options options = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    // At start-up: `path` when given, else the last project, else the welcome page.
    void openInitial(const QString& path);
    bool openFile(const QString& path);
    bool saveTo(const QString& path);
    bool save();
    bool saveAs();
    void newProject();
    // Back to the welcome page (asks first when there are unsaved changes).
    void closeProject();
    // Selects what a design problem's JSON pointer names and focuses its widget.
    void jumpTo(const QString& location);
    void autosaveNow();
    // File › Import OpenAPI… and Design › Compare With… (main_window_openapi.cpp).
    void importOpenApi();
    // Opens an imported design as a new, unsaved project (asks first about unsaved changes).
    bool openImported(model::Project project, const QString& source);
    void compareWithContract();
    // Shows the place a contract change names ("/endpoints" for an operation that is gone).
    void showContractPlace(const QString& designPointer);
    ImportDialog* importDialog() const;
    CompareDialog* compareDialog() const;
    QAction* importOpenApiAction() const { return importOpenApiAction_; }
    QAction* compareAction() const { return compareAction_; }

    void setUnsavedChangesPrompt(UnsavedChangesPrompt prompt) { unsavedPrompt_ = std::move(prompt); }
    void setSavePathPrompt(SavePathPrompt prompt) { savePathPrompt_ = std::move(prompt); }
    void setExportPathPrompt(SavePathPrompt prompt) { exportPathPrompt_ = std::move(prompt); }
    void setRemoteConsentPrompt(RemoteConsentPrompt prompt) { remoteConsentPrompt_ = std::move(prompt); }
    // Writes the OpenAPI document in the background (YAML for .yaml/.yml, else JSON); exportFinished follows.
    void exportOpenApi(const QString& path);
    // Starts the server on the current design, or stops it when running.
    void toggleServer();
    // Brings the Server panel to the front at a height that fits the console.
    void showServerPanel();

    ProjectDocument* document() { return &document_; }
    ProjectTreeModel* treeModel() { return &tree_; }
    ProblemsModel* problemsModel() const { return problems_; }
    QTreeView* sidebar() const { return sidebar_; }
    QTableView* problemsView() const { return problemsView_; }
    MessageBar* messageBar() const { return messages_; }
    ModelEditor* modelEditor() const { return modelEditor_; }
    EndpointEditor* endpointEditor() const { return endpointEditor_; }
    SettingsEditor* settingsEditor() const { return settingsEditor_; }
    WelcomePage* welcomePage() const { return welcome_; }
    ServerPanel* serverPanel() const { return serverPanel_; }
    ScenarioEditor* scenarioEditor() const { return scenarioEditor_; }
    LiveDashboard* dashboard() const { return dashboard_; }
    QWidget* runPage() const { return runPage_; }
    QTableView* planTable() const { return planTable_; }
    RunController* runController() const { return runs_; }
    BenchmarkPlan* benchmarkPlan() const { return plan_; }
    QAction* runAction() const { return runAction_; }
    QAction* stopRunAction() const { return stopRunAction_; }
    QAction* benchmarkPlanAction() const { return planAction_; }
    QAction* compareFrameworksAction() const { return compareFrameworksAction_; }
    CompareFrameworks* frameworkComparison() const { return compare_; }
    FrameworkComparisonView* frameworkComparisonView() const { return frameworkView_; }
    RunsPage* runsPage() const { return runsPage_; }
    QAction* serverAction() const { return serverAction_; }
    QWidget* currentPage() const;
    bool hasProject() const { return hasProject_; }

    void selectNode(ProjectTreeModel::Node node);
    void addModel();
    void addEndpoint();
    void duplicateSelected();
    void deleteSelected();
    // A new scenario, from a preset when given (scenarioPresets()).
    void addScenario(const model::Scenario& preset = {});

    // Runs the scenario at `index` of the design and shows the live dashboard.
    // The design's own server is the panel's when it runs, else one for the run.
    bool runScenario(int index);
    bool runScenario(const model::Scenario& scenario);
    void stopRun();
    // Run › Compare Frameworks: asks which scenarios against which servers, then
    // runs them (compareFrameworks below).
    void chooseAndCompareFrameworks();
    // Each of `scenarios` against each of `servers`, with the table on the run page.
    bool compareFrameworks(const std::vector<std::string>& scenarios,
                           const std::vector<model::ServerChoice>& servers);
    // Every scenario of the design in turn, with a summary table.
    void runBenchmarkPlan();
    void showDashboard();
    // Help › Keyboard Shortcuts and Help › About Loadstar (window-modal).
    void showShortcuts();
    void showAbout();

  signals:
    void exportFinished(bool written);
    // A run ended and was stored beside the project (for the Runs list).
    void runStored(const QString& file);

  protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

  private:
    // The parts of the window, built once by the constructor in this order.
    void createSidebarDock();
    void createProblemsDock();
    void createServerDock();
    void createRunPage();
    void createPages();
    void createActions();
    void createRunActions();
    void createMenus();
    void createHelpMenu();
    void createOpenApiActions();
    // The toolbar's icons in the current palette's colours.
    void refreshIcons();
    void showNode(ProjectTreeModel::Node node);
    void onProjectChanged();
    void onProblemsChanged();
    void updateTitle();
    // Closing the window with unsaved changes: the standard modal Save / Discard / Cancel.
    bool confirmDiscard();
    // Before another design replaces this one (New, Open, Close Project): true to
    // go ahead. With unsaved changes it asks in the message bar instead and
    // returns false; the answer runs `retry` once the changes are saved or discarded.
    bool readyToReplace(const std::function<void()>& retry);
    void applyInitialDockSizes();
    // A target outside this machine: asks once per host, by name, and stores the
    // host in the scenario (and the design) as allowed; false when not allowed.
    bool confirmRemoteTarget(model::Scenario& scenario);
    bool askRemoteConsent(const QString& host, const QString& question);
    void onExportFinished(const OpenApiExport::Outcome& outcome);
    void setHasProject(bool open);
    void offerRecovery();
    void onServerStateChanged();
    void onRunStateChanged();
    void onRunFinished(std::shared_ptr<const results::RunResult> result, const QString& storedFile,
                       const QString& storeError);
    QMenu* presetMenu();
    void offerServerRestart();
    // Stops a running server before another design replaces the open one;
    // returns the name of the design it served (empty when it was not running).
    QString stopServerForAnotherDesign();
    void showServerStopped(const QString& servedName);
    QString defaultSamplesDir() const;
    // The Runs group: history, run view, comparison (all in RunsPage).
    void connectRuns();
    void setUpFrameworkComparison(QSplitter* runPage);
    // Selects the stored runs `files` in the sidebar and shows them in Runs: one
    // run's view, or several compared (the first the baseline).
    void showStoredRuns(const QStringList& files);
    void connectWelcome();
    void connectDocument();
    void onRunsChanged();
    std::vector<int> selectedRuns() const;
    void showSelectedRuns();

    Options options_;
    std::unique_ptr<QSettings> settings_;
    RecoveryStore recovery_;
    RecentFiles* recent_;
    OpenApiExport* export_;
    SavePathPrompt exportPathPrompt_;
    ProjectDocument document_;
    ProjectTreeModel tree_;
    ProblemsModel* problems_;
    bool hasProject_ = false;
    bool initialLayout_ = false;     // no saved layout: size the docks once they are shown
    bool discardConfirmed_ = false;  // set while a "Discard Changes" answer re-runs its command
    ProjectTreeModel::Node currentNode_{ProjectTreeModel::Kind::Settings, -1};
    QTimer autosave_;
    int autosavedIndex_ = -1;
    UnsavedChangesPrompt unsavedPrompt_;
    SavePathPrompt savePathPrompt_;
    RemoteConsentPrompt remoteConsentPrompt_;
    ProblemsDockPolicy* problemsPolicy_ = nullptr;

    QTreeView* sidebar_;
    QDockWidget* sidebarDock_;
    QDockWidget* problemsDock_;
    QTableView* problemsView_;
    QDockWidget* serverDock_;
    ServerPanel* serverPanel_;
    MessageBar* messages_;
    QStackedWidget* pages_;
    WelcomePage* welcome_;
    SettingsEditor* settingsEditor_;
    ModelEditor* modelEditor_;
    EndpointEditor* endpointEditor_;
    ScenarioEditor* scenarioEditor_;
    RunController* runs_;
    BenchmarkPlan* plan_;
    CompareFrameworks* compare_ = nullptr;
    FrameworkComparisonView* frameworkView_ = nullptr;
    QWidget* runPage_;
    LiveDashboard* dashboard_;
    QTableView* planTable_;
    QLabel* placeholder_;
    RunsPage* runsPage_;
    bool restoringRuns_ = false;
    // Stored runs asked for before the run history's background listing had read them
    // (a run stored a moment ago): shown when the next listing arrives.
    QStringList storedRunsAwaitingListing_;
    QLabel* problemSummary_;

    QAction* newAction_ = nullptr;
    QAction* openAction_ = nullptr;
    QAction* saveAction_ = nullptr;
    QAction* saveAsAction_ = nullptr;
    QAction* undoAction_ = nullptr;
    QAction* redoAction_ = nullptr;
    QAction* addModelAction_ = nullptr;
    QAction* addEndpointAction_ = nullptr;
    QAction* duplicateAction_ = nullptr;
    QAction* deleteAction_ = nullptr;
    QAction* nextProblemAction_ = nullptr;
    QAction* exportAction_ = nullptr;
    QAction* serverAction_ = nullptr;
    QAction* closeAction_ = nullptr;
    QAction* addScenarioAction_ = nullptr;
    QAction* runAction_ = nullptr;
    QAction* stopRunAction_ = nullptr;
    QAction* planAction_ = nullptr;
    QAction* compareFrameworksAction_ = nullptr;
    QAction* dashboardAction_ = nullptr;
    QAction* quitAction_ = nullptr;
    QAction* importOpenApiAction_ = nullptr;
    QAction* compareAction_ = nullptr;
    QPointer<ImportDialog> importDialog_;
    QPointer<CompareDialog> compareDialog_;
};

}  // namespace loadstar::widgets
