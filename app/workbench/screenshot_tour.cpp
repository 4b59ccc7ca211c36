#include "app/workbench/screenshot_tour.h"

#include <iostream>

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPalette>
#include <QPixmap>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTreeView>

#include "engine/model/project_file.h"
#include "engine/results/run_result.h"
#include "engine/session/in_process_run.h"
#include "widgets/cockpit/live_dashboard.h"
#include "widgets/cockpit/run_controller.h"
#include "widgets/common/installed_data.h"
#include "widgets/designer/model_editor.h"
#include "widgets/designer/preview_pane.h"
#include "widgets/runs/compare_view.h"
#include "widgets/runs/run_view.h"
#include "widgets/runs/runs_page.h"
#include "widgets/server/server_panel.h"
#include "widgets/server/try_it_console.h"
#include "widgets/window/main_window.h"

namespace loadstar::widgets {

namespace {

// Lets layouts settle and background previews arrive.
void settle(int ms = 400) {
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    }
}

// Processes events until `done` holds or `ms` pass.
template <typename Predicate>
bool settleUntil(Predicate done, int ms) {
    QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired()) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return done();
}

bool shoot(QWidget* window, const QDir& dir, const QString& name) {
    settle();
    const QString path = dir.filePath(name + QStringLiteral(".png"));
    if (!window->grab().save(path)) {
        std::cerr << "loadstar: cannot write " << path.toStdString() << "\n";
        return false;
    }
    std::cout << path.toStdString() << "\n";
    return true;
}

// The benchmark plan's io-c200 (shortened) run twice against the design served in
// this process: async ×1, then a pool of 4 blocking workers; then the run view and
// the comparison of the two.
bool shootRuns(MainWindow& window, const QTemporaryDir& scratch, const QDir& dir) {
    auto loaded = model::loadProject(
        QDir(samplesDirectory()).filePath(QStringLiteral("benchmark-plan.loadstar.json")).toStdString());
    if (!std::holds_alternative<model::Project>(loaded)) return false;
    model::Project project = std::get<model::Project>(std::move(loaded));
    const std::filesystem::path file =
        scratch.filePath(QStringLiteral("benchmark-plan.loadstar.json")).toStdString();
    if (!std::holds_alternative<std::monostate>(model::saveProject(project, file))) return false;
    model::Scenario scenario;
    for (const model::Scenario& s : project.scenarios) {
        if (s.name == "io-c200") scenario = s;
    }
    scenario.duration = std::chrono::seconds(4);
    scenario.warmup = std::chrono::milliseconds(500);
    scenario.vus = 60;
    const char* const names[] = {"io-c60, async ×1", "io-c60, pool ×4"};
    const char* const notes[] = {"Event loop: 60 users wait 50 ms each, side by side.",
                                 "Four blocking workers: requests queue behind them."};
    int n = 0;
    for (const auto concurrency : {model::ConcurrencyModel::Async, model::ConcurrencyModel::WorkerPool}) {
        project.server.concurrency.model = concurrency;
        auto run = session::runInProcess(project, scenario);
        if (const auto* e = std::get_if<std::string>(&run)) {
            std::cerr << "loadstar: screenshot run failed: " << *e << "\n";
            return false;
        }
        auto& result = std::get<results::RunResult>(run);
        result.name = names[n];
        result.note = notes[n++];
        if (!std::holds_alternative<std::filesystem::path>(results::storeRunResult(result, file)))
            return false;
    }
    if (!window.openFile(QString::fromStdString(file.string()))) return false;
    RunsPage* page = window.runsPage();
    if (!settleUntil(
            [&] {
                return window.treeModel()->rowCount(
                           window.treeModel()->indexOf({ProjectTreeModel::Kind::RunsGroup, -1})) == 2;
            },
            10000)) {
        return false;
    }
    auto* problems = window.findChild<QDockWidget*>(QStringLiteral("problemsDock"));
    problems->raise();
    // The Server panel's minimum height (from the earlier shot) would stretch the window.
    window.findChild<QDockWidget*>(QStringLiteral("serverDock"))->hide();
    window.resize(1280, 800);
    window.resizeDocks({problems}, {120}, Qt::Vertical);
    window.selectNode({ProjectTreeModel::Kind::Run, 1});
    bool ok = shoot(&window, dir, QStringLiteral("run"));
    page->runView()->tabs()->setCurrentIndex(1);
    ok = shoot(&window, dir, QStringLiteral("run-over-time")) && ok;
    page->runView()->tabs()->setCurrentIndex(0);
    QTreeView* sidebar = window.sidebar();
    sidebar->selectionModel()->select(window.treeModel()->indexOf({ProjectTreeModel::Kind::Run, 0}),
                                      QItemSelectionModel::Select);
    ok = shoot(&window, dir, QStringLiteral("compare")) && ok;
    return ok;
}

