#include <algorithm>
#include <ctime>
#include <iostream>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTreeWidget>

#include <gtest/gtest.h>

#include "engine/model/json.h"
#include "engine/model/project_file.h"
#include "support/temp_dir.h"
#include "support/widget_driver.h"
#include "widgets/cockpit/benchmark_plan.h"
#include "widgets/cockpit/kpi_tile.h"
#include "widgets/cockpit/live_dashboard.h"
#include "widgets/cockpit/load_profile_chart.h"
#include "widgets/cockpit/run_controller.h"
#include "widgets/cockpit/scenario_editor.h"
#include "widgets/cockpit/scenario_presets.h"
#include "widgets/cockpit/time_series_chart.h"
#include "widgets/window/main_window.h"

namespace loadstar::widgets {
namespace {

using loadstar::testing::choose;
using loadstar::testing::find;
using loadstar::testing::typeInto;
using loadstar::testing::waitFor;

// Replaces the text of `edit` by typing `lines`, Return between them.
void typeLines(QPlainTextEdit* edit, const QStringList& lines) {
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    for (int i = 0; i < lines.size(); ++i) {
        if (i > 0) QTest::keyClick(edit, Qt::Key_Return);
        QTest::keyClicks(edit, lines[i]);
    }
}

// The workbench on a copy of the Benchmark plan sample, its runs served by the
// real `loadstar serve` over loopback.
class Cockpit : public ::testing::Test {
  protected:
    void SetUp() override {
        auto options = loadstar::testing::isolatedOptions(dir_.path());
        options.serverBinary = QStringLiteral(LOADSTAR_BINARY);
        window_ = std::make_unique<MainWindow>(options);
        loadstar::testing::showAndActivate(window_.get());
        project_ = dir_ / "benchmark-plan.loadstar.json";
        std::filesystem::copy_file(
            loadstar::testing::sourceDir() / "projects" / "benchmark-plan.loadstar.json", project_);
        ASSERT_TRUE(window_->openFile(QString::fromStdString(project_.string())));
    }
    ScenarioEditor* editor() { return window_->scenarioEditor(); }
    // Scenario `index`, shortened to `duration` with `vus` users and no warm-up.
    void shorten(int index, const char* duration, int vus) {
        window_->selectNode({ProjectTreeModel::Kind::Scenario, index});
        ASSERT_EQ(window_->currentPage(), editor());
        typeInto(find<QLineEdit>(editor(), "warmup"), "0s");
        typeInto(find<QLineEdit>(editor(), "duration"), QString::fromLatin1(duration));
        find<QSpinBox>(editor(), "vus")->setValue(vus);
    }
    Json storedJson(const QString& file) {
        return Json::parse(loadstar::testing::readFile(file.toStdString()));
    }

