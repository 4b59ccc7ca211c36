#include "app/cli/cli.h"

#include <algorithm>
#include <ostream>
#include <string_view>

#include "app/cli/commands.h"
#include "app/cli/compare_command.h"
#include "app/cli/load_command.h"
#include "app/cli/report_command.h"
#include "app/cli/run_command.h"
#include "app/cli/serve_command.h"

namespace loadstar::cli {

namespace {

struct Command {
    std::string_view name;
    std::string_view summary;
    int (*run)(const std::vector<std::string>&, std::ostream&, std::ostream&);
};

constexpr Command kCommands[] = {
    {"check", "check a design for problems (exit 0 clean, 1 problems, 2 unreadable)", runCheck},
    {"openapi", "export the design as OpenAPI 3.1 (JSON, or YAML with --yaml)", runOpenApi},
    {"import", "import an OpenAPI 3.0/3.1 document (file or URL) into a new design", runImport},
    {"diff", "compare two designs or OpenAPI documents: breaking, non-breaking, docs-only", runDiff},
    {"generate", "write a FastAPI or Flask project for the design (fastapi|flask PROJECT -o DIR)",
     runGenerate},
    {"serve", "serve the design (prints \"listening on http://HOST:PORT\" first)", runServe},
    {"format", "rewrite project files in canonical form (--check to only report)", runFormat},
    {"run", "run a scenario of a project (exit 0 pass, 1 thresholds failed, 2 error)", runRun},
    {"compare-frameworks", "run scenarios against the embedded server, FastAPI and Flask, in one table",
     runCompareFrameworks},
    {"load", "ad-hoc load against a URL, reported like wrk", runLoad},
    {"report", "report on stored runs or compare them (HTML, PDF, JSON, CSV, JUnit)", runReport},
    {"export", "write a scenario as a Locust locustfile or a k6 script (with k6-operator manifests)",
     runExport},
    {"import-results", "store k6 summaries and Locust CSV statistics as runs of a project", runImportResults},
};

const Command* findCommand(std::string_view name) {
    for (const Command& c : kCommands) {
        if (c.name == name) return &c;
    }
    return nullptr;
}

}  // namespace

std::string usage() {
    std::string text =
        "usage: loadstar [PROJECT]            open the workbench (on PROJECT when given)\n"
        "       loadstar COMMAND [ARGS...]    run a command without the workbench\n"
        "\n"
        "Commands:\n";
    std::size_t width = 0;
    for (const Command& c : kCommands)
        width = std::max(width, c.name.size() + 2);
    for (const Command& c : kCommands) {
        std::string name(c.name);
        name.resize(width, ' ');
        text += "  " + name + std::string(c.summary) + "\n";
    }
    text +=
        "\n"
        "Options:\n"
        "  -h, --help       show this help (also: loadstar COMMAND --help)\n"
        "  -V, --version    show the version\n";
    return text;
}

bool isCliInvocation(const std::vector<std::string>& args) {
    if (args.empty()) return false;
    const std::string& first = args.front();
    return findCommand(first) != nullptr || first == "help" || first.starts_with("-");
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty() || args.front() == "help" || args.front() == "--help" || args.front() == "-h") {
        if (args.size() > 1 && args.front() == "help") {
            if (const Command* c = findCommand(args[1])) return c->run({"--help"}, out, err);
        }
        out << usage();
        return kExitOk;
    }
    if (args.front() == "--version" || args.front() == "-V") {
        out << "loadstar " << LOADSTAR_VERSION << "\n";
        return kExitOk;
    }
    const Command* command = findCommand(args.front());
    if (!command) {
        err << "loadstar: unknown command or option \"" << args.front() << "\"\n\n" << usage();
        return kExitError;
    }
    return command->run(std::vector<std::string>(args.begin() + 1, args.end()), out, err);
}

}  // namespace loadstar::cli
