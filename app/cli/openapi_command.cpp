#include <iostream>
#include <ostream>

#include "app/cli/arguments.h"
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/project_loading.h"
#include "engine/model/design_check.h"
#include "engine/model/project_file.h"
#include "engine/openapi/exporter.h"
#include "engine/openapi/yaml_writer.h"
#include "engine/schema/project_check.h"

namespace loadstar::cli {

namespace {
constexpr const char* kUsage =
    "usage: loadstar openapi PROJECT [--yaml] [-o FILE] [--server URL]...\n"
    "\n"
    "Exports the design as an OpenAPI 3.1 document, as FastAPI would serve it (422 responses with\n"
    "HTTPValidationError, security schemes for API keys and bearer tokens). Output is deterministic.\n"
    "\n"
    "  --yaml         YAML instead of JSON\n"
    "  -o, --output   write to FILE (atomically) instead of standard output\n"
    "  --server URL   the servers entry (repeatable; default: the project's host and port)\n"
    "\n"
    "Exit status: 0 exported, 1 exported but the design has errors (see loadstar check), 2 failure.\n";
}

int runOpenApi(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    int exitCode = kExitOk;
    const auto parsed = parseCommandLine(
        args, {{"yaml"}, {"output", 'o', true}, {"server", '\0', true, true}}, kUsage, out, err, exitCode);
    if (!parsed) return exitCode;
    if (parsed->positionals().size() != 1) return usageError(err, "give exactly one PROJECT", kUsage);
    const std::string& file = parsed->positionals().front();
    const std::optional<model::Project> project = loadProjectOrReport(file, err);
    if (!project) return kExitError;

    openapi::ExportOptions options;
    options.servers = parsed->values("server");
    const Json document = openapi::exportDocument(*project, options);
    const std::string text = parsed->has("yaml") ? openapi::toYaml(document) : openapi::toJsonText(document);

    if (const std::optional<std::string> output = parsed->value("output")) {
        const auto written = model::writeFileAtomically(*output, text);
        if (const auto* failure = std::get_if<model::ProjectError>(&written)) {
            err << failure->toString() << "\n";
            return kExitError;
        }
    } else {
        out << text;
    }
    // An export of a design with errors is still written (a user may want to look at it), but
    // the exit status says it is not to be trusted.
    std::size_t errors = 0;
    for (const model::Problem& p : schema::checkProject(*project)) {
        if (p.severity == model::Severity::Error) {
            err << file << ":" << p.location << ": error: " << p.message << "\n";
            ++errors;
        }
    }
    return errors > 0 ? kExitProblems : kExitOk;
}

}  // namespace loadstar::cli
