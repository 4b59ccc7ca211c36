#include "engine/load/runner.h"

#include <thread>

#include <gtest/gtest.h>

#include "engine/load/series_follower.h"
#include "support/test_server.h"

namespace loadstar::load {
namespace {

using namespace std::chrono_literals;
using loadstar::testing::TestServer;

model::TargetUrl urlOf(const std::string& text) {
    auto parsed = model::parseTargetUrl(text);
    EXPECT_TRUE(std::holds_alternative<model::TargetUrl>(parsed)) << text;
    return std::get<model::TargetUrl>(parsed);
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

// A connection starts reading into 2 KiB and grows its buffer while reads fill it:
// answers of every size, past the largest buffer too, plain and chunked, arrive whole.
TEST(Runner, AnswersLargerThanTheReadBufferArriveWhole) {
    for (const bool chunked : {false, true}) {
        for (const std::size_t size : {std::size_t{1500}, std::size_t{3000}, std::size_t{300'000}}) {
            TestServer::Options options;
            options.chunked = chunked;
            options.body = "\"" + std::string(size - 2, 'x') + "\"";
            TestServer server(options);
            LoadOptions o = closedLoop(server, 2, 10s);
            o.maxRequests = 40;
            Runner runner(o, planFor(o));
            ASSERT_EQ(runner.start(), std::nullopt);
            const RunOutput& out = runner.wait();
            SCOPED_TRACE((chunked ? "chunked, " : "content-length, ") + std::to_string(size) + " bytes");
            EXPECT_EQ(out.overall.statusCounts[200], 40u);
            EXPECT_EQ(out.overall.errorCount(), 0u);
            EXPECT_GT(out.overall.bytesIn, 40 * size) << "every body read to its end";
            EXPECT_LT(out.overall.bytesIn, 40 * (size + size / 100 + 400)) << "and nothing read twice";
            EXPECT_LE(server.connections(), 2u)
                << "each answer ended where it should: the connections stayed open";
        }
    }
}

}  // namespace
}  // namespace loadstar::load

namespace loadstar::load {
namespace {

using Fault = TestServer::Fault;
using stats::ErrorClass;

std::uint64_t errorsOf(const stats::RequestStats& s, ErrorClass c) {
    return s.errors[static_cast<std::size_t>(c)];
}

RunOutput runToEnd(const LoadOptions& o) {
    Runner runner(o, planFor(o));
    EXPECT_EQ(runner.start(), std::nullopt);
    return runner.wait();
}

// The first snapshot that shows `reached`, polled as the GUI polls it; null when
// none does within a deadline far beyond any busy machine's delay.
template <typename Condition>
std::shared_ptr<const Snapshot> snapshotWhen(const Runner& runner, Condition reached) {
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    for (;;) {
        auto snapshot = runner.snapshot();
        if (snapshot && reached(*snapshot)) return snapshot;
        if (std::chrono::steady_clock::now() > deadline) return nullptr;
        std::this_thread::sleep_for(5ms);
    }
}

LoadOptions openLoop(const TestServer& server, double rate, model::Duration duration, int maxConnections) {
    LoadOptions o = closedLoop(server, 0, duration);
    o.executor = model::Executor::Open;
    o.profile = LoadProfile::constant(rate, duration);
    o.maxConnections = maxConnections;
    return o;
}

TEST(Runner, OpenLoopAchievesTheRate) {
    TestServer server;
    const RunOutput out = runToEnd(openLoop(server, 500, 2s, 50));
    // The schedule offers exactly 1000 arrivals in 2 s; every one is sent and answered.
    EXPECT_EQ(out.overall.responses, 1000u);
    EXPECT_EQ(out.overall.errorCount(), 0u);
    EXPECT_EQ(out.overall.dropped, 0u);
    EXPECT_NEAR(static_cast<double>(out.overall.requests()) / out.measuredSeconds, 500.0, 5.0);
    EXPECT_FALSE(out.interrupted);
}

// The coordinated-omission test: the server freezes for 500 ms once. Measured from
// the intended start, every request due during the freeze waited, so p99 shows
// it; measured from the actual send (and in a closed loop, which simply stops
// sending during the freeze), the freeze almost vanishes.
TEST(Runner, StalledServerShowsInCorrectedLatencyAndHidesInUncorrected) {
    TestServer::Options stall;
    stall.fault = Fault::StallOnce;
    stall.faultAt = 1000;
    stall.stall = 500ms;
    TestServer server(stall);
    const RunOutput open = runToEnd(openLoop(server, 1000, 3s, 10));
    const auto correctedP99 = open.overall.latency.valueAtPercentile(99);
    const auto uncorrectedP99 = open.overall.uncorrected.valueAtPercentile(99);
    EXPECT_GE(correctedP99, 400'000) << "corrected p99 shows the 500 ms stall";
    EXPECT_LT(uncorrectedP99, 150'000) << "uncorrected p99 hides it: only the ~10 requests in flight waited";
    EXPECT_GE(open.overall.uncorrected.max(), 400'000) << "the in-flight ones did wait";
    EXPECT_GE(open.overall.responses, 2900u);

    TestServer closedServer(stall);
    LoadOptions closed = closedLoop(closedServer, 10, 3s);
    const RunOutput closedOut = runToEnd(closed);
    EXPECT_GT(closedOut.overall.responses, 1000u);
    EXPECT_LT(closedOut.overall.latency.valueAtPercentile(99), 150'000)
        << "a closed loop stops sending during the stall, so its p99 hides it too";
}

TEST(Runner, ConnectionRefusedIsCountedAndTheRunEnds) {
    std::uint16_t closedPort = 0;
    {
        TestServer gone;
        closedPort = gone.port();
    }
    LoadOptions o;
    o.url = urlOf("http://127.0.0.1:" + std::to_string(closedPort) + "/");
    o.profile = LoadProfile::constant(2, 300ms);
    o.timeout = 1s;
    o.tick = 50ms;
    const RunOutput out = runToEnd(o);
    EXPECT_EQ(out.overall.responses, 0u);
    EXPECT_GT(errorsOf(out.overall, ErrorClass::Connect), 5u);
    EXPECT_EQ(out.overall.errorCount(), errorsOf(out.overall, ErrorClass::Connect));
    EXPECT_LT(errorsOf(out.overall, ErrorClass::Connect), 200u) << "a refused connect backs off, never spins";
}

struct FaultCase {
    Fault fault;
    ErrorClass error;
};

class RunnerFaults : public ::testing::TestWithParam<FaultCase> {};

TEST_P(RunnerFaults, EachFaultIsCountedOnceAndTheRunGoesOn) {
    TestServer::Options options;
    options.fault = GetParam().fault;
    options.faultEvery = 5;
    TestServer server(options);
    LoadOptions o = closedLoop(server, 3, 10s);
    o.maxRequests = 150;
    // A stalled request holds its user until the timeout, so the stall case pays 10 of
    // them a user; the timeout must still be far beyond an answered request's time on
    // a loaded machine under a sanitizer (at 100 ms, 4 answers of 120 were late once).
    o.timeout = GetParam().fault == Fault::Stall ? 500ms : 5s;
    const RunOutput out = runToEnd(o);
    // Every request ends exactly once: answered, or counted in the fault's class.
    EXPECT_EQ(server.requests(), 150u) << "no request was resent behind the counters' back";
    EXPECT_EQ(server.faults(), 30u);
    EXPECT_EQ(out.overall.requests(), 150u);
    EXPECT_EQ(out.overall.errorCount(), errorsOf(out.overall, GetParam().error));
    EXPECT_EQ(errorsOf(out.overall, GetParam().error), 30u);
    EXPECT_EQ(out.overall.responses, 120u);
}

INSTANTIATE_TEST_SUITE_P(Faults, RunnerFaults,
                         ::testing::Values(FaultCase{Fault::Reset, ErrorClass::Read},
                                           FaultCase{Fault::Garbage, ErrorClass::Protocol},
                                           FaultCase{Fault::CloseMidResponse, ErrorClass::Read},
                                           FaultCase{Fault::Stall, ErrorClass::Timeout}));

TEST(Runner, TimeoutsReallyCancelSlowAnswers) {
    TestServer::Options slow;
    slow.fault = Fault::Slow;
    slow.stall = 2s;
    TestServer server(slow);
    LoadOptions o = closedLoop(server, 2, 30s);
    o.timeout = 50ms;
    o.maxRequests = 6;
    const auto started = std::chrono::steady_clock::now();
    const RunOutput out = runToEnd(o);
    const auto took = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(errorsOf(out.overall, ErrorClass::Timeout), 6u);
    EXPECT_EQ(out.overall.responses, 0u);
    // Three rounds of 50 ms timeouts; had the client waited for the answers, the
    // first round alone would take the server's 2 s.
    EXPECT_LT(took, slow.stall) << "the run ended before the server answered even once";
}

TEST(Runner, SurvivesTheTargetDyingMidRun) {
    TestServer server;
    LoadOptions o = closedLoop(server, 4, 2s);
    o.timeout = 200ms;
    Runner runner(o, planFor(o));
    ASSERT_EQ(runner.start(), std::nullopt);
    ASSERT_NE(snapshotWhen(runner, [](const Snapshot& s) { return s.totals.requests > 10; }), nullptr);
    server.kill();
    const RunOutput& out = runner.wait();
    EXPECT_GT(out.overall.responses, 10u);
    EXPECT_GT(errorsOf(out.overall, ErrorClass::Connect) + errorsOf(out.overall, ErrorClass::Read), 0u);
    EXPECT_FALSE(out.interrupted);
}

TEST(Runner, StopEndsARunEarlyAndKeepsWhatWasMeasured) {
    TestServer server;
    LoadOptions o = closedLoop(server, 2, 30s);
    Runner runner(o, planFor(o));
    const auto beforeStart = std::chrono::steady_clock::now();
    ASSERT_EQ(runner.start(), std::nullopt);
    const auto afterStart = std::chrono::steady_clock::now();
    ASSERT_NE(snapshotWhen(runner, [](const Snapshot& s) { return s.totals.requests > 10; }), nullptr);
    const auto stopAt = std::chrono::steady_clock::now();
    runner.stop();
    const RunOutput& out = runner.wait();
    const auto ended = std::chrono::steady_clock::now();
    EXPECT_LT(ended - stopAt, 10s) << "a third of the planned 30 s: the stop ended the run";
    EXPECT_TRUE(out.interrupted);
    EXPECT_GT(out.overall.responses, 10u);
    // The measured span runs from the start to the stop: bounded by what the test saw.
    const auto seconds = [](auto d) { return std::chrono::duration<double>(d).count(); };
    EXPECT_GE(out.measuredSeconds, seconds(stopAt - afterStart));
    EXPECT_LE(out.measuredSeconds, seconds(ended - beforeStart));
}

TEST(Runner, PublishesSnapshotsWhileRunning) {
    TestServer server;
    LoadOptions o = closedLoop(server, 2, 30s);
    Runner runner(o, planFor(o));
    ASSERT_EQ(runner.start(), std::nullopt);
    const auto mid =
        snapshotWhen(runner, [](const Snapshot& s) { return s.tickCount() >= 3 && s.totals.requests > 0; });
    ASSERT_NE(mid, nullptr);
    const std::size_t midTicks = mid->tickCount();
    const std::uint64_t midRequests = mid->totals.requests;
    EXPECT_EQ(mid->phase, Snapshot::Phase::Running);
    EXPECT_GE(mid->elapsed, 0.15) << "three ticks of 50 ms";
    EXPECT_DOUBLE_EQ(mid->total, 30);
    EXPECT_EQ(mid->endpointIds, std::vector<std::string>{"request"});
    ASSERT_NE(snapshotWhen(runner, [&](const Snapshot& s) { return s.tickCount() > midTicks + 2; }), nullptr);
    runner.stop();
    const RunOutput& out = runner.wait();
    const auto last = runner.snapshot();
    EXPECT_EQ(last->phase, Snapshot::Phase::Finished);
    EXPECT_GT(last->tickCount(), midTicks);
    EXPECT_GT(last->totals.requests, midRequests);
    EXPECT_EQ(mid->tickCount(), midTicks) << "a published snapshot never changes";
    EXPECT_EQ(mid->totals.requests, midRequests) << "a published snapshot never changes";
    ASSERT_EQ(last->tickCount(), out.series.size()) << "the last snapshot has every tick";
    std::uint64_t fromTicks = 0;
    for (const auto& p : last->history->range(0, last->tickCount()))
        fromTicks += p->overall.requests;
    EXPECT_EQ(fromTicks, last->totals.requests) << "the ticks add up to the whole run";
}

// Each snapshot carries the ticks since the one before, not the series so far; a
// reader that sees every snapshot and one that misses most of them both end with
// the run's stored series, each tick once, in order.
TEST(Runner, SnapshotsCarryOnlyTheNewTicksAndNoReaderLosesOne) {
    TestServer server;
    LoadOptions o = closedLoop(server, 2, 1500ms);
    o.tick = 20ms;
    Runner runner(o, planFor(o));
    ASSERT_EQ(runner.start(), std::nullopt);
    std::vector<std::shared_ptr<const Snapshot>> seen;
    while (!runner.finished()) {
        auto s = runner.snapshot();
        if (s && (seen.empty() || seen.back() != s)) seen.push_back(std::move(s));
        std::this_thread::sleep_for(2ms);
    }
    const RunOutput& out = runner.wait();
    if (runner.snapshot() != seen.back()) seen.push_back(runner.snapshot());
    ASSERT_EQ(seen.back()->phase, Snapshot::Phase::Finished);
    ASSERT_GE(out.series.size(), 10u);
    ASSERT_GE(seen.size(), 4u);

    SeriesFollower everyOne;
    SeriesFollower everyThird;
    std::size_t expectedFirst = 0;
    for (std::size_t i = 0; i < seen.size(); ++i) {
        const Snapshot& s = *seen[i];
        EXPECT_EQ(s.history, seen.front()->history) << "one history for the run";
        // A snapshot starts where the previous one it follows ended (the reader may
        // have missed some in between, never the other way round).
        EXPECT_GE(s.firstTick, expectedFirst) << "snapshot " << i << " repeats ticks";
        EXPECT_LE(s.ticks.size(), 1u) << "a snapshot a tick, with that tick only";
        expectedFirst = s.tickCount();
        everyOne.follow(s);
        if (i % 3 == 0 || i + 1 == seen.size()) everyThird.follow(s);
    }
    for (const SeriesFollower* f : {&everyOne, &everyThird}) {
        ASSERT_EQ(f->series().size(), out.series.size());
        for (std::size_t i = 0; i < out.series.size(); ++i)
            EXPECT_EQ(f->series()[i], out.series[i]) << "tick " << i;
        EXPECT_EQ(f->lost(), 0u);
    }
    EXPECT_GT(everyThird.recovered(), 0u) << "the missed snapshots' ticks came from the history";
    // Following a snapshot again adds nothing.
    EXPECT_EQ(everyOne.follow(*seen.back()), 0u);
    EXPECT_EQ(everyOne.series().size(), out.series.size());
}

// Every snapshot carries the thresholds judged on the run so far, by the code that
// gives the final verdict: the last snapshot's verdicts are the stored result's.
TEST(Runner, SnapshotsCarryTheThresholdsJudgedSoFar) {
    using Standing = stats::ThresholdResult::Standing;
    TestServer server;
    LoadOptions o = closedLoop(server, 2, 30s);
    o.thresholds = {"p99 < 10s", "request: errors < 1", "p97 > 1h", "nosuch: p50 < 1s", "p99 <"};
    Runner runner(o, planFor(o));
    ASSERT_EQ(runner.start(), std::nullopt);
    const auto first = runner.snapshot();
    ASSERT_EQ(first->thresholds.size(), 5u);
    EXPECT_EQ(first->thresholds[0].standing, Standing::NoData) << "nothing measured yet";
    EXPECT_EQ(first->thresholds[4].standing, Standing::Invalid);
    const auto measured = snapshotWhen(runner, [](const Snapshot& s) { return s.totals.requests > 20; });
    ASSERT_NE(measured, nullptr);
    ASSERT_EQ(measured->thresholds.size(), 5u);
    EXPECT_EQ(measured->thresholds[0].standing, Standing::Judged);
    EXPECT_TRUE(measured->thresholds[0].passed) << measured->thresholds[0].measuredText;
    EXPECT_TRUE(measured->thresholds[1].passed) << measured->thresholds[1].measuredText;
    EXPECT_FALSE(measured->thresholds[2].passed) << "any percentile is judged live, not only the usual ones";
    EXPECT_EQ(measured->thresholds[2].measuredText.rfind("p97 = ", 0), 0u)
        << measured->thresholds[2].measuredText;
    EXPECT_EQ(measured->thresholds[3].standing, Standing::Invalid);
    EXPECT_EQ(measured->thresholds[3].measuredText, "no endpoint \"nosuch\" in this run");
    runner.stop();
    const RunOutput& out = runner.wait();
    const results::RunResult stored = makeRunResult(out, std::nullopt, o.thresholds);
    const auto last = runner.snapshot();
    ASSERT_EQ(last->thresholds.size(), stored.thresholds.size());
    for (std::size_t i = 0; i < stored.thresholds.size(); ++i) {
        EXPECT_EQ(last->thresholds[i].passed, stored.thresholds[i].passed) << i;
        EXPECT_EQ(last->thresholds[i].measuredText, stored.thresholds[i].measuredText) << i;
    }
}

TEST(Runner, WarmupIsNotRecorded) {
    TestServer server;
    LoadOptions o = closedLoop(server, 2, 300ms);
    o.profile = LoadProfile::constant(2, 300ms, 300ms);
    const RunOutput out = runToEnd(o);
    EXPECT_GT(out.overall.responses, 10u);
    EXPECT_EQ(out.requestsStarted, server.requests());
    EXPECT_GT(server.requests(), out.overall.responses + 10)
        << "the warm-up's requests are not in the results";
    EXPECT_NEAR(out.measuredSeconds, 0.3, 0.05);
}

TEST(Runner, SpreadsUsersOverThreadsAndSendsHeadersOverIpv6) {
    TestServer::Options v6;
    v6.ipv6 = true;
    v6.chunked = true;
    TestServer server(v6);
    // Paced users over a fixed time (not a request count, which a loaded machine
    // can reach before the last user has even connected).
    LoadOptions o = closedLoop(server, 5, 500ms);
    o.threads = 2;
    o.thinkTime = 10ms;
    RequestPlan plan = RequestPlan::single(o.url, "POST", {{"Authorization", "Bearer t0ken"}}, R"({"a":1})");
    Runner runner(o, std::move(plan));
    ASSERT_EQ(runner.start(), std::nullopt);
    const RunOutput& out = runner.wait();
    EXPECT_GT(out.overall.responses, 50u);
    EXPECT_EQ(out.overall.errorCount(), 0u);
    EXPECT_EQ(server.connections(), 5u) << "3 users on one thread, 2 on the other, none dropped";
    const std::string seen = server.received();
    EXPECT_NE(
        seen.find(
            "POST /hello HTTP/1.1\r\nHost: [::1]:" + std::to_string(server.port()) +
            "\r\nAuthorization: Bearer t0ken\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n"
            "{\"a\":1}"),
        std::string::npos);
}

TEST(Runner, ClosedLoopFollowsStages) {
    TestServer server;
    LoadOptions o = closedLoop(server, 0, 1s);
    o.profile = LoadProfile::staged({{400ms, 6}, {400ms, 6}, {200ms, 1}});
    const RunOutput out = runToEnd(o);
    EXPECT_GT(out.overall.responses, 0u);
    EXPECT_LE(server.connections(), 6u);
    int maxOpen = 0;
    for (const auto& p : out.series)
        maxOpen = std::max(maxOpen, p->openConnections);
    EXPECT_GE(maxOpen, 5);
    EXPECT_EQ(out.series.front()->stage, 0);
}

TEST(Runner, ThinkTimePacesEachUser) {
    TestServer server;
    LoadOptions o = closedLoop(server, 2, 500ms);
    o.thinkTime = 100ms;
    const RunOutput out = runToEnd(o);
    // Each user: a request, 100 ms of thinking, the next: at most 5 in 500 ms.
    EXPECT_GE(out.overall.responses, 6u);
    EXPECT_LE(out.overall.responses, 10u);
}

TEST(Runner, ReportsAnUnresolvableHost) {
    LoadOptions o;
    o.url = urlOf("http://no-such-host.invalid/");
    Runner runner(o, planFor(o));
    const auto error = runner.start();
    ASSERT_TRUE(error.has_value());
    EXPECT_TRUE(error->starts_with("cannot resolve \"no-such-host.invalid\"")) << *error;
}

TEST(Runner, SendsNothingToANameThatResolvesOutsideLoopback) {
    // "10.1" is not a literal to model::parseTargetUrl, but the resolver reads it as
    // 10.0.0.1 (inet_aton's short form): the check after resolution refuses it.
    LoadOptions o;
    o.url = urlOf("http://10.1:8080/");
    o.profile = LoadProfile::constant(2, 300ms);
    Runner runner(o, planFor(o));
    const auto error = runner.start();
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(*error,
              "\"10.1\" resolves to 10.0.0.1, not a loopback address; " + std::string(model::kLoopbackOnly));

    // The same short form for 127.0.0.1 is allowed and runs.
    TestServer server;
    LoadOptions local = closedLoop(server, 1, 300ms);
    local.url.host = "127.1";
    const RunOutput out = runToEnd(local);
    EXPECT_GT(out.overall.responses, 0u);
}

}  // namespace
}  // namespace loadstar::load
