// The Runs part of the workbench over real runs (the benchmark plan served
// in-process) stored in a temporary project: history, run view, rename and note,
// delete and undo, comparison, export.
#include <cmath>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QThreadPool>
#include <QTreeView>
#include <QXYSeries>

#include <gtest/gtest.h>

#include "engine/results/run_store.h"
#include "support/real_runs.h"
#include "support/widget_driver.h"
#include "widgets/cockpit/tick_series.h"
#include "widgets/common/chart_style.h"
#include "widgets/runs/compare_view.h"
#include "widgets/runs/framework_comparison_view.h"
#include "widgets/runs/latency_curves.h"
#include "widgets/runs/run_delta_model.h"
#include "widgets/runs/run_history.h"
#include "widgets/runs/run_text.h"
#include "widgets/runs/run_view.h"
#include "widgets/runs/runs_page.h"
#include "widgets/window/message_bar.h"

namespace loadstar::widgets {
namespace {

using loadstar::testing::readFile;
using loadstar::testing::realRuns;
using loadstar::testing::waitFor;
using Kind = ProjectTreeModel::Kind;

TEST(LatencyCurves, NinesScaleAndLabels) {
    EXPECT_DOUBLE_EQ(ninesOf(0), 0);
    EXPECT_NEAR(ninesOf(90), 1, 1e-9);
    EXPECT_NEAR(ninesOf(99.9), 3, 1e-9);
    EXPECT_DOUBLE_EQ(ninesOf(100), kMaxNines);
    EXPECT_EQ(ninesLabel(0), "0%");
    EXPECT_EQ(ninesLabel(1), "90%");
    EXPECT_EQ(ninesLabel(2), "99%");
    EXPECT_EQ(ninesLabel(5), "99.999%");
}

TEST(LatencyCurves, PercentileCurveFollowsTheHistogramAndEndsAtItsMaximum) {
    stats::LatencyHistogram h;
    for (std::int64_t us = 1; us <= 1000; ++us)
        h.record(us * 1000);  // 1 ms .. 1 s, uniform
    const QList<QPointF> curve = percentileCurve(h, 10);
    ASSERT_FALSE(curve.isEmpty());
    // 1000 samples say something up to 1/(1-p) = 1000: three nines, then the maximum.
    EXPECT_DOUBLE_EQ(curve.back().x(), 3.0);
    EXPECT_DOUBLE_EQ(curve.back().y(), static_cast<double>(h.max()) / 1000.0);
    EXPECT_DOUBLE_EQ(curve.front().x(), 0.0);
    EXPECT_DOUBLE_EQ(curve[10].x(), 1.0);  // 90 %
    EXPECT_DOUBLE_EQ(curve[10].y(), static_cast<double>(h.valueAtPercentile(90)) / 1000.0);
    EXPECT_NEAR(curve[10].y(), 900, 1);
    for (qsizetype i = 1; i < curve.size(); ++i)
        EXPECT_GE(curve[i].y(), curve[i - 1].y()) << "a percentile curve never falls";
}

TEST(RunViewTest, FillsChartsTablesAndKpisFromTheResult) {
    const results::RunResult& r = realRuns().at(0);
    ASSERT_GT(r.overall.requests, 0u);
    RunView view;
    view.resize(1200, 800);
    view.setResult(r);

    const QXYSeries* curve = view.line("percentile.corrected");
    ASSERT_NE(curve, nullptr);
    const QList<QPointF> expected = percentileCurve(r.overallStats.latency);
    EXPECT_EQ(curve->count(), expected.size());
    EXPECT_DOUBLE_EQ(curve->points().back().y(), static_cast<double>(r.overallStats.latency.max()) / 1000.0);
    EXPECT_EQ(view.line("percentile.uncorrected"), nullptr) << "closed loop: one latency only";

    const QXYSeries* rps = view.line("time.rps");
    ASSERT_NE(rps, nullptr);
    ASSERT_EQ(rps->count(), static_cast<qsizetype>(r.series.size()));
    for (std::size_t i = 0; i < r.series.size(); ++i) {
        EXPECT_DOUBLE_EQ(rps->at(static_cast<int>(i)).x(), r.series[i]->elapsed);
        EXPECT_DOUBLE_EQ(rps->at(static_cast<int>(i)).y(), r.series[i]->overall.rps);
    }
    const QXYSeries* p99 = view.line("time.p99");
    ASSERT_NE(p99, nullptr);
    ASSERT_GT(p99->count(), 0);
    std::size_t firstAnswered = 0;
    while (r.series[firstAnswered]->overall.latency.count == 0)
        ++firstAnswered;
    EXPECT_DOUBLE_EQ(p99->at(0).x(), r.series[firstAnswered]->elapsed)
        << "ticks without answers have no latency";
    EXPECT_DOUBLE_EQ(p99->at(0).y(),
                     static_cast<double>(r.series[firstAnswered]->overall.latency.p99) / 1000.0);
    const QXYSeries* cpu = view.line("time.serverCpu");
    ASSERT_NE(cpu, nullptr);
    EXPECT_EQ(cpu->count(), static_cast<qsizetype>(r.series.size())) << "every tick sampled the server";
    const QXYSeries* histogram = view.line("histogram");
    ASSERT_NE(histogram, nullptr);
    EXPECT_GT(histogram->count(), 10);

    EXPECT_EQ(view.findChild<QLabel*>("kpi.requests")->text(),
              QLocale().toString(static_cast<qulonglong>(r.overall.requests)));
    const auto* statuses = view.findChild<QTableWidget*>("statusCodes");
    ASSERT_EQ(statuses->rowCount(), 1);
    EXPECT_EQ(statuses->item(0, 0)->text(), "200");
    EXPECT_EQ(statuses->item(0, 1)->text(), QLocale().toString(static_cast<qulonglong>(r.overall.responses)));
    const auto* thresholds = view.findChild<QTableWidget*>("thresholds");
    ASSERT_EQ(thresholds->rowCount(), 2);
    EXPECT_EQ(thresholds->item(0, 2)->text(), "✔ pass");
    EXPECT_EQ(thresholds->item(1, 0)->text(), "requests < 1");
    EXPECT_EQ(thresholds->item(1, 2)->text(), "✘ fail");
    EXPECT_EQ(view.findChild<QLabel*>("runVerdict")->text(), "✘ Thresholds failed");
    const auto* endpoints = view.findChild<QTableWidget*>("endpoints");
    ASSERT_EQ(endpoints->rowCount(), 1);
    EXPECT_EQ(endpoints->item(0, 0)->text(), "hello");
    EXPECT_TRUE(view.findChild<QLabel*>("runSubtitle")->text().contains("server: async ×1"));
}

TEST(RunDeltaModelTest, MarksChangesBeyondTheNoiseBand) {
    using M = RunDeltaModel::Metric;
    using C = RunDeltaModel::Change;
    EXPECT_EQ(RunDeltaModel::classify(M::Rps, 100.0, 110.0), C::Better);
    EXPECT_EQ(RunDeltaModel::classify(M::Rps, 100.0, 90.0), C::Worse);
    EXPECT_EQ(RunDeltaModel::classify(M::P99, 100.0, 110.0), C::Worse);
    EXPECT_EQ(RunDeltaModel::classify(M::P99, 100.0, 90.0), C::Better);
    EXPECT_EQ(RunDeltaModel::classify(M::P99, 100.0, 103.0), C::Same) << "3 % is within the noise";
    EXPECT_EQ(RunDeltaModel::classify(M::P99, 100.0, 97.0), C::Same);
    EXPECT_EQ(RunDeltaModel::classify(M::ErrorRate, 0.0, 0.0), C::Same);
    EXPECT_EQ(RunDeltaModel::classify(M::ErrorRate, 0.0, 0.5), C::Worse);
    EXPECT_EQ(RunDeltaModel::classify(M::ServerCpu, std::nullopt, 50.0), C::Unknown);
    EXPECT_EQ(RunDeltaModel::classify(M::ServerCpu, 100.0, 40.0), C::Neutral)
        << "less CPU while serving less is not an improvement";
    EXPECT_EQ(RunDeltaModel::classify(M::ServerCpuPerRequest, 100.0, 40.0), C::Better);
    EXPECT_EQ(RunDeltaModel::classify(M::ServerCpuPerRequest, 100.0, 140.0), C::Worse);
}

// A temporary project holding the two real runs and one broken run file.
class RunsInTheWorkbench : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(realRuns().size(), 2u);
        project_ = dir_ / "plan.loadstar.json";
        ASSERT_TRUE(std::holds_alternative<std::monostate>(
            model::saveProject(loadstar::testing::benchmarkPlan(), project_)));
        for (const results::RunResult& r : realRuns()) {
            auto stored = results::storeRunResult(r, project_);
            ASSERT_TRUE(std::holds_alternative<std::filesystem::path>(stored));
            files_.push_back(std::get<std::filesystem::path>(stored));
        }
        // Sorts last: "zz" after the timestamps.
        broken_ = results::runsDirectory(project_) / "zz-broken.json";
        loadstar::testing::writeFile(broken_, "{\"format\": \"loadstar-run\", \"id\": ");
        window_ = std::make_unique<MainWindow>(loadstar::testing::isolatedOptions(dir_.path()));
        window_->resize(1280, 800);
        window_->show();
        ASSERT_TRUE(window_->openFile(QString::fromStdString(project_.string())));
        ASSERT_TRUE(waitFor([&] { return runRows() == 3; })) << runRows();
    }

