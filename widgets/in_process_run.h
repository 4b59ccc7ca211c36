#pragma once

#include <string>
#include <variant>

#include "engine/load/run_result.h"
#include "engine/model/project.h"

namespace loadstar::widgets {

// Serves `project` in this process on a free loopback port and runs `scenario`
// against it to the end (blocking), with resource samples of this process as the
// server's. For the screenshot tour and the tests, which need real runs without a
// child process; the workbench itself serves from `loadstar serve`.
std::variant<load::RunResult, std::string> runInProcess(const model::Project& project,
                                                        const model::Scenario& scenario);

}  // namespace loadstar::widgets
