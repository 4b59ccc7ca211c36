#include "app/cli/compare_command.h"

#include <cstdio>
#include <filesystem>
#include <ostream>

#include "app/cli/arguments.h"
#include "app/cli/cli.h"
#include "app/cli/load_command.h"
#include "app/cli/project_loading.h"
#include "app/cli/server_options.h"
#include "engine/model/duration.h"
#include "engine/model/project_file.h"
#include "engine/report/framework_table.h"
#include "engine/results/run_result.h"
#include "engine/session/framework_comparison.h"
#include "engine/session/scenario_session.h"
#include "engine/stats/summary.h"
#include "engine/stats/units.h"

namespace loadstar::cli {

namespace {

constexpr const char* kUsage =
    "usage: loadstar compare-frameworks PROJECT [options]\n"
    "\n"
    "Runs scenarios against the embedded server and against the design generated as a\n"
    "FastAPI app (under uvicorn) and as a Flask app (under gunicorn), one server at a time,\n"
    "each started afresh for its run and stopped after it, then prints the table:\n"
    "requests/s, p50/p95/p99, errors, server CPU per request and peak RSS (all the server's\n"
    "processes), cold start (process start to first answer) and the warm-up's latency.\n"
    "Every run is stored beside the project like `loadstar run` stores it.\n"
    "\n"
    "  -s, --scenario NAME        a scenario to run (again for more; default: every scenario\n"
    "                             that targets the design)\n"
    "      --servers LIST         embedded,fastapi,flask or any of them (default: all three)\n"
    "      --fastapi-workers N    uvicorn workers (default 1)\n"
    "      --flask-workers N      gunicorn workers (default 4)\n"
    "      --flask-worker-class C sync or gthread (default sync)\n"
    "      --flask-threads N      threads per gthread worker (default 4)\n"
    "      --server-cpus LIST     pin the servers to these CPUs (e.g. 0 or 0-1)\n"
    "      --generator-cpus LIST  pin the load generator to these CPUs (e.g. 2-3)\n"
    "      --duration D           measure this long instead of the scenarios' own time\n"
    "      --warmup D             warm up this long instead of the scenarios' own warm-up\n"
    "      --html FILE            write the comparison as one self-contained HTML page\n"
    "      --markdown FILE        write the table as Markdown\n"
    "      --no-store             do not store the runs beside the project\n"
    "\n"
    "Exit status: 0 every run was made, 1 some could not be (their reasons are printed),\n"
    "2 error. Ctrl-C ends the current run (its result is kept) and skips the rest.\n";

// The servers asked for, with their workers; the error text when the options are wrong.
std::variant<std::vector<model::ServerChoice>, std::string> chosenServers(const Arguments& args) {
    std::vector<model::ServerChoice> defaults = session::defaultComparisonServers();
    std::string error;
    for (model::ServerChoice& s : defaults) {
        if (s.kind == model::ServerKind::FastApi) {
            if (auto n = args.count("fastapi-workers", 1, model::kMaxServerWorkers, error)) s.workers = *n;
        } else if (s.kind == model::ServerKind::Flask) {
            if (auto n = args.count("flask-workers", 1, model::kMaxServerWorkers, error)) s.workers = *n;
            if (auto n = args.count("flask-threads", 1, model::kMaxWorkerThreads, error)) s.threads = *n;
            if (const auto text = args.value("flask-worker-class")) {
                const auto workerClass = model::parseWorkerClass(*text);
                if (!workerClass) return std::string("--flask-worker-class wants sync or gthread");
                s.workerClass = *workerClass;
            }
        }
        if (!error.empty()) return error;
    }
    const auto list = args.value("servers");
    if (!list) return defaults;
    std::vector<model::ServerChoice> chosen;
    std::string_view rest = *list;
    while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        const std::string_view name = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        const auto kind = model::parseServerKind(name);
        if (!kind)
            return "--servers wants embedded, fastapi and flask, separated by commas (not \"" +
                   std::string(name) + "\")";
        for (const model::ServerChoice& s : defaults) {
            if (s.kind == *kind && std::find(chosen.begin(), chosen.end(), s) == chosen.end())
                chosen.push_back(s);
        }
    }
    return chosen;
}

std::string cellLine(const report::FrameworkCell& c) {
    const auto latency = [](const std::optional<std::int64_t>& us) {
        return us ? stats::formatLatency(static_cast<double>(*us)) : std::string("-");
    };
    char line[256];
    std::snprintf(line, sizeof line, "%.1f req/s, p50 %s, p99 %s, errors %llu", c.rps, latency(c.p50).c_str(),
                  latency(c.p99).c_str(), static_cast<unsigned long long>(c.errors));
    std::string text = line;
    if (!c.p50) text += " (nothing answered after the warm-up: the server was still busy with it)";
    if (c.cpuPerRequestMs) {
        std::snprintf(line, sizeof line, ", %.3f ms CPU/request", *c.cpuPerRequestMs);
        text += line;
    }
    if (c.startSeconds) {
        std::snprintf(line, sizeof line, ", up in %.2f s", *c.startSeconds);
        text += line;
    }
    return text;
}

}  // namespace