// LOADSTAR_SCREENSHOT_PALETTE=dark: a dark desktop, to check that nothing assumes a
// light background.
void applyDarkPaletteIfAsked() {
    if (qEnvironmentVariable("LOADSTAR_SCREENSHOT_PALETTE") != QLatin1String("dark")) return;
    QApplication::setStyle(QStringLiteral("Fusion"));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(45, 45, 48));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    dark.setColor(QPalette::Base, QColor(30, 30, 32));
    dark.setColor(QPalette::AlternateBase, QColor(55, 55, 60));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::Button, QColor(55, 55, 60));
    dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
    dark.setColor(QPalette::Highlight, QColor(42, 130, 218));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    dark.setColor(QPalette::ToolTipBase, QColor(55, 55, 60));
    dark.setColor(QPalette::ToolTipText, QColor(230, 230, 230));
    QApplication::setPalette(dark);
}

// The server running on any free port, with an invalid request's 422 in the console.
bool shootServer(MainWindow& window, const QDir& dir) {
    auto served = std::make_shared<model::Project>(window.document()->project());
    served->server.port = 0;
    ServerPanel* panel = window.serverPanel();
    panel->start(served);
    window.showServerPanel();
    if (settleUntil([&] { return panel->controller()->state() == ServerController::State::Listening; },
                    15000)) {
        // A variant that breaks a field inside the body shows the most.
        const auto* note = panel->console()->findChild<QLabel*>(QStringLiteral("tryItVariantNote"));
        for (int i = 0; i < 20; ++i) {
            panel->console()->fillInvalidVariant();
            if (note->text().contains(QStringLiteral("texts"))) break;
        }
        bool answered = false;
        QObject::connect(panel->console(), &TryItConsole::responseReceived, [&answered] { answered = true; });
        panel->console()->send();
        settleUntil([&] { return answered; }, 10000);
        window.showServerPanel();  // the 422's error list makes the console taller
    }
    const bool ok = shoot(&window, dir, QStringLiteral("server"));
    panel->controller()->stop();
    settleUntil([&] { return !panel->controller()->isRunning(); }, 5000);
    return ok;
}

// The load cockpit on the Benchmark plan (a scratch copy: runs are stored beside it).
bool shootCockpit(MainWindow& window, const QString& samples, const QDir& dir) {
    bool ok = true;
    if (window.openFile(QDir(samples).filePath(QStringLiteral("benchmark-plan.loadstar.json")))) {
        // The cockpit wants the height: the bottom docks (the Try-it console
        // keeps them at least 300 px tall) are closed, as with View › Problems.
        auto* problems = window.findChild<QDockWidget*>(QStringLiteral("problemsDock"));
        auto* serverDock = window.findChild<QDockWidget*>(QStringLiteral("serverDock"));
        problems->hide();
        serverDock->hide();
        window.selectNode({ProjectTreeModel::Kind::Scenario, 4});  // io-c200
        ok = shoot(&window, dir, QStringLiteral("scenario")) && ok;
        // A shorter run of it, with a ramp, so that the charts have a shape.
        window.document()->edit(
            [](model::Project& p) {
                model::Scenario& s = p.scenarios[4];
                s.warmup = {};
                s.stages = {{std::chrono::seconds(4), 200}, {std::chrono::seconds(5), 200}};
            },
            QStringLiteral("Shorten"));
        RunController* runs = window.runController();
        if (window.runScenario(4)) {
            settleUntil([&] { return window.dashboard()->pointsShown() >= 24; }, 30000);
            ok = shoot(&window, dir, QStringLiteral("dashboard")) && ok;
            settleUntil([&] { return !runs->isBusy(); }, 30000);
            ok = shoot(&window, dir, QStringLiteral("dashboard-finished")) && ok;
        }
        window.document()->undoStack()->setClean();
        problems->show();
        serverDock->show();
        problems->raise();
    }
    return ok;
}

}  // namespace

