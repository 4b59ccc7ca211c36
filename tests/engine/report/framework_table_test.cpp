#include "engine/report/framework_table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace loadstar::report {
namespace {

using ::testing::HasSubstr;

// A run of `scenario` on `server` with made-up figures: one warm-up tick and one
// measured second in which the server's processes used `cpuPercent` of a core.
results::RunResult run(const std::string& scenario, model::ServerChoice server, std::uint64_t responses,
                       double cpuPercent) {
    results::RunResult r;
    r.id = scenario + "-" + model::shortLabel(server);
    model::Scenario s;
    s.name = scenario;
    r.scenario = s;
    r.serverUnderTest = results::ServerUnderTest{server, "", "", 1.5};
    r.overall.requests = responses;
    r.overall.responses = responses;
    r.overall.rps = static_cast<double>(responses);
    r.overall.latency.p50 = 1000;
    r.overall.latency.p95 = 2000;
    r.overall.latency.p99 = 3000;
    for (const int stage : {-1, 0}) {
        auto tick = std::make_shared<results::TickPoint>();
        tick->stage = stage;
        tick->seconds = 1;
        tick->resources.target =
            monitor::ProcessSample{true, cpuPercent, (stage < 0 ? 30u : 20u) << 20, 4, 10, 3};
        r.series.push_back(tick);
    }
    return r;
}

TEST(FrameworkTable, CellsCarryCpuPerRequestPeakMemoryAndColdFigures) {
    const model::ServerChoice flask{model::ServerKind::Flask, 4, model::WorkerClass::Sync, 4};
    const auto cell = FrameworkCell::of(run("io-c200", flask, 80, 40));
    ASSERT_TRUE(cell);
    EXPECT_NEAR(*cell->cpuPerRequestMs, 0.4 * 1000 / 80, 1e-9) << "0.4 CPU-seconds for 80 answers";
    EXPECT_EQ(cell->peakRssBytes, 30u << 20) << "the warm-up's peak counts";
    EXPECT_EQ(cell->startSeconds, 1.5);
    EXPECT_EQ(cell->p99, 3000);
    results::RunResult onUrl = run("io-c200", flask, 80, 40);
    onUrl.serverUnderTest.reset();
    EXPECT_FALSE(FrameworkCell::of(onUrl)) << "a run on a URL has no server to compare";
}

TEST(FrameworkTable, AServerThatAnsweredNothingShowsNoLatency) {
    const model::ServerChoice fastapi{model::ServerKind::FastApi, 1, model::WorkerClass::Sync, 4};
    const auto cell = FrameworkCell::of(run("model-c1000", fastapi, 0, 100));
    ASSERT_TRUE(cell);
    EXPECT_FALSE(cell->p50);
    EXPECT_FALSE(cell->cpuPerRequestMs);
    EXPECT_THAT(
        frameworkTableMarkdown({*cell}),
        HasSubstr(
            "| model-c1000 | FastAPI (uvicorn, 1 worker) | 0 | — | — | — | 0 | — | 30.0 MiB | 1.50 s |"));
}

TEST(FrameworkTable, OrdersByScenarioThenServerAndMarksTheBestInTheReport) {
    const model::ServerChoice fastapi{model::ServerKind::FastApi, 1, model::WorkerClass::Sync, 4};
    const std::vector<results::RunResult> runs{run("io-c10", fastapi, 190, 30),
                                               run("micro-c10", fastapi, 500, 50), run("io-c10", {}, 195, 5)};
    const std::vector<FrameworkCell> cells = frameworkCells(runs);
    ASSERT_EQ(cells.size(), 3u);
    EXPECT_EQ(cells[0].scenario, "io-c10");
    EXPECT_EQ(cells[0].server.kind, model::ServerKind::Embedded);
    EXPECT_EQ(cells[1].server.kind, model::ServerKind::FastApi);
    EXPECT_EQ(cells[2].scenario, "micro-c10");
    const std::string html = frameworkReportHtml(runs);
    EXPECT_THAT(html, HasSubstr("<h2>io-c10</h2>"));
    EXPECT_THAT(html, HasSubstr("<span class=\"better\">195</span>")) << "the embedded server's req/s";
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_THAT(frameworkReportHtml({}), HasSubstr("nothing to compare"));
}

}  // namespace
}  // namespace loadstar::report
