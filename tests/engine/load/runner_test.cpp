#include "engine/load/runner.h"

#include <thread>

#include <gtest/gtest.h>

#include "test_server.h"

namespace loadstar::load {
namespace {

using namespace std::chrono_literals;
using loadstar::testing::TestServer;

TargetUrl urlOf(const std::string& text) {
    auto parsed = parseTargetUrl(text);
    EXPECT_TRUE(std::holds_alternative<TargetUrl>(parsed)) << text;
    return std::get<TargetUrl>(parsed);
}

LoadOptions closedLoop(const TestServer& server, int users, model::Duration duration) {
    LoadOptions o;
    o.url = urlOf(server.url());
    o.executor = model::Executor::Closed;
    o.profile = LoadProfile::constant(users, duration);
    o.timeout = 2s;
    o.tick = 50ms;
    return o;
}

RequestPlan planFor(const LoadOptions& o) {
    return RequestPlan::single(o.url, "GET", {});
}

TEST(Runner, ClosedLoopStopsAfterTheRequestLimit) {
    TestServer server;
    LoadOptions o = closedLoop(server, 4, 10s);
    o.maxRequests = 500;
    Runner runner(o, planFor(o));
    ASSERT_EQ(runner.start(), std::nullopt);
    const RunOutput& out = runner.wait();
    EXPECT_EQ(out.overall.requests(), 500u);
    EXPECT_EQ(out.overall.statusCounts[200], 500u);
    EXPECT_EQ(out.overall.errorCount(), 0u);
    EXPECT_EQ(server.requests(), 500u);
    EXPECT_LE(server.connections(), 4u) << "keep-alive: one connection per user";
    EXPECT_EQ(out.overall.latency.count(), 500u);
    EXPECT_TRUE(runner.finished());
    EXPECT_EQ(runner.snapshot()->phase, Snapshot::Phase::Finished);
}

}  // namespace
}  // namespace loadstar::load
