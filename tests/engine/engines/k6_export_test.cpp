#include "engine/engines/k6_export.h"

#include <map>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/engines/results_import.h"
#include "engine/openapi/yaml_reader.h"
#include "support/process.h"
#include "support/scale_out.h"
#include "support/temp_dir.h"

namespace loadstar::engines {
namespace {

using loadstar::testing::readFile;
using loadstar::testing::runCommand;
using loadstar::testing::shellQuote;
using loadstar::testing::TempDir;
using ::testing::HasSubstr;

std::string script(const model::Project& project, const std::string& scenario) {
    auto e = exportK6(project, *project.scenario(scenario));
    if (auto* error = std::get_if<std::string>(&e)) throw std::runtime_error(*error);
    return std::get<K6Export>(e).script;
}

// The harness (tests/tools/k6-harness) stands in for k6, which Debian does not
// package: it checks the options as k6 reads them and runs each scenario's
// function against the server, then handleSummary.
Json runHarness(const std::filesystem::path& file, const std::string& baseUrl,
                const std::filesystem::path& summary) {
    const std::filesystem::path harness = loadstar::testing::sourceDir() / "tests" / "tools" / "k6-harness";
    const auto run = runCommand(
        "BASE_URL=" + shellQuote(baseUrl) + " SUMMARY_PATH=" + shellQuote(summary.string()) +
        " timeout 60 node --no-warnings --import " + shellQuote((harness / "register.mjs").string()) + " " +
        shellQuote((harness / "harness.mjs").string()) + " " + shellQuote(file.string()) + " 6 2>&1");
    if (run.exitCode != 0) throw std::runtime_error("harness failed:\n" + run.output);
    return Json::parse(run.output);
}

TEST(K6Export, EveryExecutorRunsUnderTheHarnessAgainstTheEmbeddedServer) {
    const model::Project project = loadstar::testing::scaleOutProject();
    loadstar::testing::EmbeddedServer server(project);
    TempDir dir;
    const std::map<std::string, std::string> executors = {{"mixed", "constant-vus"},
                                                          {"ramp", "ramping-vus"},
                                                          {"rate", "constant-arrival-rate"},
                                                          {"rate-stages", "ramping-arrival-rate"}};
    for (const auto& [name, executor] : executors) {
        SCOPED_TRACE(name);
        const std::filesystem::path file = dir / (name + ".js");
        loadstar::testing::writeFile(file, script(project, name));
        const Json report = runHarness(file, server.url(), dir / (name + ".summary.json"));

        const Json& scenarios = report.at("options").at("scenarios");
        EXPECT_EQ(scenarios.at("load").at("executor"), executor);
        EXPECT_EQ(scenarios.contains("warmup"), name != "ramp") << "ramp alone has no warm-up";
        EXPECT_EQ(report.at("scenarios").at("load").at("iterations"), 6);
        std::set<std::string> endpoints;
        int rejected = 0;
        for (const Json& r : report.at("requests")) {
            endpoints.insert(r.at("tags").at("endpoint").get<std::string>());
            EXPECT_TRUE(r.at("expected").get<bool>()) << r.dump();
            EXPECT_EQ(r.at("redirects"), 0);
            EXPECT_EQ(r.at("headers").at("X-Run"), "scale-out");
            const int status = r.at("status").get<int>();
            EXPECT_TRUE(status == 200 || status == 422) << r.dump();
            if (status == 422) {
                ++rejected;
                EXPECT_EQ(r.at("tags").at("endpoint"), "echo");
            }
        }
        EXPECT_TRUE(endpoints.count("hello")) << "hello has three quarters of the weight";
        EXPECT_TRUE(std::set<std::string>({"hello", "echo"}).size() >= endpoints.size());
        for (const auto& [check, counts] : report.at("checks").items())
            EXPECT_EQ(counts.at("fails"), 0) << check;
        if (rejected > 0) {
            EXPECT_TRUE(report.at("checks").contains("invalid request rejected with 4xx"));
        }

        // handleSummary's file comes back as a run of the project's scenario.
        auto imported = importResults({dir / (name + ".summary.json")}, project);
        ASSERT_TRUE(std::holds_alternative<std::vector<results::RunResult>>(imported))
            << std::get<std::string>(imported);
        const results::RunResult& r = std::get<0>(imported).front();
        EXPECT_EQ(r.engine.name, "k6");
        ASSERT_TRUE(r.scenario.has_value());
        EXPECT_EQ(r.scenario->name, name);
        EXPECT_EQ(r.target, server.url());
        EXPECT_EQ(r.overall.requests, 6u) << "the measured scenario only";
        EXPECT_EQ(r.endpoints.size(), 2u);
        EXPECT_GT(r.overall.latency.p99, 0);
        EXPECT_FALSE(r.thresholds.empty());
    }
}

TEST(K6Export, ThresholdsAreWrittenInK6Syntax) {
    model::Project project = loadstar::testing::scaleOutProject();
    project.scenarios[0].thresholds = {"p95 < 200ms",      "med <= 50ms", "error_rate < 1%",
                                       "echo: p99.9 < 1s", "rps > 100",   "errors < 3"};
    const std::string s = script(project, "mixed");
    EXPECT_THAT(s, HasSubstr(R"("http_req_duration{scenario:load}": [)"));
    EXPECT_THAT(s, HasSubstr(R"("p(95)<200")"));
    EXPECT_THAT(s, HasSubstr(R"("med<=50")"));
    EXPECT_THAT(s, HasSubstr(R"("http_req_failed{scenario:load}": [)"));
    EXPECT_THAT(s, HasSubstr(R"("rate<0.01")"));
    EXPECT_THAT(s, HasSubstr(R"("http_req_duration{scenario:load,endpoint:echo}": [)"));
    EXPECT_THAT(s, HasSubstr(R"("p(99.9)<1000")"));
    // rps over the 3 s measured: k6 would divide by the whole test's time.
    EXPECT_THAT(s, HasSubstr(R"("count>300")"));
    EXPECT_THAT(s, HasSubstr(R"("loadstar_errors{scenario:load}": [)"));
    EXPECT_THAT(s, HasSubstr(R"("count<3")"));

    model::Scenario fractional = project.scenarios[2];
    fractional.rate = 20.5;
    const std::string rate = std::get<K6Export>(exportK6(project, fractional)).script;
    EXPECT_THAT(rate, HasSubstr(R"("rate": 205,)")) << "k6 rates are whole numbers per timeUnit";
    EXPECT_THAT(rate, HasSubstr(R"("timeUnit": "10s")"));
}

TEST(K6Export, OperatorManifestsHoldTheScriptAndTheParallelism) {
    const model::Project project = loadstar::testing::scaleOutProject();
    const std::string s = script(project, "rate-stages");
    const K6OperatorManifests m = k6OperatorManifests("rate stages", s, 4, "http://api.test:8000");
    EXPECT_EQ(m.name, "loadstar-rate-stages");

    const Json configMap = openapi::testing::parseYaml(m.configMap);
    EXPECT_EQ(configMap.at("apiVersion"), "v1");
    EXPECT_EQ(configMap.at("kind"), "ConfigMap");
    EXPECT_EQ(configMap.at("metadata").at("name"), m.name);
    EXPECT_EQ(configMap.at("data").at("script.js"), s) << "the script, byte for byte";

    const Json testRun = openapi::testing::parseYaml(m.testRun);
    EXPECT_EQ(testRun.at("apiVersion"), "k6.io/v1alpha1");
    EXPECT_EQ(testRun.at("kind"), "TestRun");
    EXPECT_EQ(testRun.at("spec").at("parallelism"), 4);
    EXPECT_EQ(testRun.at("spec").at("script").at("configMap").at("name"), m.name);
    EXPECT_EQ(testRun.at("spec").at("script").at("configMap").at("file"), "script.js");
    std::map<std::string, std::string> env;
    for (const Json& e : testRun.at("spec").at("runner").at("env"))
        env[e.at("name").get<std::string>()] = e.at("value").get<std::string>();
    EXPECT_EQ(env.at("BASE_URL"), "http://api.test:8000");
    EXPECT_EQ(env.at("SUMMARY_PATH"), "-");
}

TEST(K6Summary, TheLegacySummaryExportBecomesARunWithWhatItLacksStated) {
    const std::filesystem::path fixture =
        loadstar::testing::sourceDir() / "tests/fixtures/k6/summary-export.json";
    auto imported = importResults({fixture}, std::nullopt);
    ASSERT_TRUE(std::holds_alternative<std::vector<results::RunResult>>(imported))
        << std::get<std::string>(imported);
    const results::RunResult& r = std::get<0>(imported).front();
    EXPECT_EQ(r.engine.name, "k6");
    EXPECT_EQ(r.overall.requests, 1200u);
    EXPECT_EQ(r.overall.errors, 4u) << "http_req_failed's passes are the failed requests";
    EXPECT_DOUBLE_EQ(r.measuredSeconds, 30.0);
    EXPECT_DOUBLE_EQ(r.overall.rps, 40.0);
    EXPECT_EQ(r.overall.latency.p50, 35406);
    EXPECT_EQ(r.overall.latency.p95, 98004);
    EXPECT_EQ(r.overall.latency.p99, 612370) << "no p(99) in the summary: the next it lists (max)";
    EXPECT_EQ(r.overall.bytesIn, 1843200u);
    EXPECT_TRUE(r.series.empty());
    ASSERT_EQ(r.thresholds.size(), 3u);
    std::map<std::string, bool> verdicts;
    for (const auto& t : r.thresholds)
        verdicts[t.text] = t.passed;
    EXPECT_TRUE(verdicts.at("http_req_duration: p(95)<200")) << "false in the export means not crossed";
    EXPECT_FALSE(verdicts.at("http_req_failed: rate<0.001"));
    EXPECT_FALSE(r.thresholdsPassed);
    EXPECT_THAT(r.engine.notes, ::testing::Contains(HasSubstr("no per-second series")));
    EXPECT_THAT(r.engine.notes, ::testing::Contains(HasSubstr("lists no p(99), p(99.9)")));
    EXPECT_THAT(r.engine.notes, ::testing::Contains(HasSubstr("\"status is 200\": 1196 passed, 4 failed")));
}

TEST(K6Summary, RunnersLogsMergeIntoOneRun) {
    TempDir dir;
    Json a = Json::parse(readFile(loadstar::testing::sourceDir() / "tests/fixtures/k6/summary-export.json"));
    Json b = a;
    b["metrics"]["http_req_duration"]["max"] = 800.0;
    b["metrics"]["http_req_duration"]["p(95)"] = 120.0;
    b["metrics"]["http_req_duration"]["min"] = 2.0;
    // A runner pod's log: k6's own lines around the summary's one line.
    loadstar::testing::writeFile(dir / "runners.log",
                                 "time=\"...\" level=info msg=starting\n" + a.dump() + "\nnoise\n");
    loadstar::testing::writeFile(dir / "runner2.log", b.dump() + "\n");
    auto merged = importResults({dir / "runners.log", dir / "runner2.log"}, std::nullopt,
                                {.mergeK6 = true, .scenario = {}});
    ASSERT_TRUE(std::holds_alternative<std::vector<results::RunResult>>(merged))
        << std::get<std::string>(merged);
    ASSERT_EQ(std::get<0>(merged).size(), 1u);
    const results::RunResult& r = std::get<0>(merged).front();
    EXPECT_EQ(r.overall.requests, 2400u);
    EXPECT_EQ(r.overall.errors, 8u);
    EXPECT_DOUBLE_EQ(r.overall.rps, 80.0);
    EXPECT_EQ(r.overall.latency.min, 2000);
    EXPECT_EQ(r.overall.latency.max, 800000);
    EXPECT_EQ(r.overall.latency.p95, 120000) << "the highest of the runners'";
    EXPECT_EQ(r.engine.workers, 2);
    EXPECT_THAT(r.engine.notes, ::testing::Contains(HasSubstr("an upper bound")));

    loadstar::testing::writeFile(dir / "other.json", R"({"hello": 1})");
    auto refused = importResults({dir / "other.json"}, std::nullopt);
    ASSERT_TRUE(std::holds_alternative<std::string>(refused));
    EXPECT_THAT(std::get<std::string>(refused), HasSubstr("not a k6 summary, a Locust CSV file"));
}

}  // namespace
}  // namespace loadstar::engines
