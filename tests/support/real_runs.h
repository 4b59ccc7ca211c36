#pragma once

#include <vector>

#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "engine/session/in_process_run.h"
#include "support/temp_dir.h"

namespace loadstar::testing {

inline model::Project benchmarkPlan() {
    auto loaded = model::loadProject(sourceDir() / "projects" / "benchmark-plan.loadstar.json");
    EXPECT_TRUE(std::holds_alternative<model::Project>(loaded));
    return std::get<model::Project>(std::move(loaded));
}

// Two real runs of the benchmark plan's micro scenario (shortened to 1 s) against
// the design served in-process: first async ×1, then a pool of 4 workers. Made
// once per test binary; each takes a little over a second.
inline const std::vector<results::RunResult>& realRuns() {
    static const std::vector<results::RunResult> runs = [] {
        std::vector<results::RunResult> out;
        model::Project project = benchmarkPlan();
        model::Scenario scenario = project.scenarios.front();
        scenario.duration = std::chrono::seconds(1);
        scenario.warmup = std::chrono::milliseconds(200);
        scenario.vus = 4;
        scenario.thresholds = {"p99 < 10s", "requests < 1"};
        for (const auto concurrency : {model::ConcurrencyModel::Async, model::ConcurrencyModel::WorkerPool}) {
            project.server.concurrency.model = concurrency;
            auto run = session::runInProcess(project, scenario);
            if (const auto* e = std::get_if<std::string>(&run))
                ADD_FAILURE() << *e;
            else
                out.push_back(std::get<results::RunResult>(std::move(run)));
        }
        return out;
    }();
    return runs;
}

}  // namespace loadstar::testing
