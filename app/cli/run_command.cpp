#include "app/cli/run_command.h"

#include <ostream>

#include "app/cli/cli.h"

namespace loadstar::cli {

int runRun(const std::vector<std::string>&, std::ostream&, std::ostream& err) {
    err << "loadstar run: not available yet\n";
    return kExitError;
}

}  // namespace loadstar::cli
