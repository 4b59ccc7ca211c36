#include "engine/engines/locust_export.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/engines/python_text.h"
#include "engine/engines/results_import.h"
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

LocustExport exported(const model::Project& project, const std::string& scenario) {
    auto e = exportLocust(project, *project.scenario(scenario));
    if (auto* error = std::get_if<std::string>(&e)) throw std::runtime_error(*error);
    return std::get<LocustExport>(e);
}

void writeExport(const LocustExport& e, const TempDir& dir) {
    loadstar::testing::writeFile(dir / "locustfile.py", e.locustfile);
    loadstar::testing::writeFile(dir / "locustfile.data.json", e.data);
}

// Locust as a user runs it: headless, standalone, the exported file unchanged.
loadstar::testing::ProcessResult runLocust(const TempDir& dir, const std::string& url) {
    return runCommand("cd " + shellQuote(dir.path().string()) +
                      " && timeout 60 locust -f locustfile.py --headless --only-summary --host " +
                      shellQuote(url) + " --csv res --csv-full-history --loadstar-summary summary.json 2>&1");
}

TEST(LocustExport, TheExportedLocustfileRunsWithLocustHeadless) {
    const model::Project project = loadstar::testing::scaleOutProject();
    loadstar::testing::EmbeddedServer server(project);
    TempDir dir;
    writeExport(exported(project, "mixed"), dir);

    const auto run = runLocust(dir, server.url());
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_THAT(run.output, HasSubstr("threshold passed: echo: p95 < 2s"));

    const Json summary = Json::parse(readFile(dir / "summary.json"));
    EXPECT_TRUE(summary.at("completed").get<bool>());
    const Json& total = summary.at("total");
    EXPECT_GT(total.at("requests").get<int>(), 10);
    EXPECT_EQ(total.at("failures"), 0);
    // A third of echo's requests break a constraint on purpose: answered 422 and
    // counted as expected rejections, not failures.
    EXPECT_GT(total.at("status_counts").value("200", 0), 0);
    EXPECT_GT(total.at("status_counts").value("422", 0), 0);
    EXPECT_EQ(total.at("outcomes").value("expected_rejection", 0), total.at("status_counts").value("422", 0));
    EXPECT_TRUE(summary.at("endpoints").contains("hello"));
    EXPECT_TRUE(summary.at("endpoints").contains("echo"));

    // Back as runs: with the summary, its histograms; from the CSV files alone,
    // Locust's percentiles and the per-second history.
    auto full = importResults({dir / "res_stats.csv", dir / "summary.json"}, project,
                              {.mergeK6 = false, .scenario = "mixed"});
    ASSERT_TRUE(std::holds_alternative<std::vector<results::RunResult>>(full)) << std::get<std::string>(full);
    ASSERT_EQ(std::get<0>(full).size(), 1u);
    const results::RunResult& r = std::get<0>(full).front();
    EXPECT_EQ(r.engine.name, "locust");
    EXPECT_EQ(r.overall.requests, total.at("requests").get<std::uint64_t>());
    EXPECT_EQ(r.overallStats.latency.count(), r.overall.requests);
    EXPECT_GT(r.overall.expectedRejections, 0u);
    EXPECT_EQ(r.endpoints.size(), 2u);
    EXPECT_FALSE(r.series.empty()) << "the history beside the stats file is read too";
    EXPECT_TRUE(r.thresholdsPassed);
    EXPECT_EQ(r.thresholds.size(), 4u);
    EXPECT_THAT(r.engine.notes, ::testing::Contains(HasSubstr("rounds each response time")));

    auto csvOnly = importResults({dir / "res_stats_history.csv"}, std::nullopt);
    ASSERT_TRUE(std::holds_alternative<std::vector<results::RunResult>>(csvOnly));
    const results::RunResult& c = std::get<0>(csvOnly).front();
    EXPECT_GT(c.overall.requests, 0u);
    EXPECT_GT(c.overall.latency.p99, 0);
    EXPECT_EQ(c.overallStats.latency.count(), 0u);
    EXPECT_THAT(c.engine.notes, ::testing::Contains(HasSubstr("No latency histogram")));
    EXPECT_THAT(c.engine.importedFrom, ::testing::Contains(HasSubstr("res_stats.csv")));
}