    loadstar::testing::TempDir dir_;
    std::filesystem::path project_;
    std::unique_ptr<MainWindow> window_;
};

TEST_F(Cockpit, RunsAShortScenarioAgainstTheDesignAndFillsTheDashboardAndStoresTheRun) {
    shorten(0, "2s", 4);  // micro-c10: GET /hello
    typeLines(find<QPlainTextEdit>(editor(), "thresholds"), {"p99 < 5s", "error_rate < 1%", "rps > 10"});
    EXPECT_TRUE(editor()->thresholdErrors()->isHidden());
    EXPECT_EQ(window_->document()->project().scenarios[0].thresholds,
              (std::vector<std::string>{"p99 < 5s", "error_rate < 1%", "rps > 10"}));

    QSignalSpy stored(window_.get(), &MainWindow::runStored);
    QSignalSpy snapshots(window_->runController(), &RunController::snapshotTaken);
    // What the dashboard had drawn from the snapshots alone, before the result came.
    std::size_t shownLive = 0;
    QObject::connect(window_->runController(), &RunController::snapshotTaken, window_.get(),
                     [&] { shownLive = window_->dashboard()->pointsShown(); });
    std::shared_ptr<const results::RunResult> result;
    results::Series accumulated;
    QObject::connect(window_->runController(), &RunController::finished, window_.get(),
                     [&](std::shared_ptr<const results::RunResult> r) {
                         result = std::move(r);
                         accumulated = window_->runController()->series();
                     });
    QTest::mouseClick(find<QPushButton>(editor(), "runScenario"), Qt::LeftButton);
    EXPECT_EQ(window_->currentPage(), window_->runPage());
    EXPECT_FALSE(window_->runAction()->isEnabled()) << "one run at a time";
    ASSERT_TRUE(waitFor([&] { return stored.count() == 1; }, 60000))
        << window_->dashboard()->statusLabel()->text().toStdString();

    LiveDashboard* d = window_->dashboard();
    EXPECT_GE(snapshots.count(), 4) << "polled while it ran";
    EXPECT_GE(d->pointsShown(), 8u);  // 2 s at 200 ms: 10 ticks, less if the machine is starved
    // The snapshots brought each tick once: the controller's series is the result's,
    // and the dashboard had drawn all of it before the result arrived.
    ASSERT_NE(result, nullptr);
    EXPECT_EQ(accumulated, result->series);
    EXPECT_EQ(shownLive, result->series.size());
    EXPECT_EQ(d->throughputChart()->keptPoints(0), result->series.size()) << "one requests/s point a tick";
    EXPECT_GE(d->latencyChart()->keptPoints(0), 7u);
    EXPECT_GT(d->latencyChart()->drawnPoints(0), 0);
    EXPECT_GE(d->throughputChart()->keptPoints(0), 7u);
    EXPECT_GE(d->resourceChart()->keptPoints(0), 7u) << "the server's CPU, sampled by pid";
    EXPECT_GE(d->resourceChart()->keptPoints(1), 7u) << "the load engine's own CPU";
    EXPECT_GE(d->connectionChart()->keptPoints(0), 7u);
    EXPECT_NE(d->rpsTile()->value(), QString::fromUtf8("—"));
    EXPECT_TRUE(d->p99Tile()->value().endsWith("ms") || d->p99Tile()->value().endsWith("us"))
        << d->p99Tile()->value().toStdString();
    EXPECT_EQ(d->errorTile()->value(), "0.00%");
    EXPECT_EQ(d->progress()->value(), d->progress()->maximum());
    ASSERT_EQ(d->thresholdList()->topLevelItemCount(), 3);
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(d->thresholdList()->topLevelItem(i)->text(0).startsWith(QString::fromUtf8("✓")))
            << d->thresholdList()->topLevelItem(i)->text(0).toStdString();
    }
    EXPECT_TRUE(d->statusLabel()->text().startsWith("Passed")) << d->statusLabel()->text().toStdString();
    EXPECT_FALSE(d->stopButton()->isEnabled());
    EXPECT_TRUE(window_->runAction()->isEnabled());

    const QString file = stored.front().front().toString();
    EXPECT_TRUE(file.startsWith(QString::fromStdString(project_.string() + ".runs/")));
    const Json j = storedJson(file);
    EXPECT_EQ(j["scenario"]["name"], "micro-c10");
    EXPECT_EQ(j["interrupted"], false);
    EXPECT_GT(j["overall"]["summary"]["requests"].get<int>(), 10);
    EXPECT_EQ(j["overall"]["summary"]["errors"], 0);
    EXPECT_EQ(j["server"]["concurrency"]["model"], "async") << "the design's server settings are recorded";
    ASSERT_EQ(j["series"].size(), accumulated.size()) << "the stored series is the one shown live";
    for (std::size_t i = 0; i < accumulated.size(); ++i)
        EXPECT_DOUBLE_EQ(j["series"][i]["t"].get<double>(), accumulated[i]->elapsed) << "tick " << i;
}

// Locust chosen in the scenario editor: a master and two workers on this machine,
// followed on the same dashboard as a native run, stored as a Locust run.
TEST_F(Cockpit, RunsAScenarioOnLocustChosenInTheEditorOnTheSameDashboard) {
    shorten(0, "3s", 4);  // micro-c10: GET /hello
    choose(find<QComboBox>(editor(), "engine"), "Locust (master and workers)");
    ASSERT_EQ(window_->document()->project().scenarios[0].engine, model::LoadEngine::Locust);
    QSpinBox* workers = find<QSpinBox>(editor(), "locustWorkers");
    EXPECT_FALSE(workers->isHidden()) << "shown for Locust only";
    workers->setValue(2);
    EXPECT_EQ(window_->document()->project().scenarios[0].locustWorkers, 2);

    QSignalSpy stored(window_.get(), &MainWindow::runStored);
    QSignalSpy snapshots(window_->runController(), &RunController::snapshotTaken);
    QTest::mouseClick(find<QPushButton>(editor(), "runScenario"), Qt::LeftButton);
    ASSERT_TRUE(waitFor([&] { return stored.count() == 1; }, 90000))
        << window_->dashboard()->statusLabel()->text().toStdString();

    LiveDashboard* d = window_->dashboard();
    EXPECT_GE(snapshots.count(), 3);
    EXPECT_GE(d->pointsShown(), 2u) << "Locust's seconds, as ticks";
    EXPECT_GE(d->throughputChart()->keptPoints(0), 2u);
    EXPECT_GE(d->resourceChart()->keptPoints(1), 2u) << "the Locust processes' CPU";
    EXPECT_NE(d->rpsTile()->value(), QString::fromUtf8("—"));
    EXPECT_EQ(d->errorTile()->value(), "0.00%");
    EXPECT_TRUE(d->statusLabel()->text().startsWith("Passed")) << d->statusLabel()->text().toStdString();

    const Json j = storedJson(stored.front().front().toString());
    EXPECT_EQ(j["engine"]["name"], "locust");
    EXPECT_EQ(j["engine"]["workers"], 2);
    EXPECT_GT(j["overall"]["summary"]["requests"].get<int>(), 10);
    EXPECT_NE(j["engine"]["notes"].dump().find("rounds each response time"), std::string::npos);
}

TEST_F(Cockpit, StopMidRunKeepsAndStoresThePartialResult) {
    shorten(3, "60s", 10);  // io-c10
    QSignalSpy stored(window_.get(), &MainWindow::runStored);
    ASSERT_TRUE(window_->runScenario(3));
    LiveDashboard* d = window_->dashboard();
    ASSERT_TRUE(waitFor([&] { return d->pointsShown() >= 4 && d->stopButton()->isEnabled(); }, 30000));
    QTest::mouseClick(d->stopButton(), Qt::LeftButton);
    ASSERT_TRUE(waitFor([&] { return stored.count() == 1; }, 20000));
    const Json j = storedJson(stored.front().front().toString());
    EXPECT_EQ(j["interrupted"], true);
    EXPECT_LT(j["measured_seconds"].get<double>(), 30.0);
    EXPECT_GT(j["overall"]["summary"]["requests"].get<int>(), 10);
    EXPECT_TRUE(d->statusLabel()->text().startsWith("Stopped early"))
        << d->statusLabel()->text().toStdString();
    EXPECT_TRUE(d->progress()->text().startsWith("stopped after")) << d->progress()->text().toStdString();
}

// The GUI thread's CPU time so far, in microseconds.
qint64 threadCpuMicros() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<qint64>(t.tv_sec) * 1'000'000 + t.tv_nsec / 1000;
}

