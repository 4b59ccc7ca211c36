#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/test_server.h"

namespace loadstar {
namespace {

using namespace std::chrono_literals;
using loadstar::testing::runCommand;
using loadstar::testing::shellQuote;
using loadstar::testing::TestServer;

// A one-endpoint design with two scenarios, written to a temp project file.
class RunCommand : public ::testing::Test {
  protected:
    void SetUp() override {
        model::Project p;
        p.name = "tiny";
        model::Endpoint hello;
        hello.id = "hello";
        hello.method = "GET";
        hello.path = "/hello";
        p.endpoints.push_back(hello);
        model::Scenario quick;
        quick.name = "quick";
        quick.target.kind = model::Target::Kind::Url;
        quick.target.url = server_.url("");
        quick.vus = 2;
        quick.duration = 400ms;
        quick.thresholds = {"p99 < 5s", "error_rate < 1%"};
        p.scenarios.push_back(quick);
        model::Scenario strict = quick;
        strict.name = "strict";
        strict.executor = model::Executor::Open;
        strict.rate = 100;
        strict.thresholds = {"p99 < 1us", "hello: rps > 1"};
        p.scenarios.push_back(strict);
        model::Scenario embedded = quick;
        embedded.name = "embedded";
        embedded.target = {};
        p.scenarios.push_back(embedded);
        project_ = (dir_ / "tiny.loadstar.json").string();
        ASSERT_TRUE(std::holds_alternative<std::monostate>(model::saveProject(p, project_)));
    }

    testing::ProcessResult run(const std::string& args) {
        return runCommand(shellQuote(LOADSTAR_BINARY) + " run " + shellQuote(project_) + " " + args +
                          " 2>&1");
    }