    QModelIndex runsGroup() const { return window_->treeModel()->indexOf({Kind::RunsGroup, -1}); }
    int runRows() const { return window_->treeModel()->rowCount(runsGroup()); }
    QString runLabel(int row) const {
        return window_->treeModel()->index(row, 0, runsGroup()).data().toString();
    }
    Json stored(int run) const { return Json::parse(readFile(files_[static_cast<std::size_t>(run)])); }

    loadstar::testing::TempDir dir_;
    std::filesystem::path project_;
    std::vector<std::filesystem::path> files_;
    std::filesystem::path broken_;
    std::unique_ptr<MainWindow> window_;
};

TEST_F(RunsInTheWorkbench, ListsTheStoredRunsAndTheUnreadableOneWithItsError) {
    QAbstractItemModelTester tester(window_->treeModel(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(runsGroup().data().toString(), "Runs (3)");
    EXPECT_TRUE(runLabel(0).startsWith("micro-c10 · ")) << runLabel(0).toStdString();
    EXPECT_EQ(runLabel(2), "zz-broken.json");
    const QString error = window_->treeModel()->index(2, 0, runsGroup()).data(Qt::ToolTipRole).toString();
    EXPECT_TRUE(error.startsWith("Cannot be read: ") && error.contains("zz-broken.json: not JSON: "))
        << error.toStdString();
    EXPECT_FALSE(window_->treeModel()->flags(window_->treeModel()->index(2, 0, runsGroup())) &
                 Qt::ItemIsEditable);

    window_->selectNode({Kind::Run, 2});
    RunsPage* page = window_->runsPage();
    EXPECT_EQ(window_->currentPage(), page);
    EXPECT_EQ(page->currentView(), page->overview());
    EXPECT_TRUE(page->overview()->text().startsWith("This run cannot be read:"))
        << page->overview()->text().toStdString();

    window_->selectNode({Kind::Run, 1});
    EXPECT_EQ(page->currentView(), page->runView());
    ASSERT_TRUE(page->runView()->result());
    EXPECT_EQ(page->runView()->result()->server->concurrency.model, model::ConcurrencyModel::WorkerPool);

    window_->selectNode({Kind::RunsGroup, -1});
    EXPECT_TRUE(page->overview()->text().contains("3 run(s) stored"))
        << page->overview()->text().toStdString();
    EXPECT_TRUE(page->overview()->text().contains("Cannot read zz-broken.json"));
}

TEST_F(RunsInTheWorkbench, RenameInTheSidebarAndNoteInTheViewPersistToTheFile) {
    QAbstractItemModelTester tester(window_->treeModel(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QModelIndex first = window_->treeModel()->index(0, 0, runsGroup());
    ASSERT_TRUE(window_->treeModel()->setData(first, "  async baseline "));
    ASSERT_TRUE(waitFor([&] { return stored(0)["name"] == "async baseline"; })) << stored(0)["name"];
    ASSERT_TRUE(waitFor([&] { return runLabel(0) == "async baseline"; }));

    window_->selectNode({Kind::Run, 0});
    RunView* view = window_->runsPage()->runView();
    EXPECT_EQ(view->nameEdit()->text(), "async baseline");
    view->noteEdit()->setFocus();
    view->noteEdit()->setPlainText("before the pool change");
    window_->sidebar()->setFocus();  // leaving the note keeps it
    ASSERT_TRUE(waitFor([&] { return stored(0)["note"] == "before the pool change"; })) << stored(0)["note"];
    EXPECT_EQ(stored(0)["name"], "async baseline");
    EXPECT_TRUE(stored(0)["overall"] == realRuns()[0].toJson()["overall"]) << "nothing else changed";

    loadstar::testing::typeInto(view->nameEdit(), "renamed in the view");
    ASSERT_TRUE(waitFor([&] { return stored(0)["name"] == "renamed in the view"; }));
    EXPECT_EQ(stored(0)["note"], "before the pool change");

    // Quick successive edits of one file are written in order: the last one stays.
    window_->sidebar()->setFocus();  // the view shows what is stored (a field being edited keeps its text)
    RunHistory* history = window_->runsPage()->history();
    for (int i = 1; i <= 5; ++i)
        history->relabel(files_[0], QString("name %1").arg(i), QString("note %1").arg(i));
    ASSERT_TRUE(waitFor([&] { return !history->isWriting() && !history->isLoading(); }));
    EXPECT_EQ(stored(0)["name"], "name 5");
    EXPECT_EQ(stored(0)["note"], "note 5");
    EXPECT_EQ(view->nameEdit()->text(), "name 5");
    EXPECT_EQ(view->noteEdit()->toPlainText(), "note 5");
}

// The shared thread pool held to one thread and stopped at gates the test opens,
// so that the background work queued around a gate runs in a known order.
class PoolGates {
  public:
    PoolGates() : threads_(QThreadPool::globalInstance()->maxThreadCount()) {
        QThreadPool::globalInstance()->setMaxThreadCount(1);
    }
    ~PoolGates() {
        for (const auto& gate : gates_)
            gate->release();
        QThreadPool::globalInstance()->waitForDone();
        QThreadPool::globalInstance()->setMaxThreadCount(threads_);
    }
    PoolGates(const PoolGates&) = delete;
    PoolGates& operator=(const PoolGates&) = delete;

    // Work queued after this waits until open().
    QSemaphore* close() {
        gates_.push_back(std::make_unique<QSemaphore>());
        QSemaphore* gate = gates_.back().get();
        QThreadPool::globalInstance()->start([gate] {
            gate->acquire();
            gate->release();  // open for good: the destructor's release finds it open too
        });
        return gate;
    }
    static void open(QSemaphore* gate) { gate->release(); }

  private:
    int threads_;
    std::vector<std::unique_ptr<QSemaphore>> gates_;
};

// A listing of the runs folder that read a run before its new note was written, and
// arrives after the write, must not undo the note in the view: a name edited there
// next would write the old note back (the note the user wrote would be lost).
TEST_F(RunsInTheWorkbench, ANoteSurvivesAListingThatReadTheRunBeforeTheNoteWasWritten) {
    window_->selectNode({Kind::Run, 0});
    RunView* view = window_->runsPage()->runView();
    RunHistory* history = window_->runsPage()->history();
    ASSERT_TRUE(waitFor([&] { return !history->isLoading() && !history->isWriting(); }));
    ASSERT_EQ(stored(0)["note"], "");
    QSignalSpy listed(history, &RunHistory::changed);
    // Qt's raster painting uses the shared pool too: with its one thread held at a
    // gate, a repaint would wait for it forever. Nothing is painted while gated.
    window_->setUpdatesEnabled(false);
    {
        PoolGates pool;
        QSemaphore* first = pool.close();
        // A listing starts (the folder changed) and will read the run before the note is written...
        history->reload();
        ASSERT_TRUE(waitFor([&] { return history->isLoading(); }));
        // ... the user writes a note and leaves it: its write waits behind that listing...
        view->noteEdit()->setFocus();
        view->noteEdit()->setPlainText("before the pool change");
        window_->sidebar()->setFocus();
        ASSERT_TRUE(history->isWriting());
        // ... and whatever follows the write (the listing that would show the note) waits here.
        QSemaphore* second = pool.close();
        PoolGates::open(first);
        ASSERT_TRUE(waitFor([&] { return listed.count() >= 1; })) << "the early listing arrives";
        ASSERT_TRUE(waitFor([&] { return stored(0)["note"] == "before the pool change"; }));
        EXPECT_EQ(view->noteEdit()->toPlainText(), "before the pool change")
            << "the listing read before the write shows the note asked for, not the file it read";
        loadstar::testing::typeInto(view->nameEdit(), "renamed in the view");
        PoolGates::open(second);
    }
    window_->setUpdatesEnabled(true);
    ASSERT_TRUE(waitFor([&] { return stored(0)["name"] == "renamed in the view"; }));
    ASSERT_TRUE(waitFor([&] { return !history->isWriting() && !history->isLoading(); }));
    EXPECT_EQ(stored(0)["note"], "before the pool change") << "the rename did not carry an older note";
    EXPECT_EQ(stored(0)["name"], "renamed in the view");
}

TEST_F(RunsInTheWorkbench, DeleteRemovesTheFileAndUndoRestoresIt) {
    const std::string before = readFile(files_[1]);
    window_->selectNode({Kind::Run, 1});
    window_->deleteSelected();
    ASSERT_TRUE(waitFor([&] { return !std::filesystem::exists(files_[1]); }));
    ASSERT_TRUE(waitFor([&] { return runRows() == 2; }));
    EXPECT_TRUE(window_->sidebar()->isExpanded(window_->treeModel()->indexOf({Kind::EndpointsGroup, -1})))
        << "the other groups stay as they were";
    RunsPage* page = window_->runsPage();
    EXPECT_EQ(window_->currentPage(), page);
    EXPECT_TRUE(page->messageBar()->text().startsWith("Deleted 1 run(s)."))
        << page->messageBar()->text().toStdString();
    auto* undo = page->messageBar()->findChild<QPushButton*>("undoDelete");
    ASSERT_NE(undo, nullptr);
    undo->click();
    ASSERT_TRUE(waitFor([&] { return std::filesystem::exists(files_[1]); }));
    EXPECT_EQ(readFile(files_[1]), before) << "restored byte for byte";
    ASSERT_TRUE(waitFor([&] { return runRows() == 3; }));

    // Closing the message ends the chance to undo.
    window_->selectNode({Kind::Run, 0});
    window_->deleteSelected();
    ASSERT_TRUE(waitFor([&] { return runRows() == 2; }));
    EXPECT_TRUE(page->history()->canUndoDelete());
    page->messageBar()->hide();
    ASSERT_TRUE(waitFor([&] { return !page->history()->canUndoDelete(); }));
    EXPECT_FALSE(std::filesystem::exists(files_[0]));
}

TEST_F(RunsInTheWorkbench, AFileWrittenByAnotherRunAppearsInTheList) {
    const auto stored = results::storeRunResult(realRuns()[0], project_);
    ASSERT_TRUE(std::holds_alternative<std::filesystem::path>(stored));
    EXPECT_TRUE(waitFor([&] { return runRows() == 4; })) << "the folder is watched";
}

// Compare Frameworks' "Compare Runs" asks for runs stored a moment ago, which the run
// history (listed in the background) may not have read yet: they are shown when the
// listing arrives, not refused as "no longer in the run history". The runs are asked
// for before the event loop runs again, so no listing can have seen them.
TEST_F(RunsInTheWorkbench, RunsStoredAMomentAgoAreComparedOnceListed) {
    QStringList fresh;
    for (const results::RunResult& r : realRuns()) {
        const auto stored = results::storeRunResult(r, project_);
        ASSERT_TRUE(std::holds_alternative<std::filesystem::path>(stored));
        fresh << QString::fromStdString(std::get<std::filesystem::path>(stored).string());
    }
    RunsPage* page = window_->runsPage();
    ASSERT_EQ(page->history()->indexOf(fresh[0].toStdString()), -1) << "not listed yet";
    emit window_->frameworkComparisonView()->runsRequested(fresh);
    ASSERT_TRUE(waitFor([&] { return page->currentView() == page->compareView(); }));
    ASSERT_EQ(page->comparedFiles().size(), 2u);
    EXPECT_EQ(page->comparedFiles()[0].string(), fresh[0].toStdString());
    EXPECT_EQ(page->comparedFiles()[1].string(), fresh[1].toStdString());
    EXPECT_EQ(runRows(), 5);
}

TEST_F(RunsInTheWorkbench, SelectingTwoRunsComparesThem) {
    QTreeView* sidebar = window_->sidebar();
    window_->selectNode({Kind::Run, 0});
    sidebar->selectionModel()->select(window_->treeModel()->index(1, 0, runsGroup()),
                                      QItemSelectionModel::Select);
    RunsPage* page = window_->runsPage();
    ASSERT_EQ(page->currentView(), page->compareView());
    CompareView* compare = page->compareView();
    EXPECT_EQ(compare->runCount(), 2);
    QAbstractItemModelTester tester(compare->deltaModel(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    const RunDeltaModel* deltas = compare->deltaModel();
    EXPECT_EQ(deltas->rowCount(), RunDeltaModel::kMetricCount);
    EXPECT_EQ(deltas->columnCount(), 4);
    EXPECT_TRUE(deltas->headerData(1, Qt::Horizontal).toString().endsWith("(baseline)"));
    ASSERT_NE(compare->line("percentile.0"), nullptr);
    ASSERT_NE(compare->line("percentile.1"), nullptr);
    EXPECT_EQ(compare->line("rps.1")->count(), static_cast<qsizetype>(realRuns()[1].series.size()));
    ASSERT_NE(compare->line("p99.0"), nullptr);
    // Server settings side by side.
    QTableWidget* settings = compare->settingsTable();
    bool found = false;
    for (int row = 0; row < settings->rowCount(); ++row) {
        if (settings->item(row, 0)->text() != "Server: Concurrency") continue;
        found = true;
        EXPECT_EQ(settings->item(row, 1)->text(), "async ×1");
        EXPECT_EQ(settings->item(row, 2)->text(), "worker pool ×4 (queue 1024)");
        EXPECT_TRUE(settings->item(row, 0)->font().bold()) << "differs";
    }
    EXPECT_TRUE(found);
    EXPECT_TRUE(compare->findChild<QLabel*>("compareLegend")->text().contains("±3 %"));

    // The comparison as a PDF report, baseline first; opened once written.
    const std::filesystem::path pdf = dir_ / "comparison.pdf";
    QStringList opened;
    page->setReportOpener([&](const QString& path) { opened << path; });
    page->setExportPathPrompt([&](const QString& suggestion, const QString&) {
        EXPECT_TRUE(suggestion.endsWith("-comparison.html")) << suggestion.toStdString();
        return QString::fromStdString(pdf.string());
    });
    QSignalSpy reports(page, &RunsPage::reportFinished);
    compare->findChild<QPushButton*>("compareReport")->click();
    ASSERT_TRUE(waitFor([&] { return reports.count() == 1; }, 30000));
    EXPECT_TRUE(reports.at(0).at(0).toBool()) << page->messageBar()->text().toStdString();
    EXPECT_EQ(opened, QStringList{QString::fromStdString(pdf.string())});
    EXPECT_TRUE(readFile(pdf).starts_with("%PDF-"));
}

TEST(RunsFolder, TheFirstStoredRunOfAProjectAppears) {
    loadstar::testing::TempDir dir;
    const auto project = dir / "fresh.loadstar.json";
    ASSERT_TRUE(std::holds_alternative<std::monostate>(
        model::saveProject(loadstar::testing::benchmarkPlan(), project)));
    MainWindow window(loadstar::testing::isolatedOptions(dir.path()));
    window.show();
    ASSERT_TRUE(window.openFile(QString::fromStdString(project.string())));
    const QModelIndex runs = window.treeModel()->indexOf({Kind::RunsGroup, -1});
    window.selectNode({Kind::RunsGroup, -1});
    EXPECT_TRUE(waitFor([&] {
        return window.runsPage()->overview()->text().startsWith("No runs stored yet.");
    })) << window.runsPage()->overview()->text().toStdString();
    EXPECT_FALSE(std::filesystem::exists(results::runsDirectory(project)));
    ASSERT_TRUE(
        std::holds_alternative<std::filesystem::path>(results::storeRunResult(realRuns()[0], project)));
    EXPECT_TRUE(waitFor([&] { return window.treeModel()->rowCount(runs) == 1; }))
        << "the project's folder is watched until the runs folder appears";
}

TEST(CompareViewTest, DeltaSignsAndMarksMatchTheChange) {
    results::RunResult base = realRuns().at(0);
    results::RunResult faster = base;
    faster.overall.rps = base.overall.rps * 1.5;                                             // better: up
    faster.overall.latency.p99 = base.overall.latency.p99 / 2;                               // better: down
    faster.overall.latency.max = base.overall.latency.max * 2;                               // worse: up
    faster.overall.latency.p90 = base.overall.latency.p90 + base.overall.latency.p90 / 100;  // 1 %: noise
    CompareView view;
    view.setRuns({base, faster}, {"base", "faster"});
    const RunDeltaModel* m = view.deltaModel();
    const auto change = [&](RunDeltaModel::Metric metric) {
        return m->index(static_cast<int>(metric), RunDeltaModel::changeColumn(1));
    };
    using M = RunDeltaModel::Metric;
    EXPECT_EQ(change(M::Rps).data().toString(), "+50.0 % ▲ better");
    EXPECT_NEAR(change(M::Rps).data(RunDeltaModel::RelativeRole).toDouble(), 0.5, 1e-9);
    EXPECT_TRUE(change(M::P99).data().toString().endsWith("▼ better"))
        << change(M::P99).data().toString().toStdString();
    EXPECT_TRUE(change(M::P99).data().toString().startsWith("−"));
    EXPECT_EQ(change(M::Max).data().toString(), "+100.0 % ▲ worse");
    EXPECT_TRUE(change(M::P90).data().toString().endsWith("(noise)"))
        << change(M::P90).data().toString().toStdString();
    EXPECT_EQ(change(M::P50).data().toString(), "+0.0 % (noise)");
    EXPECT_EQ(change(M::Rps).data(Qt::ForegroundRole).value<QColor>(), ChartStyle::pass(view.palette()));
    EXPECT_EQ(change(M::Max).data(Qt::ForegroundRole).value<QColor>(), ChartStyle::fail(view.palette()));
    EXPECT_EQ(m->index(static_cast<int>(M::Rps), RunDeltaModel::valueColumn(0)).data().toString(),
              QLocale().toString(base.overall.rps, 'f', base.overall.rps < 100 ? 1 : 0));

    // Choosing the other run as the baseline turns the signs around.
    view.setBaseline(1);
    EXPECT_EQ(change(M::Max).data().toString(), "−50.0 % ▼ better");
}

TEST_F(RunsInTheWorkbench, ExportsJsonAndCsvAtomically) {
    window_->selectNode({Kind::Run, 0});
    RunsPage* page = window_->runsPage();
    const std::filesystem::path json = dir_ / "export.json";
    const std::filesystem::path csv = dir_ / "export.csv";
    page->setExportPathPrompt([&](const QString& suggestion, const QString&) {
        EXPECT_TRUE(suggestion.endsWith(".json") || suggestion.endsWith("-series.csv"))
            << suggestion.toStdString();
        return QString::fromStdString((suggestion.endsWith(".json") ? json : csv).string());
    });
    QSignalSpy finished(page, &RunsPage::exportFinished);
    page->exportShown(RunView::ExportFormat::Json);
    ASSERT_TRUE(waitFor([&] { return finished.count() == 1; }));
    EXPECT_TRUE(finished.at(0).at(0).toBool());
    EXPECT_TRUE(Json::parse(readFile(json)) == stored(0)) << "the run as stored";
    page->exportShown(RunView::ExportFormat::Csv);
    ASSERT_TRUE(waitFor([&] { return finished.count() == 2; }));
    const std::string text = readFile(csv);
    // The same CSV as `loadstar report --csv` writes for the stored run.
    EXPECT_TRUE(text.starts_with("run,t_s,interval_s,stage,"));
    EXPECT_EQ(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')),
              realRuns()[0].series.size() + 1);

    // The report from the run view: HTML, written in the background, then opened.
    auto* report = page->runView()->findChild<QAction*>("exportReport");
    ASSERT_NE(report, nullptr);
    EXPECT_TRUE(report->isVisible());
    const std::filesystem::path html = dir_ / "report.html";
    QStringList opened;
    page->setReportOpener([&](const QString& path) { opened << path; });
    page->setExportPathPrompt([&](const QString& suggestion, const QString& filter) {
        EXPECT_TRUE(suggestion.endsWith("-report.html")) << suggestion.toStdString();
        EXPECT_TRUE(filter.contains("*.pdf"));
        return QString::fromStdString(html.string());
    });
    QSignalSpy reports(page, &RunsPage::reportFinished);
    report->trigger();
    // Generous: a sanitizer build writes the report many times slower.
    ASSERT_TRUE(waitFor([&] { return reports.count() == 1; }, 60000));
    EXPECT_TRUE(reports.at(0).at(0).toBool());
    EXPECT_EQ(opened, QStringList{QString::fromStdString(html.string())});
    const std::string page1 = readFile(html);
    EXPECT_TRUE(page1.starts_with("<!DOCTYPE html>")) << page1.substr(0, 40);
    EXPECT_NE(page1.find("<svg"), std::string::npos);
    EXPECT_NE(page1.find(realRuns()[0].scenario->name), std::string::npos);

    // A folder that does not exist: the error shows inline.
    page->exportRun(realRuns()[0], RunView::ExportFormat::Json,
                    QString::fromStdString((dir_ / "missing" / "x.json").string()));
    ASSERT_TRUE(waitFor([&] { return finished.count() == 3; }));
    EXPECT_FALSE(finished.at(2).at(0).toBool());
    EXPECT_EQ(page->messageBar()->kind(), MessageBar::Kind::Error);
    EXPECT_TRUE(page->messageBar()->text().startsWith("Could not export:"))
        << page->messageBar()->text().toStdString();
}

}  // namespace
}  // namespace loadstar::widgets
