#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "engine/report/framework_table.h"
#include "engine/results/run_store.h"
#include "engine/session/framework_comparison.h"
#include "engine/session/framework_launch.h"
#include "engine/session/scenario_session.h"
#include "support/processes_in.h"
#include "support/real_runs.h"
#include "support/temp_dir.h"

namespace loadstar::session {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using testing::TempDir;

using testing::allowedCpusIn;
using testing::environmentIn;
using testing::processesIn;

model::Scenario ioScenario(const model::Project& project, model::ServerChoice server) {
    model::Scenario s = *project.scenario("io-c10");
    s.server = server;
    s.duration = 5s;
    s.warmup = 1s;
    return s;
}

std::unique_ptr<ScenarioSession> prepared(const model::Project& project, const model::Scenario& scenario,
                                          const DesignServer& design) {
    auto session = ScenarioSession::prepare(project, scenario, design);
    if (const auto* e = std::get_if<std::string>(&session)) {
        ADD_FAILURE() << *e;
        return nullptr;
    }
    return std::move(std::get<std::unique_ptr<ScenarioSession>>(session));
}

// The side by side: the benchmark plan's io-c10 (ten users, 50 ms of I/O
// wait per request) for 5 s against each server, stored and compared. The shape
// is the servers' concurrency model, which holds on a loaded machine: an event
// loop (the embedded server, uvicorn) overlaps the waits, two sync gunicorn
// workers serve two requests at a time (at most 40/s).
TEST(FrameworkSession, FiveSecondsOfIoAgainstEachServerStoredAndCompared) {
    TempDir dir;
    const auto projectFile = dir / "plan.loadstar.json";
    std::filesystem::copy_file(testing::sourceDir() / "projects" / "benchmark-plan.loadstar.json",
                               projectFile);
    const model::Project project = testing::benchmarkPlan();
    DesignServer design;
    design.binary = LOADSTAR_BINARY;
    design.projectFile = projectFile.string();
    design.appCache = dir / "apps";

    std::vector<results::RunResult> runs;
    for (const model::ServerChoice& server :
         {model::ServerChoice{},
          model::ServerChoice{model::ServerKind::FastApi, 1, model::WorkerClass::Sync, 4},
          model::ServerChoice{model::ServerKind::Flask, 2, model::WorkerClass::Sync, 4}}) {
        SCOPED_TRACE(model::describe(server));
        auto session = prepared(project, ioScenario(project, server), design);
        ASSERT_TRUE(session);
        ASSERT_TRUE(session->serverUnderTest());
        EXPECT_EQ(session->serverUnderTest()->choice, server);
        ASSERT_EQ(session->start(), std::nullopt);
        runs.push_back(session->finish());
        const results::RunResult& r = runs.back();
        EXPECT_EQ(r.overall.errors, 0u);
        EXPECT_GT(r.overall.responses, 0u);
        EXPECT_EQ(r.statusCounts(), (std::map<int, std::uint64_t>{{200, r.overall.responses}}));
        EXPECT_GE(r.overall.latency.p50, 50'000) << "every request waits 50 ms";
        ASSERT_TRUE(r.serverUnderTest);
        EXPECT_TRUE(r.serverUnderTest->startSeconds);
        EXPECT_GT(r.warmup.value_or(stats::Summary{}).responses, 0u) << "the first requests after the start";
        const auto stored = results::storeRunResult(r, projectFile);
        ASSERT_TRUE(std::holds_alternative<std::filesystem::path>(stored)) << std::get<std::string>(stored);
        EXPECT_EQ(processesIn(dir / "apps"), 0) << "the server stopped with the run";
    }
    EXPECT_EQ(runs[0].server, project.server) << "the embedded server's settings go with its run";
    EXPECT_FALSE(runs[1].server);
    EXPECT_THAT(runs[1].serverUnderTest->software, HasSubstr("FastAPI"));
    EXPECT_THAT(runs[1].serverUnderTest->command, HasSubstr("uvicorn"));
    EXPECT_THAT(runs[2].serverUnderTest->software, HasSubstr("gunicorn"));

    const double flask = runs[2].overall.rps;
    EXPECT_LE(flask, 42.0) << "two sync workers, 50 ms a request";
    EXPECT_GT(runs[1].overall.rps, 1.5 * flask) << "uvicorn's event loop overlaps the waits";
    EXPECT_GT(runs[0].overall.rps, 1.5 * flask);
    int flaskProcesses = 0;
    for (const auto& tick : runs[2].series) {
        if (tick->resources.target)
            flaskProcesses = std::max(flaskProcesses, tick->resources.target->processes);
    }
    EXPECT_EQ(flaskProcesses, 3) << "the gunicorn master and its two workers, sampled together";

    // Stored, read back and compared.
    const std::vector<results::StoredRun> stored = results::listRuns(projectFile);
    ASSERT_EQ(stored.size(), 3u);
    std::vector<results::RunResult> read;
    for (const auto& s : stored) {
        ASSERT_TRUE(s.result) << s.error;
        read.push_back(*s.result);
    }
    const std::vector<report::FrameworkCell> cells = report::frameworkCells(read);
    ASSERT_EQ(cells.size(), 3u);
    EXPECT_EQ(cells[0].server.kind, model::ServerKind::Embedded);
    EXPECT_EQ(cells[1].server.kind, model::ServerKind::FastApi);
    EXPECT_EQ(cells[2].server.kind, model::ServerKind::Flask);
    for (const report::FrameworkCell& c : cells) {
        SCOPED_TRACE(model::describe(c.server));
        EXPECT_EQ(c.scenario, "io-c10");
        EXPECT_TRUE(c.cpuPerRequestMs);
        EXPECT_GT(c.peakRssBytes, 1u << 20);
        EXPECT_TRUE(c.startSeconds);
        EXPECT_TRUE(c.coldP50);
    }
    // Python against Python: the embedded server's RSS depends on how it was built
    // (ASan's shadow memory makes it the largest).
    EXPECT_GT(cells[2].peakRssBytes, cells[1].peakRssBytes) << "three Python processes against one";
    report::ReportOptions options;
    options.project = "Benchmark plan";
    const std::string html = report::frameworkReportHtml(read, options);
    for (const char* text : {"FastAPI (uvicorn, 1 worker)", "Flask (gunicorn sync, 2 workers)",
                             "embedded server", "io-c10", "Cold start"})
        EXPECT_THAT(html, HasSubstr(text));
    EXPECT_THAT(report::frameworkTableMarkdown(cells),
                HasSubstr("| io-c10 | Flask (gunicorn sync, 2 workers) |"));
}

// The engine and the server are separate choices: Locust makes the load on the
// design served as a Flask app, and the run records both.
TEST(FrameworkSession, LocustMakesTheLoadOnAGeneratedApp) {
    TempDir dir;
    const model::Project project = testing::benchmarkPlan();
    DesignServer design;
    design.appCache = dir / "apps";
    const model::ServerChoice flask{model::ServerKind::Flask, 2, model::WorkerClass::Sync, 4};
    model::Scenario scenario = ioScenario(project, flask);
    scenario.duration = 3s;
    scenario.vus = 4;
    scenario.engine = model::LoadEngine::Locust;
    scenario.locustWorkers = 1;
    auto session = prepared(project, scenario, design);
    ASSERT_TRUE(session);
    ASSERT_TRUE(session->usesLocust());
    ASSERT_TRUE(session->frameworkServer());
    EXPECT_EQ(processesIn(dir / "apps"), 3) << "the gunicorn master and two workers, started before Locust";
    ASSERT_EQ(session->start(), std::nullopt);
    const auto deadline = std::chrono::steady_clock::now() + 90s;
    while (!session->finished() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(100ms);
    ASSERT_TRUE(session->finished());
    auto ended = session->end();
    ASSERT_TRUE(std::holds_alternative<results::RunResult>(ended)) << std::get<std::string>(ended);
    const results::RunResult& r = std::get<results::RunResult>(ended);
    EXPECT_EQ(r.engine.name, "locust");
    ASSERT_TRUE(r.serverUnderTest);
    EXPECT_EQ(r.serverUnderTest->choice, flask);
    EXPECT_THAT(r.serverUnderTest->software, HasSubstr("gunicorn"));
    EXPECT_FALSE(r.server) << "the embedded server's settings are not this run's";
    EXPECT_EQ(r.target, session->scenario().target.url);
    EXPECT_GT(r.statusCounts()[200], 0u);
    EXPECT_EQ(r.overall.errors, 0u);
    EXPECT_EQ(processesIn(dir / "apps"), 0) << "the app stopped with the run";
}

TEST(FrameworkSession, StoppingARunStopsTheAppWithItsWorkers) {
    TempDir dir;
    const model::Project project = testing::benchmarkPlan();
    DesignServer design;
    design.appCache = dir / "apps";
    model::Scenario scenario =
        ioScenario(project, {model::ServerKind::Flask, 2, model::WorkerClass::Gthread, 2});
    scenario.duration = 30s;
    design.serverCpus = {0};
    auto session = prepared(project, scenario, design);
    ASSERT_TRUE(session);
    EXPECT_GE(processesIn(dir / "apps"), 3) << "the master and two workers";
    EXPECT_THAT(allowedCpusIn(dir / "apps"), ::testing::Each(std::string("0"))) << "all pinned, workers too";
    // The CPU kernel's calibration, measured once and given to every worker.
    const std::vector<std::string> calibrations = environmentIn(dir / "apps", "CPU_ITERATIONS_PER_MS");
    ASSERT_GE(calibrations.size(), 3u);
    EXPECT_THAT(calibrations, ::testing::Each(calibrations.front()));
    EXPECT_GT(std::stod(calibrations.front()), 0.0);
    ASSERT_EQ(session->start(), std::nullopt);
    std::this_thread::sleep_for(500ms);
    session->runner().stop();
    const results::RunResult r = session->finish();
    EXPECT_TRUE(r.interrupted);
    EXPECT_EQ(processesIn(dir / "apps"), 0);
}

TEST(FrameworkSession, AScenarioThatCannotBePlannedStartsNoServer) {
    TempDir dir;
    const model::Project project = testing::benchmarkPlan();
    DesignServer design;
    design.appCache = dir / "apps";
    model::Scenario scenario =
        ioScenario(project, {model::ServerKind::FastApi, 1, model::WorkerClass::Sync, 4});
    scenario.mix = {{"no_such_endpoint", 1}};
    const auto started = std::chrono::steady_clock::now();
    auto session = ScenarioSession::prepare(project, scenario, design);
    ASSERT_TRUE(std::holds_alternative<std::string>(session));
    EXPECT_THAT(std::get<std::string>(session), HasSubstr("no_such_endpoint"));
    EXPECT_FALSE(std::filesystem::exists(dir / "apps")) << "nothing generated, nothing started";
    EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
}

TEST(FrameworkSession, TheAppIsGeneratedOncePerDesignIntoTheCache) {
    TempDir dir;
    model::Project project = testing::benchmarkPlan();
    const auto first = generatedApp(project, model::ServerKind::FastApi, dir / "apps");
    ASSERT_TRUE(std::holds_alternative<std::filesystem::path>(first)) << std::get<std::string>(first);
    const std::filesystem::path folder = std::get<std::filesystem::path>(first);
    EXPECT_TRUE(std::filesystem::exists(folder / "app" / "main.py"));
    EXPECT_TRUE(folder.filename().string().starts_with("fastapi-"));
    const auto written = std::filesystem::last_write_time(folder / "app" / "main.py");

    const auto again = generatedApp(project, model::ServerKind::FastApi, dir / "apps");
    EXPECT_EQ(std::get<std::filesystem::path>(again), folder) << "the same design finds its app";
    EXPECT_EQ(std::filesystem::last_write_time(folder / "app" / "main.py"), written)
        << "and does not rewrite it";
    const auto flask = generatedApp(project, model::ServerKind::Flask, dir / "apps");
    EXPECT_TRUE(std::get<std::filesystem::path>(flask).filename().string().starts_with("flask-"));
    project.endpoints.front().summary = "Say hello";
    const auto changed = generatedApp(project, model::ServerKind::FastApi, dir / "apps");
    EXPECT_NE(std::get<std::filesystem::path>(changed), folder) << "another design, another folder";
    std::size_t folders = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir / "apps"))
        ++folders;
    EXPECT_EQ(folders, 3u) << "no temporary folder left behind";

    // A cache that cannot be written is reported, not crashed on.
    testing::writeFile(dir / "file", "");
    const auto blocked = generatedApp(project, model::ServerKind::Flask, dir / "file" / "apps");
    ASSERT_TRUE(std::holds_alternative<std::string>(blocked));
    EXPECT_THAT(std::get<std::string>(blocked), HasSubstr("cannot create the app cache"));
}

TEST(FrameworkSession, AMissingPythonPieceNamesTheDebianPackages) {
    TempDir dir;
    const model::Project project = testing::benchmarkPlan();
    // A Python that does not see the system's packages (-S: no site directories).
    const auto bare = dir / "python-without-packages";
    testing::writeFile(bare, "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
    ::chmod(bare.c_str(), 0755);
    const model::ServerChoice fastapi{model::ServerKind::FastApi, 1, model::WorkerClass::Sync, 4};
    const model::ServerChoice flask{model::ServerKind::Flask, 4, model::WorkerClass::Sync, 4};

    DesignServer design;
    design.appCache = dir / "apps";
    design.python = bare.string();
    auto started = launchFramework(project, fastapi, design);
    ASSERT_TRUE(std::holds_alternative<std::string>(started));
    EXPECT_THAT(std::get<std::string>(started), HasSubstr("cannot start FastAPI (uvicorn, 1 worker): "));
    EXPECT_THAT(std::get<std::string>(started), HasSubstr("python3-fastapi"));
    EXPECT_THAT(std::get<std::string>(started), HasSubstr("python3-uvicorn"));
    started = launchFramework(project, flask, design);
    ASSERT_TRUE(std::holds_alternative<std::string>(started));
    EXPECT_THAT(std::get<std::string>(started), HasSubstr("python3-flask"));
    EXPECT_THAT(std::get<std::string>(started), HasSubstr("gunicorn"));

    design.python = "/nonexistent/python3";
    started = launchFramework(project, flask, design);
    ASSERT_TRUE(std::holds_alternative<std::string>(started));
    EXPECT_EQ(std::get<std::string>(started),
              "cannot start Flask (gunicorn sync, 4 workers): there is no Python at /nonexistent/python3 "
              "(install python3, or set LOADSTAR_PYTHON to the interpreter to use)");
}

TEST(FrameworkComparison, RunsEveryScenarioAgainstEveryServer) {
    const model::Project project = testing::benchmarkPlan();
    EXPECT_EQ(defaultComparisonScenarios(project).size(), 9u);
    const auto servers = defaultComparisonServers();
    ASSERT_EQ(servers.size(), 3u);
    EXPECT_EQ(model::describe(servers[1]), "FastAPI (uvicorn, 1 worker)");
    EXPECT_EQ(model::describe(servers[2]), "Flask (gunicorn sync, 4 workers)");
    auto runs = comparisonRuns(project, {"io-c200", "micro-c10"}, servers);
    ASSERT_TRUE(std::holds_alternative<std::vector<model::Scenario>>(runs));
    const auto& list = std::get<std::vector<model::Scenario>>(runs);
    ASSERT_EQ(list.size(), 6u);
    EXPECT_EQ(list[0].name, "io-c200");
    EXPECT_EQ(list[2].server, servers[2]);
    EXPECT_EQ(list[3].name, "micro-c10");

    EXPECT_EQ(std::get<std::string>(comparisonRuns(project, {"nope"}, servers)),
              "the project has no scenario \"nope\"");
    model::Project withUrl = project;
    withUrl.scenarios[0].target = {model::Target::Kind::Url, "http://127.0.0.1:9", false};
    EXPECT_EQ(
        std::get<std::string>(comparisonRuns(withUrl, {"micro-c10"}, servers)),
        "scenario \"micro-c10\" drives http://127.0.0.1:9, not the design: there is no server to choose");
    EXPECT_EQ(std::get<std::string>(comparisonRuns(project, {}, servers)),
              "no scenario to compare the servers on");
}

}  // namespace
}  // namespace loadstar::session
