#include <algorithm>
#include <chrono>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/load/series_follower.h"
#include "engine/model/target_url.h"
#include "engine/results/run_store.h"
#include "engine/session/scenario_session.h"
#include "support/scale_out.h"
#include "support/temp_dir.h"

namespace loadstar::session {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

std::unique_ptr<ScenarioSession> prepared(const model::Project& project, model::Scenario scenario,
                                          const std::string& url, const LocustSettings& settings = {}) {
    scenario.engine = model::LoadEngine::Locust;
    DesignServer design;
    design.url = url;
    auto p = ScenarioSession::prepare(project, std::move(scenario), design, settings);
    if (auto* e = std::get_if<std::string>(&p)) throw std::runtime_error(*e);
    return std::move(std::get<std::unique_ptr<ScenarioSession>>(p));
}

// A real Locust master with two workers on loopback against the design's server:
// its statistics arrive as snapshots while it runs and end as a stored run.
TEST(LocustSession, AMasterWithTwoWorkersFeedsTheDashboardAndAStoredRun) {
    const model::Project project = loadstar::testing::scaleOutProject();
    loadstar::testing::EmbeddedServer server(project);
    model::Scenario scenario = *project.scenario("mixed");
    scenario.locustWorkers = 2;
    auto session = prepared(project, scenario, server.url());
    ASSERT_EQ(session->start(), std::nullopt);
    ASSERT_NE(session->locust(), nullptr);
    const std::vector<pid_t> pids = session->locust()->pids();
    ASSERT_EQ(pids.size(), 3u) << "a master and two workers";

    std::shared_ptr<const load::Snapshot> running;
    load::SeriesFollower followed;
    bool sawWaitingOrWarmup = false;
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (!session->finished() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(100ms);
        const auto s = session->snapshot();
        if (!s) continue;
        followed.follow(*s);
        sawWaitingOrWarmup = sawWaitingOrWarmup || s->phase == load::Snapshot::Phase::WarmingUp;
        if (s->phase == load::Snapshot::Phase::Running && s->totals.requests > 0 && s->tickCount() > 0)
            running = s;
    }
    ASSERT_TRUE(session->finished());
    EXPECT_TRUE(sawWaitingOrWarmup);
    ASSERT_NE(running, nullptr) << "no snapshot of the running test";
    EXPECT_EQ(running->endpointIds, (std::vector<std::string>{"hello", "echo"}));
    EXPECT_EQ(running->endpointTotals.size(), 2u);
    EXPECT_TRUE(std::any_of(followed.series().begin(), followed.series().end(),
                            [](const auto& tick) { return tick->overall.requests > 0; }));
    ASSERT_NE(running->newestTick(), nullptr);
    EXPECT_EQ(running->newestTick()->endpoints.size(), 2u);
    EXPECT_TRUE(running->newestTick()->resources.self.alive) << "the Locust processes' CPU and memory";
    EXPECT_EQ(running->total, 4.0);

    auto ended = session->end();
    ASSERT_TRUE(std::holds_alternative<results::RunResult>(ended)) << std::get<std::string>(ended);
    const results::RunResult& r = std::get<results::RunResult>(ended);
    EXPECT_EQ(r.engine.name, "locust");
    EXPECT_EQ(r.engine.workers, 2);
    EXPECT_FALSE(r.interrupted);
    EXPECT_TRUE(r.thresholdsPassed);
    EXPECT_EQ(r.target, server.url());
    EXPECT_GT(r.overall.requests, 10u);
    EXPECT_EQ(r.overallStats.latency.count(), r.overall.requests);
    EXPECT_GT(r.statusCounts().at(200), 0u);
    EXPECT_GT(r.statusCounts().at(422), 0u);
    EXPECT_EQ(r.overall.errors, 0u);
    EXPECT_EQ(r.overall.expectedRejections, r.statusCounts().at(422));
    ASSERT_FALSE(r.series.empty());
    EXPECT_EQ(r.series.front()->stage, -1) << "the warm-up's second";
    followed.follow(*session->snapshot());
    EXPECT_EQ(followed.series(), r.series) << "the live ticks are the result's, each once";
    EXPECT_EQ(followed.lost(), 0u);
    EXPECT_THAT(r.engine.notes, ::testing::Contains(HasSubstr("rounds each response time")));

    loadstar::testing::TempDir dir;
    auto stored = results::storeRunResult(r, dir / "p.loadstar.json");
    ASSERT_TRUE(std::holds_alternative<std::filesystem::path>(stored));
    auto read = results::readRunResult(std::get<std::filesystem::path>(stored));
    ASSERT_TRUE(std::holds_alternative<results::RunResult>(read)) << std::get<std::string>(read);
    EXPECT_EQ(std::get<results::RunResult>(read).engine.name, "locust");
    EXPECT_EQ(std::get<results::RunResult>(read).engine.notes, r.engine.notes);
    EXPECT_EQ(std::get<results::RunResult>(read).toJson(), r.toJson());
    for (const pid_t pid : pids)
        EXPECT_FALSE(loadstar::testing::processAlive(pid)) << pid;
}

TEST(LocustSession, StopInTheMiddleEndsEveryLocustProcess) {
    const model::Project project = loadstar::testing::scaleOutProject();
    loadstar::testing::EmbeddedServer server(project);
    model::Scenario scenario = *project.scenario("mixed");
    scenario.duration = 60s;
    scenario.locustWorkers = 1;
    auto session = prepared(project, scenario, server.url());
    const auto started = std::chrono::steady_clock::now();
    ASSERT_EQ(session->start(), std::nullopt);
    const std::vector<pid_t> pids = session->locust()->pids();
    while (std::chrono::steady_clock::now() - started < 30s) {
        const auto s = session->snapshot();
        if (s && s->totals.requests > 0) break;
        std::this_thread::sleep_for(100ms);
    }
    session->stop();
    auto ended = session->end();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 45s);
    ASSERT_TRUE(std::holds_alternative<results::RunResult>(ended)) << std::get<std::string>(ended);
    EXPECT_TRUE(std::get<results::RunResult>(ended).interrupted);
    for (const pid_t pid : pids)
        EXPECT_FALSE(loadstar::testing::processAlive(pid)) << pid;
}

