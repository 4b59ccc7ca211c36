#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace loadstar::cli {

// `loadstar run PROJECT --scenario NAME ...`: a scenario end to end, with a k6-like
// summary; exit 0 thresholds passed, 1 failed, 2 error.
int runRun(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace loadstar::cli
