#include "app/cli/cli.h"

#include <ostream>

namespace loadstar::cli {

bool isCliInvocation(const std::vector<std::string>& args) { return !args.empty() && args[0].starts_with("-"); }

int run(const std::vector<std::string>&, std::ostream& out, std::ostream&) {
    out << usage();
    return kExitOk;
}

std::string usage() { return "usage: loadstar [PROJECT]\n"; }

}  // namespace loadstar::cli