int runCompareFrameworks(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    int exitCode = kExitOk;
    const auto parsed = parseCommandLine(args,
                                         {{"scenario", 's', true, true},
                                          {"servers", '\0', true},
                                          {"fastapi-workers", '\0', true},
                                          {"flask-workers", '\0', true},
                                          {"flask-worker-class", '\0', true},
                                          {"flask-threads", '\0', true},
                                          {"server-cpus", '\0', true},
                                          {"generator-cpus", '\0', true},
                                          {"duration", 'd', true},
                                          {"warmup", '\0', true},
                                          {"html", '\0', true},
                                          {"markdown", '\0', true},
                                          {"no-store"}},
                                         kUsage, out, err, exitCode);
    if (!parsed) return exitCode;
    if (parsed->positionals().size() != 1) return usageError(err, "give exactly one PROJECT", kUsage);
    auto servers = chosenServers(*parsed);
    if (const auto* e = std::get_if<std::string>(&servers)) return usageError(err, *e, kUsage);
    std::optional<model::Duration> duration;
    std::optional<model::Duration> warmup;
    if (const auto text = parsed->value("duration")) {
        duration = model::parseDuration(*text);
        if (!duration || duration->count() <= 0)
            return usageError(err, "--duration wants a duration such as 10s", kUsage);
    }
    if (const auto text = parsed->value("warmup")) {
        warmup = model::parseDuration(*text);
        if (!warmup || warmup->count() < 0)
            return usageError(err, "--warmup wants a duration such as 2s", kUsage);
    }
    session::DesignServer design;
    std::vector<int> generatorCpus;
    if (auto e = cpuOptions(*parsed, design.serverCpus, generatorCpus)) return usageError(err, *e, kUsage);
    const std::string& file = parsed->positionals().front();
    const std::optional<model::Project> project = loadProjectOrReport(file, err);
    if (!project) return kExitError;
    std::vector<std::string> names = parsed->values("scenario");
    if (names.empty()) names = session::defaultComparisonScenarios(*project);
    auto planned =
        session::comparisonRuns(*project, names, std::get<std::vector<model::ServerChoice>>(servers));
    if (const auto* e = std::get_if<std::string>(&planned)) {
        err << "loadstar compare-frameworks: " << file << ": " << *e << "\n";
        return kExitError;
    }
    std::vector<model::Scenario>& runs = std::get<std::vector<model::Scenario>>(planned);

    std::error_code ec;
    design.binary = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    design.projectFile = file;
    std::vector<results::RunResult> results;
    int failures = 0;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        model::Scenario scenario = runs[i];
        if (duration) {
            scenario.duration = *duration;
            scenario.stages.clear();
        }
        if (warmup) scenario.warmup = *warmup;
        out << "[" << i + 1 << "/" << runs.size() << "] " << scenario.name << " on "
            << model::describe(scenario.server) << ": " << std::flush;
        auto prepared = session::ScenarioSession::prepare(*project, scenario, design);
        if (const auto* e = std::get_if<std::string>(&prepared)) {
            out << "not run\n";
            err << "loadstar compare-frameworks: " << *e << "\n";
            ++failures;
            continue;
        }
        auto& session = *std::get<std::unique_ptr<session::ScenarioSession>>(prepared);
        pinGenerator(generatorCpus, err, "compare-frameworks");
        if (auto failure = session.start()) {
            out << "not run\n";
            err << "loadstar compare-frameworks: " << *failure << "\n";
            ++failures;
            continue;
        }
        driveRun(session.runner(), isTerminal(err) ? &err : nullptr);
        results.push_back(session.finish());
        const results::RunResult& result = results.back();
        if (const auto cell = report::FrameworkCell::of(result)) out << cellLine(*cell) << "\n";
        if (!parsed->has("no-store")) {
            const auto stored = results::storeRunResult(result, file);
            if (const auto* e = std::get_if<std::string>(&stored))
                err << "loadstar compare-frameworks: cannot store the result: " << *e << "\n";
        }
        if (result.interrupted) {
            out << "interrupted: the remaining " << runs.size() - i - 1 << " runs are skipped\n";
            break;
        }
    }
    const std::vector<report::FrameworkCell> cells = report::frameworkCells(results);
    out << "\n" << report::frameworkTableMarkdown(cells);
    int status = failures == 0 ? kExitOk : kExitProblems;
    report::ReportOptions options;
    options.project = project->name;
    const auto write = [&](const std::optional<std::string>& path, const std::string& text) {
        if (!path) return;
        const auto written = model::writeFileAtomically(*path, text);
        if (const auto* e = std::get_if<model::ProjectError>(&written)) {
            err << "loadstar compare-frameworks: " << e->toString() << "\n";
            status = kExitError;
        } else {
            out << "  report: " << *path << "\n";
        }
    };
    write(parsed->value("html"), report::frameworkReportHtml(results, options));
    write(parsed->value("markdown"), report::frameworkTableMarkdown(cells));
    if (results.empty()) return kExitError;
    return status;
}

}  // namespace loadstar::cli
