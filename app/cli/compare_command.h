#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace loadstar::cli {

// `loadstar compare-frameworks PROJECT ...`: scenarios against the embedded server,
// the generated FastAPI app and the generated Flask app, in one table.
int runCompareFrameworks(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace loadstar::cli