// A probe asks to run every 10 ms. Between two of its turns the GUI thread either
// waited (the wall-clock gap) or worked (the CPU time it spent). The engine runs on
// its own threads and the GUI only takes the newest snapshot, so neither grows with
// the load generated: a GUI that waited for the engine would stall for much of the
// run, and one that redrew everything on every snapshot would spend its CPU there.
// A busy machine or a sanitizer stretches wall-clock gaps, so that bound is half
// the run, far above scheduling delays and far below a GUI that waits for the run;
// CPU time is not stretched by a busy machine, so its bound is tight.
TEST_F(Cockpit, TheEventLoopStaysResponsiveWhileTheEngineGeneratesLoad) {
    shorten(0, "3s", 50);
    QSignalSpy stored(window_.get(), &MainWindow::runStored);
    std::vector<qint64> gapsMs;
    std::vector<qint64> cpuUs;
    QElapsedTimer clock;
    qint64 lastWall = 0;
    qint64 lastCpu = 0;
    QTimer probe;
    probe.setInterval(10);
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 wall = clock.elapsed();
        const qint64 cpu = threadCpuMicros();
        gapsMs.push_back(wall - lastWall);
        cpuUs.push_back(cpu - lastCpu);
        lastWall = wall;
        lastCpu = cpu;
    });
    ASSERT_TRUE(window_->runScenario(0));
    ASSERT_TRUE(
        waitFor([&] { return window_->runController()->state() == RunController::State::Running; }, 30000));
    clock.start();
    lastCpu = threadCpuMicros();
    probe.start();
    ASSERT_TRUE(waitFor([&] { return stored.count() == 1; }, 60000));
    probe.stop();
    const qint64 runMs = clock.elapsed();
    ASSERT_GE(gapsMs.size(), 10u) << "the event loop turned over during the run";
    const qint64 longestGap = *std::max_element(gapsMs.begin(), gapsMs.end());
    std::sort(cpuUs.begin(), cpuUs.end());
    const double cpuP95 = static_cast<double>(cpuUs[cpuUs.size() * 95 / 100]) / 1000;
    const double cpuMax = static_cast<double>(cpuUs.back()) / 1000;
    std::cout << "[ responsiveness ] " << gapsMs.size() << " probes in " << runMs << " ms, longest gap "
              << longestGap << " ms, GUI CPU between probes p95 " << cpuP95 << " ms, max " << cpuMax
              << " ms\n";
    EXPECT_LT(longestGap, 1500) << "the event loop stalled for " << longestGap << " ms of a " << runMs
                                << " ms run";
    EXPECT_LT(cpuP95, 50) << "the GUI thread works " << cpuP95 << " ms at a time (p95)";
}

