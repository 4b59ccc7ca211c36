#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace loadstar::cli {

// `loadstar report RUN.json [RUN2.json ...] [--html F] [--pdf F] ...`: reports on
// stored runs, or compares them (the first is the baseline).
int runReport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace loadstar::cli
