#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "engine/load/runner.h"

namespace loadstar::cli {

// `loadstar load URL ...`: ad-hoc load with wrk-style output.
int runLoad(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// A started run of either engine, as the command line follows it.
struct RunDriver {
    std::function<bool()> finished;
    std::function<void()> stop;
    std::function<std::shared_ptr<const load::Snapshot>()> snapshot;
    std::function<std::string()> status;  // shown instead of the progress while not empty
};

// Waits until `run` has finished, drawing a live progress line on `progress` when
// given (a terminal); Ctrl-C (SIGINT) and SIGTERM become run.stop(), so that an
// interrupted run still ends with its results.
void driveUntilFinished(const RunDriver& run, std::ostream* progress);

// Waits for a started run, drawing a live progress line on `progress` when given
// (a terminal), and turns Ctrl-C (SIGINT) into Runner::stop() so that an
// interrupted run still ends with its results.
const load::RunOutput& driveRun(load::Runner& runner, std::ostream* progress);

// True when `err` is the process's stderr and that is a terminal.
bool isTerminal(const std::ostream& err);

}  // namespace loadstar::cli
