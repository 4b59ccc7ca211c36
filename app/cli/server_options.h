#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/cli/arguments.h"

namespace loadstar::cli {

// `--server-cpus LIST` and `--generator-cpus LIST` (run, compare-frameworks): where
// the server started for a run and the load generator may run, so that they do
// not take each other's cores. The usage error, or nullopt.
std::optional<std::string> cpuOptions(const Arguments& args, std::vector<int>& serverCpus,
                                      std::vector<int>& generatorCpus);

// Pins this process (the load generator) to `cpus` once the run's server has
// started (a server started after it would inherit the pin). Prints why not to
// `err` when it cannot.
void pinGenerator(const std::vector<int>& cpus, std::ostream& err, const char* command);

}  // namespace loadstar::cli