    TestServer server_;
    loadstar::testing::TempDir dir_;
    std::string project_;
};

TEST_F(RunCommand, PassingThresholdsExitZeroAndTheResultIsStored) {
    const auto r = run("--scenario quick");
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("  scenario: quick (closed loop, 2 virtual users, 400ms)\n"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("\u2713 p99 < 5s  (p99 = "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\u2713 error_rate < 1%  (error_rate = 0.00%)"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("     http_reqs...."), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("  thresholds: all 2 passed\n"), std::string::npos) << r.output;
    std::size_t stored = 0;
    for (const auto& e : std::filesystem::directory_iterator(project_ + ".runs")) {
        ++stored;
        const Json j = Json::parse(loadstar::testing::readFile(e.path()));
        EXPECT_EQ(j["scenario"]["name"], "quick");
        EXPECT_EQ(j["thresholds_passed"], true);
    }
    EXPECT_EQ(stored, 1u);
}

TEST_F(RunCommand, ADesignListeningOnEveryInterfaceIsLoadedThroughLoopback) {
    auto loaded = model::loadProject(project_);
    ASSERT_TRUE(std::holds_alternative<model::Project>(loaded));
    model::Project p = std::get<model::Project>(std::move(loaded));
    p.server.host = "0.0.0.0";
    p.server.port = 0;
    ASSERT_TRUE(std::holds_alternative<std::monostate>(model::saveProject(p, project_)));
    const auto r = run("--scenario embedded");
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("  target:   http://127.0.0.1:"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("  thresholds: all 2 passed\n"), std::string::npos) << r.output;
}

TEST_F(RunCommand, AFailedThresholdExitsOneAndOverridesApply) {
    const auto json = dir_ / "result.json";
    const auto r =
        run("--scenario strict --rate 50 --duration 500ms --no-store --json " + shellQuote(json.string()));
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("(open loop, 50 requests/s, 500ms)"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\u2717 p99 < 1us"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\u2713 hello: rps > 1  (hello: rps = 50.0)"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("http_req_duration (uncorrected)"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("  thresholds: 1 of 2 failed\n"), std::string::npos) << r.output;
    EXPECT_FALSE(std::filesystem::exists(project_ + ".runs"));
    const Json j = Json::parse(loadstar::testing::readFile(json));
    EXPECT_EQ(j["overall"]["summary"]["requests"], 25);
    EXPECT_EQ(j["scenario"]["rate"], 50);
}

TEST_F(RunCommand, ErrorsExitTwo) {
    const std::pair<std::string, std::string> cases[] = {
        {"--scenario nope",
         "loadstar run: " + project_ + " has no scenario \"nope\"; it has: quick strict embedded\n"},
        {"--scenario quick --vus 2 --rate 3", "loadstar: give --vus or --rate, not both\n"},
        {"--scenario quick --target ftp://x",
         "loadstar run: target \"ftp://x\": expected a URL starting with http:// or https://\n"},
        {"--scenario quick --target http://[2001:db8::7]:8000",
         "loadstar run: target \"http://[2001:db8::7]:8000\": 2001:db8::7 is not a loopback address; "
         "Loadstar sends load only to this machine (127.0.0.0/8, ::1) or to a host allowed by name\n"
         "To send load to [2001:db8::7] anyway, say so by name: --allow-remote [2001:db8::7]\n"},
        {"", "loadstar: give the scenario to run with --scenario NAME\n"},
        {"--scenario embedded --server django", "loadstar: --server wants embedded, fastapi or flask\n"},
        {"--scenario embedded --server flask --target http://127.0.0.1:9",
         "loadstar: --server chooses the design's server; it cannot go with --target\n"},
        {"--scenario embedded --workers 4",
         "loadstar: --workers is for --engine locust or --server fastapi|flask (the embedded server's "
         "concurrency is in the project's server settings)\n"},
        // The engine and the server are separate choices: with a generated app's
        // server, --workers is its workers and Locust's are --locust-workers.
        {"--scenario embedded --locust-workers 2", "loadstar: --locust-workers is for --engine locust\n"},
        {"--scenario embedded --server flask --workers 2 --locust-workers 1",
         "loadstar: --locust-workers is for --engine locust\n"},
        {"--scenario embedded --engine locust --workers 1 --locust-workers 1",
         "loadstar: give --locust-workers or --workers, not both\n"},
        {"--scenario embedded --engine locust --server flask --workers 0 --locust-workers 1",
         "loadstar: --workers wants a count from 1 to 64\n"},
        {"--scenario quick --server fastapi",
         "loadstar: --server chooses the design's server; scenario \"quick\" drives " + server_.url("") +
             "\n"},
        {"--scenario quick --workers 2", "loadstar: --workers is for --engine locust or --server"},
        {"--scenario embedded --server fastapi --worker-class gthread",
         "loadstar: --worker-class and --threads apply to --server flask\n"},
        {"--scenario embedded --server flask --workers 0",
         "loadstar: --workers wants a count from 1 to 64\n"},
        {"--scenario embedded --server flask --threads 2x",
         "loadstar: --threads wants a count from 1 to 256\n"},
        {"--scenario embedded --server flask --worker-class gevent",
         "loadstar: --worker-class wants sync or gthread\n"},
    };
    for (const auto& [args, message] : cases) {
        const auto r = run(args);
        EXPECT_EQ(r.exitCode, 2) << args;
        EXPECT_TRUE(r.output.starts_with(message)) << args << "\n" << r.output;
    }
}

TEST_F(RunCommand, DryRunPrintsThePlanAndSendsNothing) {
    const auto r = run("--scenario strict --dry-run");
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_EQ(r.output,
              "Dry run: nothing is sent.\n"
              "  scenario     strict (open loop, 100 requests/s, 400ms)\n"
              "  target       " +
                  server_.url("") +
                  "\n"
                  "  host         127.0.0.1: this machine (loopback)\n"
                  "  addresses    127.0.0.1\n"
                  "  load         open loop, up to 100 requests/s (on a fixed schedule)\n"
                  "  duration     400ms\n"
                  "  requests     about 40\n"
                  "  connections  up to 10,000 on 1 thread\n"
                  "  endpoints    GET /hello 100%\n");
    EXPECT_EQ(server_.connections(), 0u);
    EXPECT_FALSE(std::filesystem::exists(project_ + ".runs")) << "nothing ran, nothing stored";

    // The design as the target: no server is started for a dry run.
    const auto embedded = run("--scenario embedded --dry-run");
    EXPECT_EQ(embedded.exitCode, 0) << embedded.output;
    EXPECT_NE(embedded.output.find("  target       the design, served by `loadstar serve` on a free loopback "
                                   "port for the run\n  host         127.0.0.1: this machine (the design's "
                                   "server, started for the run)\n"),
              std::string::npos)
        << embedded.output;
    // Served by a generated app instead: the dry run says which, and starts nothing.
    const auto flask = run("--scenario embedded --server flask --workers 2 --dry-run");
    EXPECT_EQ(flask.exitCode, 0) << flask.output;
    EXPECT_NE(
        flask.output.find("  target       the design, generated as Flask (gunicorn sync, 2 workers) and "
                          "started on a free loopback port for the run\n"),
        std::string::npos)
        << flask.output;
}

// Consent is checked with --dry-run only: no test sends a packet outside loopback.
TEST_F(RunCommand, ARemoteTargetRunsOnlyWithItsHostAllowedByName) {
    const std::string remote = "--scenario quick --target http://192.0.2.10:8000/api --dry-run";
    const auto refused = run(remote);
    EXPECT_EQ(refused.exitCode, 2) << refused.output;
    EXPECT_NE(refused.output.find("loadstar run: refused: 192.0.2.10 is not a loopback address"),
              std::string::npos)
        << refused.output;
    EXPECT_NE(refused.output.find("--allow-remote 192.0.2.10\n"), std::string::npos) << refused.output;

    const auto allowed = run(remote + " --allow-remote 192.0.2.10");
    EXPECT_EQ(allowed.exitCode, 0) << allowed.output;
    EXPECT_NE(
        allowed.output.find("  host         192.0.2.10: outside this machine, allowed by --allow-remote "
                            "192.0.2.10\n"),
        std::string::npos)
        << allowed.output;
    EXPECT_NE(allowed.output.find("  endpoints    GET /api/hello 100%\n"), std::string::npos)
        << allowed.output;

    // Consent stored in the scenario (the workbench's confirmation) counts for its host only.
    auto project = std::get<model::Project>(model::loadProject(project_));
    project.scenarios[0].target.url = "http://192.0.2.10:8000/api";
    project.scenarios[0].allowRemote = "192.0.2.10";
    ASSERT_TRUE(std::holds_alternative<std::monostate>(model::saveProject(project, project_)));
    const auto stored = run("--scenario quick --dry-run");
    EXPECT_EQ(stored.exitCode, 0) << stored.output;
    EXPECT_NE(stored.output.find("allowed by the scenario's allow_remote 192.0.2.10\n"), std::string::npos)
        << stored.output;
    const auto moved = run("--scenario quick --target http://192.0.2.99:8000/ --dry-run");
    EXPECT_EQ(moved.exitCode, 2) << moved.output;
    EXPECT_NE(moved.output.find("(the host allowed is 192.0.2.10)"), std::string::npos) << moved.output;

    // Without --dry-run a refused literal is refused before anything starts.
    const auto real = run("--scenario quick --target http://192.0.2.99:8000/ --no-store");
    EXPECT_EQ(real.exitCode, 2) << real.output;
    EXPECT_TRUE(
        real.output.starts_with("loadstar run: target \"http://192.0.2.99:8000/\": 192.0.2.99 is not a "
                                "loopback address"))
        << real.output;
}

TEST_F(RunCommand, CtrlCEndsTheRunAndStillStoresIt) {
    const auto r = runCommand("timeout --preserve-status -s INT 1 " + shellQuote(LOADSTAR_BINARY) + " run " +
                              shellQuote(project_) + " --scenario quick --duration 60s 2>&1");
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("interrupted: stopped early"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("  result: "), std::string::npos) << r.output;
}

}  // namespace
}  // namespace loadstar

namespace loadstar {
namespace {

// The Benchmark plan's io-c200 scenario end to end: 200 users against an endpoint
// that takes 50 ms (the scripted server stands in for the embedded one here).
TEST(RunCommandBenchmarkPlan, IoC200AgainstA50msEndpoint) {
    TestServer::Options slow;
    slow.fault = TestServer::Fault::Slow;
    slow.stall = std::chrono::milliseconds(50);
    TestServer server(slow);
    loadstar::testing::TempDir dir;
    const auto project = dir / "benchmark-plan.loadstar.json";
    std::filesystem::copy_file(loadstar::testing::sourceDir() / "projects" / "benchmark-plan.loadstar.json",
                               project);
    const auto json = dir / "io-c200.json";
    const auto r = runCommand(shellQuote(LOADSTAR_BINARY) + " run " + shellQuote(project.string()) +
                              " --scenario io-c200 --duration 1500ms --target " + shellQuote(server.url("")) +
                              " --json " + shellQuote(json.string()) + " 2>&1");
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("  scenario: io-c200 (closed loop, 200 virtual users, 1.5s, warm-up 2s)"),
              std::string::npos)
        << r.output;
    const Json j = Json::parse(loadstar::testing::readFile(json));
    const Json& summary = j["overall"]["summary"];
    // 200 users / 50 ms = 4000 requests/s at best; a loaded 2-core machine gets less.
    EXPECT_GT(summary["rps"].get<double>(), 1000.0) << r.output;
    EXPECT_GE(summary["latency"]["p50_us"].get<int>(), 50'000);
    EXPECT_EQ(summary["errors"], 0);
    EXPECT_EQ(j["endpoints"][0]["id"], "io");
    EXPECT_NE(server.received().find("GET /io HTTP/1.1\r\n"), std::string::npos);
    int maxOpen = 0;
    for (const Json& tick : j["series"])
        maxOpen = std::max(maxOpen, tick["open_connections"].get<int>());
    EXPECT_EQ(maxOpen, 200);
}

// The same scenario against the design itself: `loadstar run` starts
// `loadstar serve` as a child process, samples it, and stops it afterwards.
TEST(RunCommandBenchmarkPlan, IoC200AgainstTheEmbeddedServer) {
    loadstar::testing::TempDir dir;
    const auto project = dir / "benchmark-plan.loadstar.json";
    std::filesystem::copy_file(loadstar::testing::sourceDir() / "projects" / "benchmark-plan.loadstar.json",
                               project);
    const auto json = dir / "io-c200.json";
    const auto r =
        runCommand(shellQuote(LOADSTAR_BINARY) + " run " + shellQuote(project.string()) +
                   " --scenario io-c200 --duration 1500ms --json " + shellQuote(json.string()) + " 2>&1");
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("(embedded server, pid "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("     server_resources.."), std::string::npos) << r.output;
    const Json j = Json::parse(loadstar::testing::readFile(json));
    const Json& summary = j["overall"]["summary"];
    EXPECT_GT(summary["rps"].get<double>(), 1000.0) << r.output;
    EXPECT_GE(summary["latency"]["p50_us"].get<int>(), 50'000) << "the endpoint waits 50 ms";
    EXPECT_EQ(summary["errors"], 0);
    bool sampledServer = false;
    for (const Json& tick : j["series"])
        sampledServer = sampledServer || tick["resources"].contains("target");
    EXPECT_TRUE(sampledServer);
    // The design's server settings go with the run, for comparisons.
    EXPECT_EQ(j["server"]["concurrency"]["model"], "async") << j["server"].dump();
}

}  // namespace
}  // namespace loadstar
