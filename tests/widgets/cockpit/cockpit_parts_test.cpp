#include <QAbstractItemModelTester>
#include <QTreeWidget>

#include <gtest/gtest.h>

#include "widgets/cockpit/benchmark_summary_model.h"
#include "widgets/cockpit/live_dashboard.h"
#include "widgets/cockpit/scenario_presets.h"
#include "widgets/cockpit/time_series_chart.h"

namespace loadstar::widgets {
namespace {

TEST(TimeSeriesChart, DrawsABoundedNumberOfPointsOfAnHourAndZoomsIntoTheFullData) {
    TimeSeriesChart chart(QStringLiteral("Latency"), QStringLiteral("ms"));
    chart.resize(900, 300);
    const int line = chart.addLine(QStringLiteral("p99"), 0);
    std::vector<QPointF> hour;
    for (int i = 0; i < 14400; ++i)
        hour.emplace_back(i * 0.25, 10.0 + (i % 100));
    chart.append(line, hour);
    chart.redraw();
    EXPECT_EQ(chart.keptPoints(line), 14400u);
    EXPECT_LT(chart.drawnPoints(line), 4000);
    EXPECT_TRUE(chart.following());
    EXPECT_EQ(chart.viewTo(), 3599.75);

    chart.zoomToSeconds(100, 110);  // 40 points: all of them drawn
    EXPECT_FALSE(chart.following());
    EXPECT_EQ(chart.drawnPoints(line), 41 + 2);
    chart.pan(5);
    EXPECT_EQ(chart.viewFrom(), 105);
    EXPECT_EQ(chart.viewTo(), 115);
    chart.pan(-1000);  // clamped at the start
    EXPECT_EQ(chart.viewFrom(), 0);
    chart.setLogScale(true);
    EXPECT_TRUE(chart.logScale());
    chart.follow();
    EXPECT_EQ(chart.viewFrom(), 0);
    EXPECT_EQ(chart.viewTo(), 3599.75);
}

// Following a live run, each redraw reworks only the newest columns: a chart fed a
// tick at a time draws what a chart given the whole run at once draws.
TEST(TimeSeriesChart, FedTickByTickDrawsWhatTheWholeRunDraws) {
    TimeSeriesChart live(QStringLiteral("Latency"), QStringLiteral("ms"));
    TimeSeriesChart whole(QStringLiteral("Latency"), QStringLiteral("ms"));
    std::vector<QPointF> run;
    for (int i = 0; i < 3000; ++i)
        run.emplace_back((i + 1) * 0.2, i == 2222 ? 500.0 : 10.0 + (i % 13));
    for (TimeSeriesChart* c : {&live, &whole}) {
        c->resize(700, 260);
        c->addLine(QStringLiteral("p99"), 0);
        c->setPlannedSeconds(600);
    }
    for (std::size_t i = 0; i < run.size(); i += 7) {
        live.append(
            0, std::vector<QPointF>(run.begin() + static_cast<std::ptrdiff_t>(i),
                                    run.begin() + static_cast<std::ptrdiff_t>(std::min(i + 7, run.size()))));
        live.redraw();
    }
    whole.append(0, run);
    whole.redraw();
    EXPECT_EQ(live.keptPoints(0), run.size());
    EXPECT_EQ(live.drawnPoints(0), whole.drawnPoints(0));
    EXPECT_LT(live.drawnPoints(0), 2000);
    EXPECT_EQ(live.viewTo(), 600);
}

stats::ThresholdResult verdict(std::string text, bool passed, std::string measured,
                               stats::ThresholdResult::Standing standing) {
    stats::ThresholdResult r;
    r.text = std::move(text);
    r.passed = passed;
    r.measuredText = std::move(measured);
    r.standing = standing;
    return r;
}

// The dashboard shows the engine's verdicts as they come in the snapshot; it judges nothing itself.
TEST(LiveDashboardThresholds, ShowTheEnginesVerdictsPendingUntilMeasured) {
    using Standing = stats::ThresholdResult::Standing;
    LiveDashboard dashboard;
    model::Scenario scenario;
    scenario.thresholds = {"p99 < 50ms", "error_rate < 1%", "p99 <"};
    dashboard.begin(scenario);
    QTreeWidget* list = dashboard.thresholdList();
    ASSERT_EQ(list->topLevelItemCount(), 3);
    EXPECT_EQ(list->topLevelItem(0)->text(0), "… p99 < 50ms") << "nothing measured yet";
    EXPECT_TRUE(list->topLevelItem(2)->text(0).startsWith("⚠ ")) << "a threshold that does not parse says so";
    EXPECT_TRUE(list->topLevelItem(2)->text(1).startsWith("invalid threshold: column"))
        << list->topLevelItem(2)->text(1).toStdString();

    load::Snapshot snapshot;
    snapshot.thresholds = {verdict("p99 < 50ms", false, "p99 = 60.00ms", Standing::Judged),
                           verdict("error_rate < 1%", true, "error_rate = 0.00%", Standing::Judged),
                           verdict("p99 <", false, "invalid threshold: column 6: x", Standing::Invalid)};
    dashboard.showSnapshot(snapshot, {});
    EXPECT_EQ(list->topLevelItem(0)->text(0), "✗ p99 < 50ms");
    EXPECT_EQ(list->topLevelItem(0)->text(1), "p99 = 60.00ms");
    EXPECT_EQ(list->topLevelItem(1)->text(0), "✓ error_rate < 1%");
    EXPECT_EQ(list->topLevelItem(2)->text(0), "⚠ p99 <");

    results::RunResult result;
    result.thresholds = {verdict("p99 < 50ms", false, "p99 = 0us", Standing::NoData)};
    dashboard.showResult(result, {});
    ASSERT_EQ(list->topLevelItemCount(), 1);
    EXPECT_EQ(list->topLevelItem(0)->text(0), "✗ p99 < 50ms") << "a final verdict does not wait";
}

TEST(BenchmarkSummaryModel, ShowsEachScenariosFiguresAndVerdict) {
    BenchmarkSummaryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    results::RunResult result;
    result.scenario = model::Scenario{};
    result.scenario->name = "io-c200";
    result.overall.rps = 3850.4;
    result.overall.latency.p50 = 51'200;
    result.overall.latency.p95 = 53'000;
    result.overall.latency.p99 = 58'400;
    result.overall.errors = 3;
    result.overall.errorRate = 0.0005;
    for (int i = 0; i < 4; ++i) {
        auto p = std::make_shared<results::TickPoint>();
        p->stage = i == 0 ? -1 : 0;  // the warm-up tick is not counted
        p->resources.target = monitor::ProcessSample{};
        p->resources.target->alive = true;
        p->resources.target->cpuPercent = i == 0 ? 500.0 : 40.0 + i;
        p->resources.target->rssBytes = static_cast<std::uint64_t>(i) * 1024 * 1024 * 10;
        result.series.push_back(p);
    }
    result.thresholds = {{"p95 < 100ms", true, 53'000, "p95 = 53.0ms"}};
    result.thresholdsPassed = true;

    BenchmarkSummaryModel::Row waiting;
    waiting.scenario = QStringLiteral("model-c10");
    model.setRows({BenchmarkSummaryModel::rowFor(result), waiting});
    ASSERT_EQ(model.rowCount(), 2);
    ASSERT_EQ(model.columnCount(), BenchmarkSummaryModel::ColumnCount);
    const auto text = [&](int row, int column) {
        return model.index(row, column).data().toString().toStdString();
    };
    EXPECT_EQ(text(0, BenchmarkSummaryModel::ScenarioColumn), "io-c200");
    EXPECT_EQ(text(0, BenchmarkSummaryModel::StatusColumn), "done");
    EXPECT_EQ(text(0, BenchmarkSummaryModel::P50Column), "51.20ms");
    EXPECT_EQ(text(0, BenchmarkSummaryModel::P99Column), "58.40ms");
    EXPECT_EQ(text(0, BenchmarkSummaryModel::ErrorsColumn), "3 (0.05%)");
    EXPECT_EQ(text(0, BenchmarkSummaryModel::ServerCpuColumn), "42%");  // (41 + 42 + 43) / 3
    EXPECT_EQ(text(0, BenchmarkSummaryModel::ServerRssColumn), "30.0 MiB");
    EXPECT_EQ(text(0, BenchmarkSummaryModel::VerdictColumn), "✓ passed");
    EXPECT_EQ(text(1, BenchmarkSummaryModel::StatusColumn), "waiting");
    EXPECT_EQ(text(1, BenchmarkSummaryModel::RpsColumn), "");
}

TEST(ScenarioPresets, MakeTheBenchmarkPlansMatrixOnTheDesignsEndpoints) {
    model::Project project;
    model::Endpoint io;
    io.id = "io";
    project.endpoints.push_back(io);
    const auto presets = scenarioPresets(project);
    ASSERT_EQ(presets.size(), 9u);
    EXPECT_EQ(presets[0].scenario.name, "micro-c10");
    EXPECT_TRUE(presets[0].scenario.mix.empty()) << "no hello endpoint: every endpoint";
    EXPECT_EQ(presets[4].label, QString::fromUtf8("I/O-bound × 200"));
    EXPECT_EQ(presets[4].scenario.vus, 200);
    ASSERT_EQ(presets[4].scenario.mix.size(), 1u);
    EXPECT_EQ(presets[4].scenario.mix[0].endpoint, "io");
    EXPECT_EQ(presets[4].scenario.thresholds, (std::vector<std::string>{"p95 < 100ms", "error_rate < 1%"}));
    EXPECT_EQ(presets[8].scenario.name, "model-c1000");
    EXPECT_EQ(presets[8].scenario.warmup, std::chrono::seconds(2));
}

}  // namespace
}  // namespace loadstar::widgets
