#include "engine/report/run_comparison.h"

#include <gtest/gtest.h>

#include "sample_runs.h"

namespace loadstar::report {
namespace {

const MetricComparison& metric(const std::vector<MetricComparison>& all, const std::string& name) {
    for (const auto& m : all) {
        if (m.metric == name) return m;
    }
    throw std::runtime_error("no metric " + name);
}

TEST(RunComparison, MarksOnlyChangesBeyondTheNoiseBand) {
    const results::RunResult base = loadstar::testing::syntheticRun(40, 1.0);
    const results::RunResult slightly = loadstar::testing::syntheticRun(40, 1.02);  // +2%: noise
    const results::RunResult slower = loadstar::testing::syntheticRun(40, 1.10);
    results::RunResult faster = loadstar::testing::syntheticRun(40, 0.8);
    faster.overall.rps *= 1.5;
    const auto all = compareRuns({base, slightly, slower, faster});
    const MetricComparison& p99 = metric(all, "p99 latency");
    ASSERT_EQ(p99.changes.size(), 4u);
    EXPECT_EQ(p99.changes[0], Change::Baseline);
    EXPECT_EQ(p99.changes[1], Change::Within);
    EXPECT_EQ(p99.changes[2], Change::Regression) << "latency up is a regression";
    EXPECT_EQ(p99.changes[3], Change::Improvement);
    EXPECT_NEAR(p99.changesPercent[2], 10.0, 0.2);
    const MetricComparison& rps = metric(all, "throughput");
    EXPECT_EQ(rps.changes[1], Change::Within);
    EXPECT_EQ(rps.changes[3], Change::Improvement) << "throughput up is an improvement";
    EXPECT_DOUBLE_EQ(rps.changesPercent[3], 50.0);
    EXPECT_EQ(metric(all, "requests").changes[3], Change::Within);
    // Both runs sampled their server, so CPU and memory are compared too.
    EXPECT_EQ(metric(all, "server RSS (max)").unit, Unit::Bytes);
}

TEST(RunComparison, AnErrorRateFromZeroIsARegressionWithoutAPercentage) {
    const results::RunResult base = loadstar::testing::syntheticRun(40);
    results::RunResult errors = base;
    results::RunResult clean = base;
    clean.overall.errorRate = 0;
    errors.overall.errorRate = 0.05;
    const auto all = compareRuns({clean, errors});
    const MetricComparison& rate = metric(all, "error rate");
    EXPECT_EQ(rate.changes[1], Change::Regression);
    EXPECT_TRUE(std::isnan(rate.changesPercent[1]));
    EXPECT_EQ(rate.values[1], 5.0);
}

}  // namespace
}  // namespace loadstar::report
