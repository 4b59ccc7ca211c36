#pragma once

#include <string>
#include <variant>

#include "engine/model/project.h"
#include "engine/results/run_result.h"

namespace loadstar::session {

// Serves `project` in this process on a free loopback port and runs `scenario`
// against it to the end (blocking), with resource samples of this process as the
// server's. For the screenshot tour, benchmarks and tests, which need real runs
// without a child process; the workbench and `loadstar run` serve from
// `loadstar serve` (ScenarioSession).
std::variant<results::RunResult, std::string> runInProcess(const model::Project& project,
                                                           const model::Scenario& scenario);

}  // namespace loadstar::session