int renderScreenshots(const QString& directory) {
    QDir dir(directory);
    if (!dir.mkpath(QStringLiteral("."))) {
        std::cerr << "loadstar: cannot create " << directory.toStdString() << "\n";
        return 2;
    }
    applyDarkPaletteIfAsked();
    // The samples are opened from a stand-in home folder, so the pictures show
    // "~/projects/..." rather than wherever the build happens to live.
    QTemporaryDir scratch;
    const QDir home(scratch.filePath(QStringLiteral("home")));
    const QString samples = home.filePath(QStringLiteral("projects"));
    if (!QDir().mkpath(samples)) return 2;
    for (const QFileInfo& sample :
         QDir(samplesDirectory()).entryInfoList({QStringLiteral("*.loadstar.json")}, QDir::Files)) {
        QFile::copy(sample.absoluteFilePath(), QDir(samples).filePath(sample.fileName()));
    }
    qputenv("HOME", home.absolutePath().toLocal8Bit());
    MainWindow::Options options;
    options.settingsFile = scratch.filePath(QStringLiteral("settings.ini"));
    options.recoveryDir = scratch.filePath(QStringLiteral("recovery"));
    options.samplesDir = samples;
    MainWindow window(options);
    window.resize(1280, 800);
    window.show();
    bool ok = shoot(&window, dir, QStringLiteral("welcome"));

    if (!window.openFile(QDir(samples).filePath(QStringLiteral("embedder.loadstar.json")))) return 2;
    window.selectNode({ProjectTreeModel::Kind::Endpoint, 0});
    ok = shoot(&window, dir, QStringLiteral("endpoint")) && ok;
    window.selectNode({ProjectTreeModel::Kind::Model, 0});
    window.modelEditor()->selectField(0);
    ok = shoot(&window, dir, QStringLiteral("model")) && ok;
    window.selectNode({ProjectTreeModel::Kind::Settings, -1});
    ok = shoot(&window, dir, QStringLiteral("settings")) && ok;
    window.jumpTo(QStringLiteral("/endpoints/0/behaviour/batching/max_batch"));
    ok = shoot(&window, dir, QStringLiteral("behaviour")) && ok;

    ok = shootServer(window, dir) && ok;
    ok = shootCockpit(window, samples, dir) && ok;

    // A design with mistakes, to show the Problems list and the inline marks.
    if (window.openFile(QDir(samples).filePath(QStringLiteral("bookstore.loadstar.json")))) {
        window.addEndpoint();
        window.document()->edit([](model::Project& p) { p.endpoints.back().path = "/books/{book_id}"; },
                                QStringLiteral("Change path"));
        window.jumpTo(
            QStringLiteral("/endpoints/%1/path").arg(window.document()->project().endpoints.size() - 1));
        window.problemsView()->parentWidget()->raise();
        ok = shoot(&window, dir, QStringLiteral("problems")) && ok;
        window.document()->undoStack()->setClean();
    }
    return shootRuns(window, scratch, dir) && ok ? 0 : 2;
}

}  // namespace loadstar::widgets
