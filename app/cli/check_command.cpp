#include <ostream>

#include "app/cli/arguments.h"
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/project_loading.h"
#include "engine/model/design_check.h"
#include "engine/model/json.h"
#include "engine/schema/project_check.h"

namespace loadstar::cli {

namespace {
constexpr const char* kUsage =
    "usage: loadstar check PROJECT [--strict] [--json]\n"
    "\n"
    "Checks a design: duplicate routes, path parameters and templates that disagree, unknown\n"
    "model references, reference cycles, impossible constraints, and more.\n"
    "\n"
    "  --strict   warnings fail the check too\n"
    "  --json     print the problems as JSON\n"
    "\n"
    "Exit status: 0 clean (warnings allowed unless --strict), 1 problems found, 2 unreadable project.\n";
}

int runCheck(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    int exitCode = kExitOk;
    const auto parsed = parseCommandLine(args, {{"strict"}, {"json"}}, kUsage, out, err, exitCode);
    if (!parsed) return exitCode;
    if (parsed->positionals().size() != 1) return usageError(err, "give exactly one PROJECT", kUsage);
    const std::string& file = parsed->positionals().front();
    const std::optional<model::Project> project = loadProjectOrReport(file, err);
    if (!project) return kExitError;

    const std::vector<model::Problem> problems = schema::checkProject(*project);
    std::size_t errors = 0;
    for (const model::Problem& p : problems)
        errors += p.severity == model::Severity::Error ? 1 : 0;
    const std::size_t warnings = problems.size() - errors;

    if (parsed->has("json")) {
        Json list = Json::array();
        for (const model::Problem& p : problems) {
            list.push_back({{"severity", model::toString(p.severity)},
                            {"location", p.location},
                            {"message", p.message}});
        }
        out << Json{{"file", file}, {"errors", errors}, {"warnings", warnings}, {"problems", std::move(list)}}
                   .dump(2)
            << "\n";
    } else {
        for (const model::Problem& p : problems) {
            out << file << ":" << p.location << ": " << model::toString(p.severity) << ": " << p.message
                << "\n";
        }
        if (problems.empty()) {
            out << file << ": no problems\n";
        } else {
            out << file << ": " << errors << (errors == 1 ? " error, " : " errors, ") << warnings
                << (warnings == 1 ? " warning\n" : " warnings\n");
        }
    }
    const bool failed = errors > 0 || (parsed->has("strict") && warnings > 0);
    return failed ? kExitProblems : kExitOk;
}

}  // namespace loadstar::cli
