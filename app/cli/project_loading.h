#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "app/cli/arguments.h"
#include "engine/model/project.h"

namespace loadstar::cli {

// Loads a project; on failure prints "FILE: where: message" to `err` and returns nullopt.
std::optional<model::Project> loadProjectOrReport(const std::string& file, std::ostream& err);

// Prints "loadstar: MESSAGE" and the usage to `err`; returns kExitError.
int usageError(std::ostream& err, const std::string& message, const char* usage);

// A subcommand's command line, read against `specs` (--help and -h are added).
// nullopt when the command is done already, with its exit code in `exitCode`:
// --help printed the usage to `out`, or a usage error went to `err`.
std::optional<Arguments> parseCommandLine(const std::vector<std::string>& args, std::vector<OptionSpec> specs,
                                          const char* usage, std::ostream& out, std::ostream& err,
                                          int& exitCode);

}  // namespace loadstar::cli
