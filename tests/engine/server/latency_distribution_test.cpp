#include "engine/server/latency_distribution.h"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

#include "engine/server/cpu_burner.h"

namespace loadstar::server {
namespace {

using std::chrono::milliseconds;

TEST(LatencyDistribution, NoneAndFixed) {
    std::mt19937_64 random(1);
    EXPECT_TRUE(LatencyDistribution(model::Latency{}).isZero());
    model::Latency fixed;
    fixed.kind = model::Latency::Kind::Fixed;
    fixed.fixed = milliseconds(50);
    EXPECT_EQ(LatencyDistribution(fixed).sample(random), milliseconds(50));
}

TEST(LatencyDistribution, LogNormalThroughP50AndP99) {
    model::Latency latency;
    latency.kind = model::Latency::Kind::Distribution;
    latency.p50 = milliseconds(20);
    latency.p99 = milliseconds(200);
    const LatencyDistribution distribution(latency);
    std::mt19937_64 random(7);
    std::vector<std::int64_t> samples;
    for (int i = 0; i < 20000; ++i)
        samples.push_back(distribution.sample(random).count());
    std::sort(samples.begin(), samples.end());
    const double p50 = static_cast<double>(samples[10000]);
    const double p99 = static_cast<double>(samples[19800]);
    EXPECT_NEAR(p50, 20000.0, 1000.0);
    EXPECT_NEAR(p99, 200000.0, 20000.0);
    EXPECT_GT(samples.front(), 0);
}

TEST(CpuBurner, RunsForAtLeastTheRequestedTime) {
    const auto start = std::chrono::steady_clock::now();
    burnCpu(milliseconds(20));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_GE(elapsed, milliseconds(20));
    EXPECT_LT(elapsed, milliseconds(2000));
}

}  // namespace
}  // namespace loadstar::server
