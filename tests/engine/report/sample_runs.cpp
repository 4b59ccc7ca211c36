#include "sample_runs.h"

#include <cmath>
#include <unistd.h>

#include <gtest/gtest.h>

#include "engine/load/runner.h"
#include "engine/stats/units.h"
#include "support/test_server.h"

namespace loadstar::testing {

using namespace std::chrono_literals;

results::RunResult realRun(const std::vector<std::string>& thresholds, int vus) {
    TestServer::Options options;
    options.fault = TestServer::Fault::Reset;
    options.faultEvery = 10;
    TestServer server(options);
    load::LoadOptions o;
    o.url = std::get<model::TargetUrl>(model::parseTargetUrl(server.url("")));
    o.profile = load::LoadProfile::constant(vus, 10s);
    o.maxRequests = 300;
    o.tick = 50ms;
    o.targetPid = ::getpid();
    const std::string host = o.url.host + ":" + std::to_string(o.url.port);
    load::RequestPlan plan;
    plan.addEndpoint({"get_hello", 3, {load::RequestPlan::prepare("GET", "/hello", host, {}, std::nullopt)}});
    plan.addEndpoint(
        {"create_book",
         1,
         {load::RequestPlan::prepare("POST", "/books", host, {}, std::string(R"({"title":"x"})"))}});
    load::Runner runner(o, std::move(plan));
    EXPECT_EQ(runner.start(), std::nullopt);
    const load::RunOutput& output = runner.wait();
    model::Scenario scenario;
    scenario.name = "smoke";
    scenario.target.kind = model::Target::Kind::Url;
    scenario.target.url = server.url("");
    scenario.vus = vus;
    scenario.maxRequests = 300;
    scenario.thresholds = thresholds;
    scenario.headers = {{"Authorization", "Bearer secret-token"}, {"X-Trace", "on"}};
    return load::makeRunResult(output, scenario, thresholds);
}

results::RunResult syntheticRun(std::size_t ticks, double latencyScale) {
    results::RunResult r;
    r.id = "20261125T100000Z-soak";
    model::Scenario scenario;
    scenario.name = "soak";
    scenario.vus = 200;
    scenario.duration = std::chrono::seconds(static_cast<std::int64_t>(ticks / 4));
    scenario.thresholds = {"p99 < 100ms"};
    r.scenario = scenario;
    r.target = "http://127.0.0.1:8000";
    r.environment = results::Environment::capture();
    r.startedAt = "2026-11-25T10:00:00Z";
    r.finishedAt = "2026-11-25T11:00:00Z";
    r.measuredSeconds = static_cast<double>(ticks) * 0.25;
    stats::RequestStats total;
    for (std::size_t i = 0; i < ticks; ++i) {
        stats::RequestStats tick;
        const double wave = 1 + 0.5 * std::sin(static_cast<double>(i) / 200.0);
        for (int n = 0; n < 50; ++n) {
            const auto us =
                static_cast<std::int64_t>(latencyScale * (2000 + 400 * n * wave + (n == 49 ? 40000 : 0)));
            tick.recordResponse(n == 0 && i % 97 == 0 ? 500 : 200, us, us, false);
        }
        auto point = std::make_shared<results::TickPoint>();
        point->elapsed = static_cast<double>(i + 1) * 0.25;
        point->seconds = 0.25;
        point->level = 200;
        point->openConnections = 200;
        point->overall = stats::Summary::of(tick, 0.25);
        point->endpoints = {point->overall};
        monitor::ProcessSample server;
        server.alive = true;
        server.cpuPercent = 80 * wave;
        server.rssBytes = static_cast<std::uint64_t>(50e6 + 1e4 * static_cast<double>(i));
        point->resources.target = server;
        point->resources.self.cpuPercent = 30;
        point->resources.self.rssBytes = 20'000'000;
        r.series.push_back(point);
        total.merge(tick);
    }
    r.overallStats = total;
    r.overall = stats::Summary::of(total, r.measuredSeconds);
    r.endpoints.push_back({"get_item", r.overall, total});
    stats::ThresholdResult t;
    t.text = "p99 < 100ms";
    t.measured = static_cast<double>(total.latency.valueAtPercentile(99));
    t.passed = t.measured < 100000;
    t.measuredText = "p99 = " + stats::formatLatency(t.measured);
    r.thresholds.push_back(t);
    r.thresholdsPassed = t.passed;
    return r;
}

}  // namespace loadstar::testing
