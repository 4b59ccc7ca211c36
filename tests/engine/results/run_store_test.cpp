#include "engine/results/run_store.h"

#include <gtest/gtest.h>

#include "engine/load/runner.h"
#include "support/temp_dir.h"
#include "support/test_server.h"

namespace loadstar::results {
namespace {

using namespace std::chrono_literals;
using loadstar::testing::readFile;
using loadstar::testing::writeFile;

results::RunResult realRun(loadstar::testing::TestServer& server) {
    load::LoadOptions o;
    o.url = std::get<model::TargetUrl>(model::parseTargetUrl(server.url()));
    o.profile = load::LoadProfile::constant(2, 10s);
    o.maxRequests = 120;
    o.tick = 20ms;
    load::Runner runner(o, load::RequestPlan::single(o.url, "GET", {}, std::nullopt, "hello"));
    EXPECT_EQ(runner.start(), std::nullopt);
    model::Scenario scenario;
    scenario.name = "round trip";
    scenario.executor = model::Executor::Open;
    scenario.rate = 250;
    scenario.stages = {{2s, 100}, {3s, 400}};
    scenario.headers = {{"Authorization", "Bearer x"}};
    scenario.thresholds = {"p99 < 10s", "requests > 1000"};
    results::RunResult r = load::makeRunResult(runner.wait(), scenario, scenario.thresholds);
    model::ServerSettings settings;
    settings.concurrency.model = model::ConcurrencyModel::WorkerPool;
    settings.concurrency.workers = 4;
    r.server = settings;
    r.name = "pool × 4";
    r.note = "after the index change";
    return r;
}

TEST(RunStore, ReadsBackEveryNumberOfARealRun) {
    loadstar::testing::TestServer server;
    const results::RunResult original = realRun(server);
    ASSERT_FALSE(original.series.empty());
    const Json written = original.toJson();

    auto read = results::runResultFromJson(written);
    ASSERT_TRUE(std::holds_alternative<results::RunResult>(read)) << std::get<std::string>(read);
    const results::RunResult& r = std::get<results::RunResult>(read);
    EXPECT_EQ(r.toJson(), written) << "reading is the exact inverse of writing";
    EXPECT_EQ(r.name, "pool × 4");
    EXPECT_EQ(r.scenario, original.scenario);
    EXPECT_EQ(r.server, original.server);
    EXPECT_EQ(r.overallStats.latency.valueAtPercentile(99.9),
              original.overallStats.latency.valueAtPercentile(99.9));
    EXPECT_EQ(r.overallStats.responses, 120u);
    EXPECT_EQ(r.statusCounts(), original.statusCounts());
    ASSERT_EQ(r.series.size(), original.series.size());
    EXPECT_EQ(r.series.back()->overall.requests, original.series.back()->overall.requests);
    EXPECT_EQ(r.series.back()->resources.self.rssBytes, original.series.back()->resources.self.rssBytes);
    ASSERT_EQ(r.thresholds.size(), 2u);
    EXPECT_FALSE(r.thresholds[1].passed);
    EXPECT_EQ(r.thresholds[1].measuredText, original.thresholds[1].measuredText);
}

TEST(RunStore, KeepsTheWarmUpApartAndTheServerThatAnswered) {
    loadstar::testing::TestServer server;
    load::LoadOptions o;
    o.url = std::get<model::TargetUrl>(model::parseTargetUrl(server.url()));
    o.profile = load::LoadProfile::constant(2, 600ms, 300ms);
    o.tick = 50ms;
    load::Runner runner(o, load::RequestPlan::single(o.url, "GET", {}, std::nullopt, "hello"));
    ASSERT_EQ(runner.start(), std::nullopt);
    results::RunResult r = load::makeRunResult(runner.wait(), std::nullopt, {});
    ASSERT_TRUE(r.warmup && r.warmupStats);
    EXPECT_GT(r.warmup->responses, 0u) << "two users for 300 ms against a local server";
    EXPECT_GT(r.overall.responses, 0u);
    // Every request is counted once, in the warm-up or in the measured part (the
    // two users' last ones may be cut off at the end).
    EXPECT_LE(r.warmup->requests + r.overall.requests, r.requestsStarted);
    EXPECT_GE(r.warmup->requests + r.overall.requests + 2, r.requestsStarted);
    EXPECT_NEAR(r.warmup->seconds, 0.3, 1e-9);
    EXPECT_GT(r.warmup->latency.p50, 0);

    r.serverUnderTest = ServerUnderTest{{model::ServerKind::Flask, 4, model::WorkerClass::Gthread, 2},
                                        "Flask 2.2.2, gunicorn 20.1.0, Python 3.11.2",
                                        "python3 -m gunicorn -w 4 app:app",
                                        0.84};
    const Json written = r.toJson();
    auto read = results::runResultFromJson(written);
    ASSERT_TRUE(std::holds_alternative<results::RunResult>(read)) << std::get<std::string>(read);
    const results::RunResult& back = std::get<results::RunResult>(read);
    EXPECT_EQ(back.toJson(), written);
    EXPECT_EQ(back.serverUnderTest, r.serverUnderTest);
    EXPECT_EQ(back.warmupStats->latency.valueAtPercentile(99), r.warmupStats->latency.valueAtPercentile(99));

    // Runs stored before either existed read as they did.
    Json older = written;
    older.erase("server_under_test");
    older.erase("warmup");
    for (Json& tick : older["series"])
        tick["resources"]["self"].erase("processes");
    auto old = results::runResultFromJson(older);
    ASSERT_TRUE(std::holds_alternative<results::RunResult>(old)) << std::get<std::string>(old);
    EXPECT_FALSE(std::get<results::RunResult>(old).serverUnderTest);
    EXPECT_FALSE(std::get<results::RunResult>(old).warmup);
    EXPECT_EQ(std::get<results::RunResult>(old).series.front()->resources.self.processes, 1);

    Json broken = written;
    broken["server_under_test"]["kind"] = "django";
    EXPECT_EQ(std::get<std::string>(results::runResultFromJson(broken)),
              "/server_under_test: not a server description");
}

TEST(RunStore, RefusesWhatIsNotARunAndNamesTheMember) {
    loadstar::testing::TestServer server;
    const Json good = realRun(server).toJson();

    EXPECT_EQ(std::get<std::string>(results::runResultFromJson(Json{{"loadstar", 1}})),
              "/format: not a Loadstar run (expected \"loadstar-run\")");
    Json newer = good;
    newer["version"] = 7;
    EXPECT_EQ(std::get<std::string>(results::runResultFromJson(newer)),
              "/version: written by a newer Loadstar (run format 7; this build reads up to 1)");
    Json broken = good;
    ASSERT_FALSE(broken["series"].empty());
    broken["series"][0].erase("resources");
    EXPECT_EQ(std::get<std::string>(results::runResultFromJson(broken)), "/series/0/resources: missing");
    broken = good;
    broken["overall"]["status_counts"]["abc"] = 1;
    EXPECT_EQ(std::get<std::string>(results::runResultFromJson(broken)),
              "/overall/status_counts/abc: not a status code with a count");
    broken = good;
    broken["scenario"]["executor"] = "sideways";
    EXPECT_TRUE(std::get<std::string>(results::runResultFromJson(broken)).starts_with("/scenario/executor"))
        << std::get<std::string>(results::runResultFromJson(broken));
    broken = good;
    broken["measured_seconds"] = "long";
    EXPECT_EQ(std::get<std::string>(results::runResultFromJson(broken)),
              "/measured_seconds: wrong type (string)");
}

TEST(RunStore, ListsRelabelsAndDeletesRunsBesideTheProject) {
    loadstar::testing::TestServer server;
    loadstar::testing::TempDir dir;
    const auto project = dir / "api.loadstar.json";
    EXPECT_TRUE(results::listRuns(project).empty()) << "no runs folder yet is no runs";

    results::RunResult run = realRun(server);
    const auto first = std::get<std::filesystem::path>(results::storeRunResult(run, project));
    const auto second = std::get<std::filesystem::path>(results::storeRunResult(run, project));
    writeFile(results::runsDirectory(project) / "zz-broken.json", "{\"format\": \"loadstar-run\"");
    writeFile(results::runsDirectory(project) / "notes.txt", "not a run");

    auto runs = results::listRuns(project);
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[0].file, first);
    EXPECT_EQ(runs[1].file, second) << "the second run of the same second comes after the first";
    ASSERT_TRUE(runs[0].result);
    EXPECT_EQ(runs[0].result->id, run.id);
    EXPECT_FALSE(runs[2].result);
    EXPECT_TRUE(runs[2].error.find("zz-broken.json: not JSON") != std::string::npos) << runs[2].error;

    EXPECT_EQ(results::relabelRun(second, "baseline", "before caching"), std::nullopt);
    const results::RunResult relabelled = std::get<results::RunResult>(results::readRunResult(second));
    EXPECT_EQ(relabelled.name, "baseline");
    EXPECT_EQ(relabelled.note, "before caching");
    EXPECT_EQ(relabelled.overall.requests, run.overall.requests);

    const std::string brokenBefore = readFile(results::runsDirectory(project) / "zz-broken.json");
    EXPECT_NE(results::relabelRun(results::runsDirectory(project) / "zz-broken.json", "x", ""), std::nullopt);
    EXPECT_EQ(readFile(results::runsDirectory(project) / "zz-broken.json"), brokenBefore)
        << "a failed relabel changes nothing";

    EXPECT_EQ(results::deleteRun(first), std::nullopt);
    EXPECT_FALSE(std::filesystem::exists(first));
    EXPECT_NE(results::deleteRun(first), std::nullopt) << "deleting twice says so";
    EXPECT_EQ(results::listRuns(project).size(), 2u);
}

}  // namespace
}  // namespace loadstar::results
