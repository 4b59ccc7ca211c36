#include <filesystem>
#include <ostream>

#include "app/cli/arguments.h"
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/project_loading.h"
#include "engine/engines/results_import.h"
#include "engine/model/project_file.h"
#include "engine/results/run_result.h"

namespace loadstar::cli {

namespace {

constexpr const char* kUsage =
    "usage: loadstar import-results FILE... [--project PROJECT] [--scenario NAME] [--merge] [-o DIR]\n"
    "\n"
    "Turns other engines' results into Loadstar runs, stored with the project's runs so that they\n"
    "compare with native ones in the workbench and in reports:\n"
    "\n"
    "  k6       the end-of-test summary (handleSummary's JSON or --summary-export's; also a runner's\n"
    "           log holding it): no per-second series, no histogram, no status codes\n"
    "  Locust   PREFIX_stats.csv, PREFIX_stats_history.csv, PREFIX_failures.csv (the others of a\n"
    "           prefix are found beside the one given): percentiles as Locust lists them, no\n"
    "           histogram, no status codes; with the summary an exported locustfile writes\n"
    "           (--loadstar-summary) also its histograms and status codes\n"
    "\n"
    "  -p, --project P      store the runs in P's history (P.runs/)\n"
    "  -s, --scenario NAME  the project's scenario the Locust files ran: its thresholds are judged\n"
    "      --merge          several k6 summaries are the runners of one test (k6-operator): one run\n"
    "  -o, --output DIR     write the runs there instead (as RUN_ID.json)\n"
    "\n"
    "Exit status: 0 imported, 2 failure (nothing is stored then).\n";

}  // namespace

int runImportResults(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    int exitCode = kExitOk;
    const auto parsed = parseCommandLine(
        args, {{"project", 'p', true}, {"scenario", 's', true}, {"merge"}, {"output", 'o', true}}, kUsage,
        out, err, exitCode);
    if (!parsed) return exitCode;
    if (parsed->positionals().empty()) return usageError(err, "give the result files to import", kUsage);
    if (!parsed->has("project") && !parsed->has("output"))
        return usageError(err, "give --project PROJECT to store the runs with, or -o DIR", kUsage);
    std::optional<model::Project> project;
    if (const auto file = parsed->value("project")) {
        project = loadProjectOrReport(*file, err);
        if (!project) return kExitError;
    }
    std::vector<std::filesystem::path> files;
    for (const std::string& f : parsed->positionals())
        files.emplace_back(f);
    engines::ImportOptions options;
    options.mergeK6 = parsed->has("merge");
    options.scenario = parsed->value("scenario").value_or("");
    auto imported = engines::importResults(files, project, options);
    if (const auto* e = std::get_if<std::string>(&imported)) {
        err << "loadstar import-results: " << *e << "\n";
        return kExitError;
    }
    for (const results::RunResult& run : std::get<std::vector<results::RunResult>>(imported)) {
        std::string stored;
        if (const auto dir = parsed->value("output")) {
            const std::filesystem::path file = std::filesystem::path(*dir) / (run.id + ".json");
            std::error_code ec;
            std::filesystem::create_directories(*dir, ec);
            const auto written = model::writeFileAtomically(file, run.toJson().dump(1) + "\n");
            if (const auto* e = std::get_if<model::ProjectError>(&written)) {
                err << "loadstar import-results: " << e->toString() << "\n";
                return kExitError;
            }
            stored = file.string();
        } else {
            const auto written = results::storeRunResult(run, *parsed->value("project"));
            if (const auto* e = std::get_if<std::string>(&written)) {
                err << "loadstar import-results: cannot store the run: " << *e << "\n";
                return kExitError;
            }
            stored = std::get<std::filesystem::path>(written).string();
        }
        out << run.engine.name << " run " << run.id << ": " << run.overall.requests << " requests, "
            << run.endpoints.size() << " endpoint(s)";
        if (!run.thresholds.empty()) out << ", thresholds " << (run.thresholdsPassed ? "passed" : "failed");
        out << "\n  stored: " << stored << "\n";
        for (const std::string& note : run.engine.notes)
            out << "  note: " << note << "\n";
    }
    return kExitOk;
}

}  // namespace loadstar::cli
