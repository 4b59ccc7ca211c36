#include <filesystem>
#include <ostream>

#include "app/cli/arguments.h"
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/project_loading.h"
#include "engine/load/document_fetch.h"
#include "engine/model/design_check.h"
#include "engine/model/duration.h"
#include "engine/model/project_file.h"
#include "engine/openapi/document_parser.h"
#include "engine/openapi/document_source.h"
#include "engine/openapi/importer.h"
#include "engine/schema/project_check.h"

namespace loadstar::cli {

namespace {
constexpr const char* kUsage =
    "usage: loadstar import SOURCE -o PROJECT.loadstar.json [--force] [--strict] [--json] [--timeout D]\n"
    "\n"
    "Imports an OpenAPI 3.0 or 3.1 document (JSON or YAML) into a new design. SOURCE is a file or the\n"
    "http(s):// URL of a running server's document (e.g. http://127.0.0.1:8000/openapi.json); $refs to\n"
    "files beside a local document, or to the same server for a URL, are followed. What the design cannot\n"
    "hold is listed one line per place, as SOURCE:JSON-POINTER: warning: ...\n"
    "\n"
    "  -o, --output   the project file to write (atomically)\n"
    "  --force        overwrite PROJECT if it exists (never done otherwise)\n"
    "  --strict       anything lost fails the import: exit 1 and PROJECT is not written\n"
    "  --json         print the outcome (statistics and losses) as JSON on standard output\n"
    "  --timeout D    how long to wait for a URL (default 10s)\n"
    "  --insecure     accept a self-signed certificate from an https:// server\n"
    "\n"
    "Exit status: 0 imported, 1 --strict and something was lost, 2 unreadable, unreachable, not\n"
    "OpenAPI 3, or PROJECT exists.\n";

std::string share(std::size_t kept, std::size_t found) {
    return std::to_string(kept) + "/" + std::to_string(found);
}

Json countsJson(const openapi::ImportCounts& counts) {
    return Json{{"operations", counts.operations},
                {"parameters", counts.parameters},
                {"properties", counts.properties},
                {"constraints", counts.constraints}};
}

}  // namespace

int runImport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    int exitCode = kExitOk;
    const auto parsed = parseCommandLine(
        args, {{"output", 'o', true}, {"force"}, {"strict"}, {"json"}, {"timeout", '\0', true}, {"insecure"}},
        kUsage, out, err, exitCode);
    if (!parsed) return exitCode;
    if (parsed->positionals().size() != 1) return usageError(err, "give exactly one SOURCE", kUsage);
    const std::optional<std::string> output = parsed->value("output");
    if (!output)
        return usageError(err, "give the project file to write with -o PROJECT.loadstar.json", kUsage);
    std::chrono::milliseconds timeout{10000};
    if (const auto text = parsed->value("timeout")) {
        const std::optional<model::Duration> d = model::parseDuration(*text);
        if (!d || d->count() <= 0)
            return usageError(err, "--timeout takes a duration such as 5s or 500ms", kUsage);
        timeout = std::chrono::duration_cast<std::chrono::milliseconds>(*d);
    }
    const std::string& source = parsed->positionals().front();
    const bool force = parsed->has("force");
    std::error_code ec;
    if (!force && std::filesystem::exists(*output, ec)) {
        err << *output << ": exists; give --force to overwrite it\n";
        return kExitError;
    }

    auto text = openapi::readDocumentSource(source, load::documentFetcher(timeout, parsed->has("insecure")));
    if (const auto* failure = std::get_if<openapi::LoadFailure>(&text)) {
        err << source << ": error: " << failure->message << "\n";
        return kExitError;
    }
    openapi::ImportOptions options;
    options.loader = openapi::documentLoader(load::documentFetcher(timeout, parsed->has("insecure")));
    // The text goes as soon as it is parsed: a large document should not be held three times over.
    auto document = openapi::parseDocumentText(std::get<std::string>(text), options.limits);
    std::string().swap(std::get<std::string>(text));  // a move-assignment would keep the capacity
    if (const auto* syntax = std::get_if<openapi::SyntaxError>(&document)) {
        err << source << (syntax->where().empty() ? "" : ":" + syntax->where())
            << ": error: " << syntax->message << "\n";
        return kExitError;
    }
    auto imported = openapi::importOpenApiDocument(source, std::get<Json>(std::move(document)), options);
    if (const auto* failure = std::get_if<openapi::ImportFailure>(&imported)) {
        for (const openapi::ImportIssue& issue : failure->errors) {
            err << issue.document << (issue.where.empty() ? "" : ":" + issue.where)
                << ": error: " << issue.message << "\n";
        }
        return kExitError;
    }
    const openapi::ImportResult& result = std::get<openapi::ImportResult>(imported);
    for (const openapi::ImportIssue& loss : result.losses) {
        err << loss.document << ":" << loss.where << ": warning: " << loss.message << "\n";
    }
    const bool strictFailure = parsed->has("strict") && !result.losses.empty();
    if (!strictFailure) {
        if (!force && std::filesystem::exists(*output, ec)) {
            err << *output << ": exists; give --force to overwrite it\n";
            return kExitError;
        }
        const auto written = model::saveProject(result.project, *output);
        if (const auto* failure = std::get_if<model::ProjectError>(&written)) {
            err << failure->toString() << "\n";
            return kExitError;
        }
    }
    std::size_t designErrors = 0;
    for (const model::Problem& p : schema::checkProject(result.project))
        designErrors += p.severity == model::Severity::Error ? 1 : 0;

    const openapi::ImportStatistics& s = result.statistics;
    if (parsed->has("json")) {
        Json losses = Json::array();
        for (const openapi::ImportIssue& loss : result.losses)
            losses.push_back(
                Json{{"document", loss.document}, {"pointer", loss.where}, {"message", loss.message}});
        out << Json{{"source", source},
                    {"project", strictFailure ? Json(nullptr) : Json(*output)},
                    {"openapi", result.openapiVersion},
                    {"models", result.project.models.size()},
                    {"found", countsJson(s.found)},
                    {"kept", countsJson(s.kept)},
                    {"design_errors", designErrors},
                    {"losses", std::move(losses)}}
                   .dump(2)
            << "\n";
    } else {
        out << source << ": OpenAPI " << result.openapiVersion << "; kept "
            << share(s.kept.operations, s.found.operations) << " operations, "
            << share(s.kept.parameters, s.found.parameters) << " parameters, "
            << share(s.kept.properties, s.found.properties) << " properties, "
            << share(s.kept.constraints, s.found.constraints) << " constraints; "
            << result.project.models.size() << (result.project.models.size() == 1 ? " model, " : " models, ")
            << result.losses.size() << (result.losses.size() == 1 ? " warning\n" : " warnings\n");
        if (strictFailure) {
            out << *output << ": not written (--strict, and " << result.losses.size()
                << (result.losses.size() == 1 ? " thing" : " things") << " could not be kept)\n";
        } else {
            out << *output << ": written"
                << (designErrors > 0 ? "; loadstar check reports " + std::to_string(designErrors) +
                                           (designErrors == 1 ? " error" : " errors")
                                     : "")
                << "\n";
        }
    }
    return strictFailure ? kExitProblems : kExitOk;
}

}  // namespace loadstar::cli
