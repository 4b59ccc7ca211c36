#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace loadstar::cli {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitProblems = 1;  // check: design problems; run: thresholds failed
inline constexpr int kExitError = 2;     // unreadable input, bad usage, I/O failure

// True when `args` (argv without the program name) name a subcommand or a
// CLI-only flag, i.e. when the workbench should not open.
bool isCliInvocation(const std::vector<std::string>& args);

// Runs a subcommand; output to `out`, diagnostics to `err`. Returns the exit code.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The top-level usage text.
std::string usage();

}  // namespace loadstar::cli
