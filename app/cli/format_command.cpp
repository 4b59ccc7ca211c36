#include <fstream>
#include <iterator>
#include <ostream>

#include "app/cli/arguments.h"
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/project_loading.h"
#include "engine/model/project_file.h"

namespace loadstar::cli {

namespace {
constexpr const char* kUsage =
    "usage: loadstar format PROJECT... [--check]\n"
    "\n"
    "Rewrites project files in the canonical form the workbench saves (stable key order,\n"
    "two-space indent), so that diffs show only real changes. Files are replaced atomically.\n"
    "\n"
    "  --check   change nothing; list the files that are not canonical\n"
    "\n"
    "Exit status: 0 all canonical (or rewritten), 1 --check found files to rewrite, 2 unreadable.\n";
}

int runFormat(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    int exitCode = kExitOk;
    const auto parsed = parseCommandLine(args, {{"check"}}, kUsage, out, err, exitCode);
    if (!parsed) return exitCode;
    if (parsed->positionals().empty()) return usageError(err, "give at least one PROJECT", kUsage);
    int status = kExitOk;
    for (const std::string& file : parsed->positionals()) {
        const std::optional<model::Project> project = loadProjectOrReport(file, err);
        if (!project) {
            status = kExitError;
            continue;
        }
        const std::string canonical = model::serializeProject(*project);
        std::string current;
        {
            std::ifstream in(file, std::ios::binary);
            current.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        if (current == canonical) continue;
        if (parsed->has("check")) {
            out << file << ": not in canonical form\n";
            if (status == kExitOk) status = kExitProblems;
            continue;
        }
        const auto written = model::writeFileAtomically(file, canonical);
        if (const auto* failure = std::get_if<model::ProjectError>(&written)) {
            err << failure->toString() << "\n";
            status = kExitError;
        } else {
            out << file << ": rewritten\n";
        }
    }
    return status;
}

}  // namespace loadstar::cli
