#include "engine/load/run_output.h"

#include <gtest/gtest.h>

#include "engine/load/runner.h"
#include "support/temp_dir.h"
#include "support/test_server.h"

namespace loadstar::load {
namespace {

using namespace std::chrono_literals;

RunOutput smallRun(loadstar::testing::TestServer& server) {
    LoadOptions o;
    o.url = std::get<model::TargetUrl>(model::parseTargetUrl(server.url()));
    o.profile = LoadProfile::constant(2, 10s);
    o.maxRequests = 100;
    o.tick = 50ms;
    Runner runner(o, RequestPlan::single(o.url, "GET", {}, std::nullopt, "hello"));
    EXPECT_EQ(runner.start(), std::nullopt);
    return runner.wait();
}

TEST(RunResult, EvaluatesThresholdsAndSerialises) {
    loadstar::testing::TestServer server;
    const RunOutput out = smallRun(server);
    model::Scenario scenario;
    scenario.name = "smoke test";
    const results::RunResult r =
        makeRunResult(out, scenario, {"p99 < 10s", "hello: error_rate < 1%", "requests > 100", "p99 <"});
    ASSERT_EQ(r.thresholds.size(), 4u);
    EXPECT_TRUE(r.thresholds[0].passed);
    EXPECT_TRUE(r.thresholds[1].passed);
    EXPECT_FALSE(r.thresholds[2].passed);
    EXPECT_EQ(r.thresholds[2].measuredText, "requests = 100");
    EXPECT_FALSE(r.thresholds[3].passed);
    EXPECT_EQ(r.thresholds[3].measuredText,
              "invalid threshold: column 6: expected a value after the comparison");
    EXPECT_FALSE(r.thresholdsPassed);
    EXPECT_TRUE(r.id.ends_with("-smoke-test")) << r.id;
    EXPECT_EQ(r.statusCounts(), (std::map<int, std::uint64_t>{{200, 100}}));

    const Json j = r.toJson();
    EXPECT_EQ(j["format"], "loadstar-run");
    EXPECT_EQ(j["scenario"]["name"], "smoke test");
    EXPECT_EQ(j["executor"], "closed");
    EXPECT_EQ(j["overall"]["summary"]["requests"], 100);
    EXPECT_EQ(j["overall"]["status_counts"]["200"], 100);
    EXPECT_EQ(j["endpoints"][0]["id"], "hello");
    EXPECT_GE(j["environment"]["cpu_count"].get<int>(), 1);
    EXPECT_FALSE(j["environment"]["cpu_model"].get<std::string>().empty());
    EXPECT_FALSE(j["series"].empty());
    EXPECT_EQ(j["thresholds"][2]["passed"], false);

    stats::LatencyHistogram restored;
    ASSERT_TRUE(results::histogramFromJson(j["overall"]["histogram"], restored));
    EXPECT_EQ(restored.count(), 100u);
    EXPECT_EQ(restored.valueAtPercentile(99), out.overall.latency.valueAtPercentile(99));
    EXPECT_EQ(restored.max(), out.overall.latency.max());
}

TEST(RunResult, IsStoredBesideTheProjectWithoutTouchingEarlierRuns) {
    loadstar::testing::TestServer server;
    loadstar::testing::TempDir dir;
    const auto project = dir / "api.loadstar.json";
    const results::RunResult r = makeRunResult(smallRun(server), std::nullopt, {});
    const auto first = results::storeRunResult(r, project);
    ASSERT_TRUE(std::holds_alternative<std::filesystem::path>(first)) << std::get<std::string>(first);
    const auto second = results::storeRunResult(r, project);
    ASSERT_TRUE(std::holds_alternative<std::filesystem::path>(second));
    const auto a = std::get<std::filesystem::path>(first);
    const auto b = std::get<std::filesystem::path>(second);
    EXPECT_EQ(a.parent_path(), dir / "api.loadstar.json.runs");
    EXPECT_EQ(a.filename(), r.id + ".json");
    EXPECT_EQ(b.filename(), r.id + "-2.json") << "a second run in the same second gets its own file";
    const Json stored = Json::parse(loadstar::testing::readFile(a));
    EXPECT_EQ(stored["id"], r.id);
    EXPECT_EQ(stored["overall"]["summary"]["requests"], 100);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(a.parent_path()))
        ++files;
    EXPECT_EQ(files, 2u) << "no temp files left behind";
}

}  // namespace
}  // namespace loadstar::load