TEST(LocustExport, AFailedThresholdSetsLocustsExitStatus) {
    model::Project project = loadstar::testing::scaleOutProject();
    model::Scenario& s = project.scenarios.front();
    s.duration = std::chrono::seconds(1);
    s.warmup = {};
    s.thresholds = {"p50 > 1h"};
    loadstar::testing::EmbeddedServer server(project);
    TempDir dir;
    writeExport(exported(project, "mixed"), dir);
    const auto run = runLocust(dir, server.url());
    EXPECT_EQ(run.exitCode, 1) << run.output;
    EXPECT_THAT(run.output, HasSubstr("threshold FAILED: p50 > 1h"));
}

TEST(LocustExport, WritesTheScenarioReadably) {
    model::Project project = loadstar::testing::scaleOutProject();
    project.scenarios[1].mix = {{"hello", 0.5}, {"echo", 1.5}};
    const LocustExport ramp = exported(project, "ramp");
    // Locust's weights are whole numbers: 0.5 : 1.5 keeps its ratio.
    EXPECT_THAT(ramp.locustfile, HasSubstr("@task(1)\n    def hello(self):"));
    EXPECT_THAT(ramp.locustfile, HasSubstr("@task(3)\n    def echo(self):"));
    EXPECT_THAT(ramp.locustfile, HasSubstr("HEADERS = {\n    \"X-Run\": \"scale-out\",\n}"));
    EXPECT_THAT(ramp.locustfile, HasSubstr("    (1.0, 0.0, 3.0),\n    (1.0, 3.0, 1.0),\n]"));
    EXPECT_THAT(ramp.locustfile, HasSubstr("(\"echo: p95 < 2s\", \"echo\", \"p95\", \"<\", 2000.0)"));
    EXPECT_THAT(ramp.locustfile, ::testing::Not(HasSubstr("PACED_USERS")));

    const LocustExport rate = exported(project, "rate");
    EXPECT_THAT(rate.locustfile, HasSubstr("PACED_USERS = 4\n"));
    EXPECT_THAT(rate.locustfile, HasSubstr("coordinated omission"));
    EXPECT_THAT(rate.locustfile, HasSubstr("wait_time = paced"));
    EXPECT_THAT(rate.locustfile, HasSubstr("def on_start(self):")) << "the users' schedules spread";
    EXPECT_THAT(ramp.locustfile, ::testing::Not(HasSubstr("@ON_START@")));
    EXPECT_THAT(rate.notes, ::testing::Contains(HasSubstr("closed-loop")));

    const Json data = Json::parse(exported(project, "mixed").data);
    const Json& echo = data.at("endpoints").at(1);
    EXPECT_EQ(echo.at("id"), "echo");
    EXPECT_EQ(echo.at("valid").size(), 32u);
    ASSERT_FALSE(echo.at("invalid").empty());
    EXPECT_FALSE(echo.at("invalid").at(0).at("breaks").get<std::string>().empty());
}

TEST(LocustExport, RefusesWhatLocustCouldNotRun) {
    model::Project project = loadstar::testing::scaleOutProject();
    project.scenarios[0].thresholds = {"get_book: p95 < 1s"};
    auto e = exportLocust(project, project.scenarios[0]);
    ASSERT_TRUE(std::holds_alternative<std::string>(e));
    EXPECT_THAT(std::get<std::string>(e), HasSubstr("sends no requests to \"get_book\""));
    project.scenarios[0].thresholds = {"p95 <"};
    EXPECT_TRUE(std::holds_alternative<std::string>(exportLocust(project, project.scenarios[0])));
}

TEST(PythonText, QuotesWhatPythonWouldMisread) {
    EXPECT_EQ(pythonString("a\"b\\c\nd\x01"), "\"a\\\"b\\\\c\\nd\\x01\"");
    EXPECT_EQ(pythonString("süß"), "\"süß\"");
    EXPECT_TRUE(isPythonKeyword("class"));
    EXPECT_FALSE(isPythonKeyword("hello"));
}

}  // namespace
}  // namespace loadstar::engines
