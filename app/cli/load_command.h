#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "engine/load/runner.h"

namespace loadstar::cli {

// `loadstar load URL ...`: ad-hoc load with wrk-style output.
int runLoad(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// Waits for a started run, drawing a live progress line on `progress` when given
// (a terminal), and turns Ctrl-C (SIGINT) into Runner::stop() so that an
// interrupted run still ends with its results.
const load::RunOutput& driveRun(load::Runner& runner, std::ostream* progress);

// True when `err` is the process's stderr and that is a terminal.
bool isTerminal(const std::ostream& err);

}  // namespace loadstar::cli
