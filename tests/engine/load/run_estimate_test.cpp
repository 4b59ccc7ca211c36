#include "engine/load/run_estimate.h"

#include <gtest/gtest.h>

namespace loadstar::load {
namespace {

using namespace std::chrono_literals;

TEST(RunEstimate, OpenLoopFollowsTheArrivalSchedule) {
    LoadOptions o;
    o.executor = model::Executor::Open;
    o.profile = LoadProfile::constant(200, 30s, 5s);
    const RunEstimate e = estimateRun(o);
    EXPECT_EQ(e.peakLevel, 200);
    EXPECT_EQ(e.peakRate, 200);
    EXPECT_EQ(e.total, 35s);
    EXPECT_EQ(e.warmup, 5s);
    EXPECT_EQ(e.requests, 7000) << "the warm-up sends too";
    EXPECT_FALSE(e.requestsIsUpperBound);
    EXPECT_EQ(e.maxConnections, kDefaultOpenLoopConnections);

    // Ramps: 0 -> 100 over 10 s, then 100 for 10 s, then 100 -> 300 over 10 s.
    o.profile = LoadProfile::staged({{10s, 100}, {10s, 100}, {10s, 300}});
    o.maxConnections = 64;
    const RunEstimate staged = estimateRun(o);
    EXPECT_EQ(staged.peakRate, 300);
    EXPECT_EQ(staged.requests, 500 + 1000 + 2000);
    EXPECT_EQ(staged.maxConnections, 64);

    o.maxRequests = 1200;
    const RunEstimate capped = estimateRun(o);
    EXPECT_EQ(capped.requests, 1200);
    EXPECT_TRUE(capped.requestsIsUpperBound);
}

TEST(RunEstimate, ClosedLoopHasARateOnlyWithThinkTime) {
    LoadOptions o;
    o.executor = model::Executor::Closed;
    o.profile = LoadProfile::staged({{10s, 50}, {20s, 50}});
    RunEstimate e = estimateRun(o);
    EXPECT_EQ(e.peakLevel, 50);
    EXPECT_EQ(e.maxConnections, 50);
    EXPECT_FALSE(e.peakRate.has_value()) << "as fast as the answers come";
    EXPECT_FALSE(e.requests.has_value());

    o.thinkTime = 500ms;
    e = estimateRun(o);
    EXPECT_EQ(e.peakRate, 100);
    EXPECT_EQ(e.requests, (250 + 1000) * 2);
    EXPECT_TRUE(e.requestsIsUpperBound) << "answers take time too";

    o.thinkTime = {};
    o.maxRequests = 10;
    EXPECT_EQ(estimateRun(o).requests, 10);
}

}  // namespace
}  // namespace loadstar::load
