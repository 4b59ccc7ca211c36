#include <ostream>

#include "app/cli/arguments.h"
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/project_loading.h"
#include "engine/load/document_fetch.h"
#include "engine/model/duration.h"
#include "engine/openapi/contract_diff.h"
#include "engine/openapi/contract_source.h"
#include "engine/openapi/diff_report.h"

namespace loadstar::cli {

namespace {
constexpr const char* kUsage =
    "usage: loadstar diff OLD NEW [--json | --markdown] [--fail-on breaking|any|none] [--timeout D]\n"
    "\n"
    "Lists every change from OLD to NEW that a client of the API can see, each with its place in both\n"
    "and a class: breaking (a client written for OLD can fail), non-breaking, or docs-only. OLD and\n"
    "NEW are each a Loadstar project or an OpenAPI 3.0/3.1 document (JSON or YAML, a file or an\n"
    "http(s):// URL).\n"
    "\n"
    "  --json         the changes as JSON\n"
    "  --markdown     the changes as Markdown, for a pull-request comment\n"
    "  --fail-on C    exit 1 when a change of class C exists: breaking (the default), any (breaking or\n"
    "                 non-breaking; docs-only changes never fail), or none (never)\n"
    "  --timeout D    how long to wait for a URL (default 10s)\n"
    "\n"
    "Exit status: 0 nothing of the --fail-on class, 1 such changes found, 2 unreadable input.\n";

bool load(const std::string& source, const openapi::FetchUrl& fetch,
          std::optional<openapi::Contract>& contract, std::ostream& err) {
    auto loaded = openapi::loadContract(source, fetch);
    if (const auto* failure = std::get_if<openapi::ImportFailure>(&loaded)) {
        for (const openapi::ImportIssue& issue : failure->errors) {
            err << issue.document << (issue.where.empty() ? "" : ":" + issue.where)
                << ": error: " << issue.message << "\n";
        }
        return false;
    }
    contract = std::get<openapi::Contract>(std::move(loaded));
    return true;
}

}  // namespace

int runDiff(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    int exitCode = kExitOk;
    const auto parsed =
        parseCommandLine(args, {{"json"}, {"markdown"}, {"fail-on", '\0', true}, {"timeout", '\0', true}},
                         kUsage, out, err, exitCode);
    if (!parsed) return exitCode;
    if (parsed->positionals().size() != 2) return usageError(err, "give OLD and NEW", kUsage);
    if (parsed->has("json") && parsed->has("markdown"))
        return usageError(err, "give --json or --markdown, not both", kUsage);
    const std::string failOn = parsed->value("fail-on").value_or("breaking");
    if (failOn != "breaking" && failOn != "any" && failOn != "none") {
        return usageError(err, "--fail-on takes breaking, any or none", kUsage);
    }
    std::chrono::milliseconds timeout{10000};
    if (const auto text = parsed->value("timeout")) {
        const std::optional<model::Duration> d = model::parseDuration(*text);
        if (!d || d->count() <= 0)
            return usageError(err, "--timeout takes a duration such as 5s or 500ms", kUsage);
        timeout = std::chrono::duration_cast<std::chrono::milliseconds>(*d);
    }
    const openapi::FetchUrl fetch = load::documentFetcher(timeout);
    std::optional<openapi::Contract> before;
    std::optional<openapi::Contract> after;
    const bool readBefore = load(parsed->positionals()[0], fetch, before, err);
    const bool readAfter = load(parsed->positionals()[1], fetch, after, err);
    if (!readBefore || !readAfter) return kExitError;

    const std::vector<openapi::Change> changes = openapi::diffContracts(before->project, after->project);
    if (parsed->has("json")) {
        out << openapi::diffJson(changes, *before, *after).dump(2) << "\n";
    } else if (parsed->has("markdown")) {
        out << openapi::diffMarkdown(changes, *before, *after);
    } else {
        out << openapi::diffText(changes, *before, *after);
    }
    const openapi::ChangeCounts counts = openapi::countChanges(changes);
    const bool fail = (failOn == "breaking" && counts.breaking > 0) ||
                      (failOn == "any" && counts.breaking + counts.nonBreaking > 0);
    return fail ? kExitProblems : kExitOk;
}

}  // namespace loadstar::cli