TEST(LocustSession, AMissingLocustIsAClearMessageNamingThePackage) {
    const model::Project project = loadstar::testing::scaleOutProject();
    model::Scenario scenario = *project.scenario("mixed");
    scenario.engine = model::LoadEngine::Locust;
    LocustSettings settings;
    settings.command = "/nonexistent/bin/locust";
    DesignServer design;
    design.url = "http://127.0.0.1:9";
    auto p = ScenarioSession::prepare(project, scenario, design, settings);
    ASSERT_TRUE(std::holds_alternative<std::string>(p));
    EXPECT_THAT(std::get<std::string>(p), HasSubstr("Locust is not installed"));
    EXPECT_THAT(std::get<std::string>(p), HasSubstr("python3-locust"));
}

// Locust connects by itself, so its target's name is resolved and checked before
// anything starts, as the native generator does. "10.1" is a name to the URL
// parser that the resolver reads as 10.0.0.1 without asking DNS; nothing is started,
// so nothing is sent.
TEST(LocustSession, ATargetNameOutsideLoopbackIsRefusedUnlessAllowedByName) {
    const model::Project project = loadstar::testing::scaleOutProject();
    model::Scenario scenario = *project.scenario("mixed");
    scenario.engine = model::LoadEngine::Locust;
    scenario.target.kind = model::Target::Kind::Url;
    scenario.target.url = "http://10.1:8080/";
    auto refused = ScenarioSession::prepare(project, scenario, DesignServer{}, LocustSettings{});
    ASSERT_TRUE(std::holds_alternative<std::string>(refused));
    EXPECT_THAT(std::get<std::string>(refused), HasSubstr("10.0.0.1"));
    EXPECT_THAT(std::get<std::string>(refused), HasSubstr(std::string(model::kLoopbackOnly)));

    scenario.allowRemote = "10.1";
    auto allowed = ScenarioSession::prepare(project, scenario, DesignServer{}, LocustSettings{});
    EXPECT_TRUE(std::holds_alternative<std::unique_ptr<ScenarioSession>>(allowed))
        << std::get<std::string>(allowed);
}

}  // namespace
}  // namespace loadstar::session
