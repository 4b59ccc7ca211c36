#include "engine/load/load_profile.h"

#include <gtest/gtest.h>

namespace loadstar::load {
namespace {

using namespace std::chrono_literals;
using model::Duration;

TEST(LoadProfile, ConstantWithWarmup) {
    const LoadProfile p = LoadProfile::constant(100, 2s, 500ms);
    EXPECT_EQ(p.total(), Duration(2'500'000));
    EXPECT_EQ(p.measured(), Duration(2'000'000));
    EXPECT_EQ(p.stageAt(100ms), -1);
    EXPECT_EQ(p.stageAt(600ms), 0);
    EXPECT_EQ(p.stageAt(3s), 1);
    EXPECT_DOUBLE_EQ(p.levelAt(100ms), 100);
    EXPECT_DOUBLE_EQ(p.arrivalsBefore(1s), 100);
    EXPECT_EQ(p.arrivalTime(0), Duration(0));
    EXPECT_EQ(p.arrivalTime(1), Duration(10'000));
    EXPECT_EQ(p.arrivalTime(249), Duration(2'490'000));
    EXPECT_EQ(p.arrivalTime(250), std::nullopt);
}

TEST(LoadProfile, StagesRampLinearly) {
    const LoadProfile p = LoadProfile::staged({{1s, 100}, {1s, 100}, {2s, 0}});
    EXPECT_EQ(p.total(), Duration(4'000'000));
    EXPECT_EQ(p.stageCount(), 3u);
    EXPECT_DOUBLE_EQ(p.levelAt(0s), 0);
    EXPECT_DOUBLE_EQ(p.levelAt(500ms), 50);
    EXPECT_DOUBLE_EQ(p.levelAt(1500ms), 100);
    EXPECT_DOUBLE_EQ(p.levelAt(3s), 50);
    EXPECT_EQ(p.stageAt(500ms), 0);
    EXPECT_EQ(p.stageAt(1500ms), 1);
    EXPECT_EQ(p.stageAt(3s), 2);
    // Ramp 0 -> 100 over 1 s offers 50 arrivals, then 100, then 100 more ramping down.
    EXPECT_DOUBLE_EQ(p.arrivalsBefore(1s), 50);
    EXPECT_DOUBLE_EQ(p.arrivalsBefore(2s), 150);
    EXPECT_DOUBLE_EQ(p.arrivalsBefore(4s), 250);
    // Arrival n on the ramp is at sqrt(n / 50) s: the 2nd of them (n = 2) at 0.2 s.
    EXPECT_EQ(p.arrivalTime(2), Duration(200'000));
    EXPECT_EQ(p.arrivalTime(50), Duration(1'000'000));
    EXPECT_EQ(p.arrivalTime(100), Duration(1'500'000));
    EXPECT_EQ(p.arrivalTime(249.9), Duration(3'936'754)) << "0.1 arrivals before the end: 25 s^2 = 0.1";
    EXPECT_EQ(p.arrivalTime(250), std::nullopt);
}

TEST(LoadProfile, WarmupRunsAtTheFirstStagesLevel) {
    const LoadProfile p = LoadProfile::staged({{1s, 10}, {1s, 20}}, 1s);
    EXPECT_DOUBLE_EQ(p.levelAt(500ms), 10);
    EXPECT_DOUBLE_EQ(p.levelAt(1500ms), 10);
    EXPECT_DOUBLE_EQ(p.levelAt(2500ms), 15);
    EXPECT_EQ(p.stageAt(500ms), -1);
    EXPECT_EQ(p.stageAt(2500ms), 1);
}

TEST(LoadProfile, FollowsTheScenario) {
    model::Scenario s;
    s.executor = model::Executor::Open;
    s.rate = 250;
    s.duration = 3s;
    const LoadProfile p = LoadProfile::of(s);
    EXPECT_DOUBLE_EQ(p.levelAt(1s), 250);
    EXPECT_EQ(p.total(), Duration(3'000'000));
    s.executor = model::Executor::Closed;
    s.vus = 7;
    EXPECT_DOUBLE_EQ(LoadProfile::of(s).levelAt(1s), 7);
    s.stages = {{2s, 20}};
    EXPECT_DOUBLE_EQ(LoadProfile::of(s).levelAt(1s), 10);
}

}  // namespace
}  // namespace loadstar::load