TEST_F(Cockpit, ATargetOutsideLoopbackIsAWarningMarkedOnTheUrl) {
    window_->selectNode({ProjectTreeModel::Kind::Scenario, 4});
    auto* url = find<QLineEdit>(editor(), "targetUrl");
    auto targetProblems = [&] {
        std::vector<std::string> found;
        for (const model::Problem& p : window_->document()->problems()) {
            if (p.location == "/scenarios/4/target") found.push_back(p.message);
        }
        return found;
    };
    EXPECT_TRUE(targetProblems().empty()) << "the design is the target";
    choose(find<QComboBox>(editor(), "targetKind"), "A URL");
    typeInto(url, "http://10.0.0.8:8000/api");
    EXPECT_EQ(window_->document()->project().scenarios[4].target.url, "http://10.0.0.8:8000/api");
    const std::string refusal =
        "10.0.0.8 is not a loopback address; Loadstar sends load only to this machine (127.0.0.0/8, ::1) or "
        "to "
        "a host allowed by name. Run asks before sending; the command line needs --allow-remote 10.0.0.8";
    EXPECT_EQ(targetProblems(), std::vector<std::string>{refusal});
    EXPECT_EQ(url->actions().size(), 1) << "the inline mark";
    EXPECT_TRUE(url->toolTip().contains(QString::fromStdString(refusal))) << url->toolTip().toStdString();
    typeInto(url, "http://127.0.0.1:8000/api");
    EXPECT_TRUE(targetProblems().empty());
    EXPECT_TRUE(url->actions().empty());
    typeInto(url, "localhost:8000");
    EXPECT_EQ(targetProblems(), std::vector<std::string>{"expected a URL starting with http:// or https://"});
    choose(find<QComboBox>(editor(), "targetKind"), "The design (served for the run)");
    EXPECT_TRUE(targetProblems().empty());
}

TEST_F(Cockpit, ScenarioEditsAreUndoableStepsAndAreSaved) {
    window_->selectNode({ProjectTreeModel::Kind::Scenario, 4});  // io-c200
    QUndoStack* undo = window_->document()->undoStack();
    const int before = undo->count();
    find<QSpinBox>(editor(), "vus")->setValue(150);
    EXPECT_EQ(window_->document()->project().scenarios[4].vus, 150);
    typeInto(find<QLineEdit>(editor(), "duration"), "45s");
    EXPECT_EQ(window_->document()->project().scenarios[4].duration, std::chrono::seconds(45));
    typeInto(find<QLineEdit>(editor(), "duration"), "soon");  // not a duration: nothing changes
    EXPECT_EQ(window_->document()->project().scenarios[4].duration, std::chrono::seconds(45));

    auto* thresholds = find<QPlainTextEdit>(editor(), "thresholds");
    typeLines(thresholds, {"p95 < 100ms", "p99 <> 3"});
    EXPECT_FALSE(editor()->thresholdErrors()->isHidden());
    EXPECT_TRUE(editor()->thresholdErrors()->text().startsWith(QString::fromUtf8("“p99 <> 3”: column 6")))
        << editor()->thresholdErrors()->text().toStdString();
    QTest::keyClick(thresholds, Qt::Key_Backspace);
    QTest::keyClick(thresholds, Qt::Key_Backspace);
    QTest::keyClick(thresholds, Qt::Key_Backspace);
    QTest::keyClicks(thresholds, " 3s");
    EXPECT_TRUE(editor()->thresholdErrors()->isHidden()) << editor()->thresholdErrors()->text().toStdString();
    EXPECT_EQ(window_->document()->project().scenarios[4].thresholds,
              (std::vector<std::string>{"p95 < 100ms", "p99 < 3s"}));

    auto* weight = find<QDoubleSpinBox>(editor(), "weight_echo");
    weight->setValue(2);
    ASSERT_EQ(window_->document()->project().scenarios[4].mix.size(), 2u);
    EXPECT_EQ(window_->document()->project().scenarios[4].mix[1].endpoint, "echo");
    EXPECT_EQ(window_->document()->project().scenarios[4].mix[1].weight, 2.0);

    QTest::mouseClick(find<QPushButton>(editor(), "addStage"), Qt::LeftButton);
    ASSERT_EQ(window_->document()->project().scenarios[4].stages.size(), 1u);
    EXPECT_EQ(window_->document()->project().scenarios[4].stages[0].target, 150.0);
    // The 2 s warm-up at 150 (two points), then the stage from there to 150 over 10 s.
    const QList<QPointF> profile = editor()->profileChart()->points();
    ASSERT_EQ(profile.size(), 5);
    EXPECT_EQ(profile.first(), QPointF(0, 150));
    EXPECT_EQ(profile.last(), QPointF(12, 150));

    // vus, duration, thresholds (keystrokes merge), weights, stage: five steps or more.
    EXPECT_GE(undo->count() - before, 5);
    while (undo->count() > before && undo->canUndo() && undo->index() > before)
        undo->undo();
    EXPECT_EQ(window_->document()->project().scenarios[4].vus, 200);
    EXPECT_EQ(window_->document()->project().scenarios[4].duration, std::chrono::seconds(10));
    EXPECT_EQ(window_->document()->project().scenarios[4].thresholds,
              (std::vector<std::string>{"p95 < 100ms", "error_rate < 1%"}));
    EXPECT_EQ(find<QSpinBox>(editor(), "vus")->value(), 200) << "the editor shows the undone state";
    undo->redo();
    EXPECT_EQ(window_->document()->project().scenarios[4].vus, 150);

    ASSERT_TRUE(window_->save());
    auto saved = model::loadProject(project_);
    ASSERT_TRUE(std::holds_alternative<model::Project>(saved));
    EXPECT_EQ(std::get<model::Project>(saved).scenarios[4].vus, 150);
}

TEST_F(Cockpit, AddsScenariosFromPresetsAndDuplicatesAndDeletesThem) {
    const auto count = [&] { return window_->document()->project().scenarios.size(); };
    ASSERT_EQ(count(), 9u);
    window_->addScenario(scenarioPresets(window_->document()->project())[4].scenario);  // io-c200 again
    ASSERT_EQ(count(), 10u);
    EXPECT_EQ(window_->document()->project().scenarios[9].name, "io-c200-1");
    EXPECT_EQ(window_->currentPage(), editor());
    EXPECT_EQ(editor()->scenarioIndex(), 9);
    window_->duplicateSelected();
    ASSERT_EQ(count(), 11u);
    EXPECT_EQ(window_->document()->project().scenarios[10].name, "io-c200-1-copy1");
    window_->deleteSelected();
    EXPECT_EQ(count(), 10u);
    window_->document()->undoStack()->undo();
    EXPECT_EQ(count(), 11u);
}

TEST_F(Cockpit, ThresholdErrorsShowUnderTheFieldAsYouType) {
    window_->selectNode({ProjectTreeModel::Kind::Scenario, 0});
    auto* thresholds = find<QPlainTextEdit>(editor(), "thresholds");
    typeLines(thresholds, {"p95 <"});
    EXPECT_FALSE(editor()->thresholdErrors()->isHidden());
    QTest::keyClicks(thresholds, " 200ms");
    EXPECT_TRUE(editor()->thresholdErrors()->isHidden());
}

TEST_F(Cockpit, RunsTheBenchmarkPlanInSequenceIntoASummaryTable) {
    // Two short scenarios keep the test quick; the plan runs whatever the design has.
    for (int i = 8; i >= 2; --i)
        window_->document()->edit([i](model::Project& p) { p.scenarios.erase(p.scenarios.begin() + i); },
                                  QStringLiteral("trim"));
    shorten(0, "1s", 2);
    shorten(1, "1s", 2);
    QAbstractItemModelTester tester(window_->benchmarkPlan()->summary(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy done(window_->benchmarkPlan(), &BenchmarkPlan::planFinished);
    QSignalSpy stored(window_.get(), &MainWindow::runStored);
    window_->runBenchmarkPlan();
    EXPECT_TRUE(window_->planTable()->isVisible());
    ASSERT_TRUE(waitFor([&] { return done.count() == 1; }, 90000));
    EXPECT_EQ(stored.count(), 2);
    const auto& rows = window_->benchmarkPlan()->summary()->rows();
    ASSERT_EQ(rows.size(), 2u);
    for (const auto& row : rows) {
        EXPECT_EQ(row.status, BenchmarkSummaryModel::Status::Done) << row.message.toStdString();
        EXPECT_GT(row.rps, 1.0);
        EXPECT_TRUE(row.serverCpu.has_value());
        ASSERT_TRUE(row.passed.has_value());
    }
    EXPECT_EQ(rows[0].scenario, "micro-c10");
    EXPECT_EQ(rows[1].scenario, "micro-c200");
}

}  // namespace
}  // namespace loadstar::widgets
