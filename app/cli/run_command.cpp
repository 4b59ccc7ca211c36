#include "app/cli/run_command.h"

#include <cmath>
#include <cstdio>
#include <ostream>

#include "app/cli/arguments.h"
#include "app/cli/cli.h"
#include "app/cli/dry_run.h"
#include "app/cli/load_command.h"
#include "app/cli/project_loading.h"
#include "app/cli/server_options.h"
#include "engine/engines/locust_run.h"
#include "engine/load/scenario_plan.h"
#include "engine/model/duration.h"
#include "engine/model/project_file.h"
#include "engine/model/target_url.h"
#include "engine/report/report_files.h"
#include "engine/results/run_result.h"
#include "engine/server/server_process.h"
#include "engine/session/scenario_session.h"
#include "engine/stats/units.h"

namespace loadstar::cli {

namespace {

constexpr const char* kUsage =
    "usage: loadstar run PROJECT --scenario NAME [options]\n"
    "\n"
    "Runs one of the project's load scenarios and prints a summary. The result is stored\n"
    "beside the project in PROJECT.runs/ (one JSON file per run).\n"
    "\n"
    "  -s, --scenario NAME   the scenario to run\n"
    "      --target URL      drive this base URL instead of the scenario's target\n"
    "      --server S        which server answers when the target is the design:\n"
    "                        embedded (Loadstar's own, as the project's server settings say),\n"
    "                        fastapi (the design generated as a FastAPI app, under uvicorn) or\n"
    "                        flask (generated as a Flask app, under gunicorn)\n"
    "      --workers N       uvicorn or gunicorn worker processes (1 to 64) for fastapi or\n"
    "                        flask (with --engine locust and the embedded server: Locust's)\n"
    "      --worker-class C  gunicorn's worker class for flask: sync or gthread\n"
    "      --threads N       threads per gthread worker (1 to 256)\n"
    "      --server-cpus L   pin a server started for the run to these CPUs (e.g. 0)\n"
    "      --generator-cpus L  pin the load generator to these CPUs (e.g. 1)\n"
    "      --duration D      run this long instead (replaces the stages)\n"
    "      --vus N           closed loop with N virtual users instead\n"
    "      --rate R          open loop at R requests/s instead\n"
    "  -k, --insecure        accept any TLS certificate (self-signed local servers)\n"
    "      --allow-remote HOST  allow load to HOST, outside this machine (by default load\n"
    "                        goes only to loopback: 127.0.0.0/8, ::1)\n"
    "      --dry-run         resolve the target and print what would be sent (host, addresses,\n"
    "                        rate, duration, requests), then exit without sending anything\n"
    "      --json FILE       also write the result (RunResult JSON) to FILE\n"
    "      --html FILE       write a report to FILE (self-contained HTML, prints well)\n"
    "      --csv FILE        write the time series to FILE and the per-endpoint summary\n"
    "                        to FILE with .endpoints before its extension\n"
    "      --junit FILE      write the thresholds as JUnit XML test cases for CI\n"
    "      --hdr FILE        write the HdrHistogram percentile distribution (ms)\n"
    "      --no-store        do not store the result beside the project\n"
    "\n"
    "      --engine E        native (Loadstar's own engine, the default) or locust: Locust's\n"
    "                        master and workers, for load from several machines\n"
    "      --locust-workers N  locust: start N workers here, the master waits for them\n"
    "                        (default: the scenario's locust_workers, else 1); --workers\n"
    "                        means the same when no --server fastapi|flask is chosen\n"
    "      --remote-workers M  locust: the master also waits for M workers from other\n"
    "                        machines; the command they run to join is printed\n"
    "      --master-bind H:P locust: where the master listens for workers (default\n"
    "                        127.0.0.1 on a free port; 0.0.0.0:5557 lets other machines in)\n"
    "      --locust-dir DIR  locust: keep the locustfile, Locust's CSV files and logs in DIR\n"
    "\n"
    "The generated apps are kept in ~/.cache/loadstar/apps (LOADSTAR_APP_CACHE) and run by\n"
    "/usr/bin/python3 (LOADSTAR_PYTHON). Any server started for the run is stopped with all\n"
    "its processes when the run ends.\n"
    "\n"
    "Exit status: 0 thresholds passed, 1 a threshold failed, 2 error.\n"
    "Ctrl-C ends the run early; the result is still printed and stored.\n";

std::string latencyText(std::int64_t us) {
    return stats::formatLatency(static_cast<double>(us));
}

std::string dotted(const std::string& name, std::size_t width) {
    std::string s = name;
    if (s.size() < width) s += std::string(width - s.size(), '.');
    return s + ": ";
}

std::string latencyLine(const stats::LatencySummary& l) {
    return "avg=" + stats::formatLatency(l.mean) + " min=" + latencyText(l.min) +
           " med=" + latencyText(l.p50) + " max=" + latencyText(l.max) + " p(90)=" + latencyText(l.p90) +
           " p(95)=" + latencyText(l.p95) + " p(99)=" + latencyText(l.p99) +
           " p(99.9)=" + latencyText(l.p999);
}

std::string describe(const model::Scenario& s) {
    std::string text = s.executor == model::Executor::Closed ? "closed loop, " : "open loop, ";
    if (!s.stages.empty()) {
        text += std::to_string(s.stages.size()) + " stages";
    } else if (s.executor == model::Executor::Closed) {
        text += std::to_string(s.vus) + " virtual users, " + model::formatDuration(s.duration);
    } else {
        char rate[32];
        std::snprintf(rate, sizeof rate, "%g", s.rate);
        text += std::string(rate) + " requests/s, " + model::formatDuration(s.duration);
    }
    if (s.warmup.count() > 0) text += ", warm-up " + model::formatDuration(s.warmup);
    return text;
}

void printSummary(const results::RunResult& r, std::ostream& out) {
    const stats::Summary& o = r.overall;
    constexpr std::size_t kWidth = 34;
    out << "\n";
    for (const stats::ThresholdResult& t : r.thresholds) {
        out << "     " << (t.passed ? "\u2713 " : "\u2717 ") << t.text << "  (" << t.measuredText << ")\n";
    }
    if (!r.thresholds.empty()) out << "\n";
    out << "     " << dotted("http_req_duration", kWidth) << latencyLine(o.latency) << "\n";
    if (r.executor == model::Executor::Open) {
        out << "     " << dotted("http_req_duration (uncorrected)", kWidth) << latencyLine(o.uncorrected)
            << "\n";
    }
    char line[256];
    std::snprintf(line, sizeof line, "%.2f%%  %llu of %llu", o.errorRate * 100,
                  static_cast<unsigned long long>(o.errors), static_cast<unsigned long long>(o.requests));
    out << "     " << dotted("http_req_failed", kWidth) << line << "\n";
    std::snprintf(line, sizeof line, "%llu  %.1f/s", static_cast<unsigned long long>(o.requests), o.rps);
    out << "     " << dotted("http_reqs", kWidth) << line << "\n";
    const double seconds = o.seconds > 0 ? o.seconds : 1;
    out << "     " << dotted("data_received", kWidth) << stats::formatBytes(static_cast<double>(o.bytesIn))
        << "  " << stats::formatBytes(static_cast<double>(o.bytesIn) / seconds) << "/s\n";
    out << "     " << dotted("data_sent", kWidth) << stats::formatBytes(static_cast<double>(o.bytesOut))
        << "  " << stats::formatBytes(static_cast<double>(o.bytesOut) / seconds) << "/s\n";
    if (r.executor == model::Executor::Open) {
        out << "     " << dotted("dropped_iterations", kWidth) << o.dropped << "\n";
    }
    if (o.expectedRejections > 0) {
        out << "     " << dotted("expected_rejections (invalid sent)", kWidth) << o.expectedRejections
            << "\n";
    }
    std::string statuses;
    for (const auto& [code, count] : r.statusCounts())
        statuses += std::to_string(code) + "=" + std::to_string(count) + " ";
    out << "     " << dotted("status_codes", kWidth) << (statuses.empty() ? "none" : statuses) << "\n";
    std::string errors;
    for (std::size_t i = 0; i < stats::kErrorClassCount; ++i) {
        if (o.errorsByClass[i] == 0) continue;
        errors += std::string(stats::toString(static_cast<stats::ErrorClass>(i))) + "=" +
                  std::to_string(o.errorsByClass[i]) + " ";
    }
    if (!errors.empty()) out << "     " << dotted("errors_by_class", kWidth) << errors << "\n";
    int maxOpen = 0;
    for (const auto& p : r.series)
        maxOpen = std::max(maxOpen, p->openConnections);
    out << "     " << dotted("connections_max", kWidth) << maxOpen << "\n";
    if (r.endpoints.size() > 1) {
        out << "\n     per endpoint:\n";
        for (const results::EndpointResult& e : r.endpoints) {
            const stats::Summary& s = e.summary;
            std::snprintf(line, sizeof line,
                          "       %-24s %8llu req  %9.1f/s  p50=%-9s p95=%-9s p99=%-9s errors=%llu\n",
                          e.id.c_str(), static_cast<unsigned long long>(s.requests), s.rps,
                          latencyText(s.latency.p50).c_str(), latencyText(s.latency.p95).c_str(),
                          latencyText(s.latency.p99).c_str(), static_cast<unsigned long long>(s.errors));
            out << line;
        }
    }
    if (r.interrupted) out << "\n     interrupted: stopped early; the figures cover the time it ran\n";
}

// Applies --server, --workers, --worker-class and --threads to the scenario's
// server choice; the message for a usage error.
std::optional<std::string> chooseServer(const Arguments& args, model::Scenario& scenario) {
    model::ServerChoice& choice = scenario.server;
    if (const auto text = args.value("server")) {
        if (args.has("target")) return "--server chooses the design's server; it cannot go with --target";
        if (scenario.target.kind != model::Target::Kind::Embedded) {
            return "--server chooses the design's server; scenario \"" + scenario.name + "\" drives " +
                   scenario.target.url;
        }
        const auto kind = model::parseServerKind(*text);
        if (!kind) return "--server wants embedded, fastapi or flask";
        choice.kind = *kind;
    }
    const auto count = [&args](const char* option, int max, int& into) -> std::optional<std::string> {
        std::string error;
        if (const auto n = args.count(option, 1, max, error)) into = *n;
        return error.empty() ? std::nullopt : std::optional<std::string>(error);
    };
    const bool framework =
        scenario.target.kind == model::Target::Kind::Embedded && choice.kind != model::ServerKind::Embedded;
    if (framework) {  // else --workers is Locust's (applyEngineOptions)
        if (auto e = count("workers", model::kMaxServerWorkers, choice.workers)) return e;
    }
    if (auto e = count("threads", model::kMaxWorkerThreads, choice.threads)) return e;
    if (const auto text = args.value("worker-class")) {
        const auto workerClass = model::parseWorkerClass(*text);
        if (!workerClass) return "--worker-class wants sync or gthread";
        choice.workerClass = *workerClass;
    }
    if ((args.has("worker-class") || args.has("threads")) &&
        (!framework || choice.kind != model::ServerKind::Flask))
        return "--worker-class and --threads apply to --server flask";
    return std::nullopt;
}

std::string describeServer(const session::ScenarioSession& session) {
    const auto& described = session.serverUnderTest();
    if (!described) return {};
    std::string text = " (" + model::describe(described->choice);
    if (const auto* p = session.launchedServer()) text += ", pid " + std::to_string(p->pid());
    if (const auto* p = session.frameworkServer()) text += ", pid " + std::to_string(p->pid());
    if (described->startSeconds) {
        char started[64];
        std::snprintf(started, sizeof started, ", answered %.2f s after its start", *described->startSeconds);
        text += started;
    }
    return text + ")";
}

// The server's CPU and memory over the measured ticks (all its processes), and
// how it started: the cold figures.
void printServerUsage(const results::RunResult& r, std::ostream& out) {
    double cpu = 0;
    std::uint64_t rss = 0;
    int ticks = 0;
    for (const auto& p : r.series) {
        if (p->stage < 0 || !p->resources.target || !p->resources.target->alive) continue;
        cpu += p->resources.target->cpuPercent;
        rss = std::max(rss, p->resources.target->rssBytes);
        ++ticks;
    }
    char line[128];
    std::snprintf(line, sizeof line, "%.0f%% of a core on average, RSS max %s", ticks > 0 ? cpu / ticks : 0.0,
                  stats::formatBytes(static_cast<double>(rss)).c_str());
    out << "     " << dotted("server_resources", 34) << line << "\n";
    if (r.serverUnderTest && r.serverUnderTest->startSeconds) {
        std::snprintf(line, sizeof line, "%.2f s from its start to the first answer",
                      *r.serverUnderTest->startSeconds);
        out << "     " << dotted("server_cold_start", 34) << line << "\n";
    }
    if (r.warmup && r.warmup->requests > 0) {
        out << "     " << dotted("http_req_duration (warm-up)", 34) << latencyLine(r.warmup->latency) << "\n";
    }
}

// The line that says how to give consent, when `failure` is the loopback refusal.
std::string remoteHint(const std::string& failure, const std::string& host) {
    if (failure.find(model::kLoopbackOnly) == std::string::npos) return {};
    return remoteConsentHint(host);
}

// The host of the scenario's target URL; empty when it does not parse.
std::string targetHost(const model::Scenario& scenario) {
    const auto url = model::parseTargetUrl(scenario.target.url);
    const auto* parsed = std::get_if<model::TargetUrl>(&url);
    return parsed ? parsed->host : std::string();
}

// A URL target whose literal address is outside loopback and not allowed, refused
// before anything starts (a name is checked when the run resolves it).
std::optional<std::string> literalRefusal(const model::Scenario& scenario) {
    const auto url = model::parseTargetUrl(scenario.target.url);
    if (std::holds_alternative<std::string>(url)) return std::nullopt;  // prepare() reports it
    const std::string& host = std::get<model::TargetUrl>(url).host;
    const auto refusal = model::loopbackRefusal(host, scenario.allowRemote);
    if (!refusal) return std::nullopt;
    return "target \"" + scenario.target.url + "\": " + *refusal + "\n" + remoteHint(*refusal, host);
}

int dryRunScenario(const model::Project& project, const model::Scenario& scenario,
                   const std::string& allowedBy, std::ostream& out, std::ostream& err) {
    DryRun dryRun;
    dryRun.allowedBy = allowedBy;
    std::string urlText = scenario.target.url;
    if (scenario.target.kind == model::Target::Kind::Embedded) {
        dryRun.designServer = true;
        dryRun.targetText = scenario.server.kind == model::ServerKind::Embedded
                                ? "the design, served by `loadstar serve` on a free loopback port for the run"
                                : "the design, generated as " + model::describe(scenario.server) +
                                      " and started on a free loopback port for the run";
        urlText = "http://127.0.0.1/";
    } else {
        dryRun.targetText = scenario.target.url;
    }
    const auto url = model::parseTargetUrl(urlText);
    if (const auto* e = std::get_if<std::string>(&url)) {
        err << "loadstar run: target \"" << urlText << "\": " << *e << "\n";
        return kExitError;
    }
    auto plan = load::buildRequestPlan(project, scenario, std::get<model::TargetUrl>(url), 1);
    if (const auto* e = std::get_if<std::string>(&plan)) {
        err << "loadstar run: scenario \"" << scenario.name << "\": " << *e << "\n";
        return kExitError;
    }
    dryRun.options = load::LoadOptions::of(scenario, std::get<model::TargetUrl>(url));
    dryRun.plan = &std::get<load::RequestPlan>(plan);
    dryRun.scenarioText = scenario.name + " (" + describe(scenario) + ")";
    return printDryRun(dryRun, "run", out, err);
}

// --engine and the Locust options; the error text, or nullopt.
std::optional<std::string> applyEngineOptions(const Arguments& args, model::Scenario& scenario,
                                              session::LocustSettings& locust) {
    if (const auto engine = args.value("engine")) {
        const auto parsed = model::parseLoadEngine(*engine);
        if (!parsed) return "--engine wants native or locust";
        scenario.engine = *parsed;
    }
    const bool byLocust = scenario.engine == model::LoadEngine::Locust;
    // --workers is the generated app's server's when there is one (chooseServer).
    const bool serverWorkers = scenario.target.kind == model::Target::Kind::Embedded &&
                               scenario.server.kind != model::ServerKind::Embedded;
    const char* workersOption = args.has("locust-workers") || serverWorkers ? "locust-workers" : "workers";
    if (args.has("locust-workers") && args.has("workers") && !serverWorkers)
        return std::string("give --locust-workers or --workers, not both");
    for (const char* option : {workersOption, "remote-workers", "master-bind", "locust-dir"}) {
        if (!args.has(option) || byLocust) continue;
        if (option == std::string_view("workers")) {
            return "--workers is for --engine locust or --server fastapi|flask (the embedded server's "
                   "concurrency is in the project's server settings)";
        }
        return std::string("--") + option + " is for --engine locust";
    }
    std::string error;
    if (const auto n = args.count(workersOption, 0, 1024, error)) locust.localWorkers = *n;
    if (!error.empty()) return error;
    const int local = locust.localWorkers >= 0 ? locust.localWorkers : scenario.locustWorkers;
    if (const auto n = args.count("remote-workers", 0, 1024, error)) locust.expectedWorkers = local + *n;
    if (!error.empty()) return error;
    if (const auto bind = args.value("master-bind")) {
        const std::size_t colon = bind->rfind(':');
        int port = -1;
        try {
            std::size_t used = 0;
            port = colon == std::string::npos ? -1 : std::stoi(bind->substr(colon + 1), &used);
            if (used != bind->size() - colon - 1) port = -1;
        } catch (const std::exception&) {
        }
        if (colon == 0 || port < 0 || port > 65535)
            return std::string("--master-bind wants HOST:PORT, e.g. 0.0.0.0:5557");
        locust.masterBindHost = bind->substr(0, colon);
        locust.masterBindPort = port;
    }
    if (const auto dir = args.value("locust-dir")) locust.workDir = *dir;
    return std::nullopt;
}

void printLocustStart(const session::ScenarioSession& session, const session::LocustSettings& settings,
                      std::ostream& out) {
    const engines::LocustRun& run = *session.locust();
    out << "  engine:   Locust, " << run.pids().size() - 1 << " local worker(s); files in "
        << run.workDir().string() << "\n";
    if (run.workerCommand().empty()) return;
    const bool loopback =
        settings.masterBindHost.starts_with("127.") || settings.masterBindHost == "localhost";
    if (loopback) {
        out << "  workers:  the master listens on " << settings.masterBindHost
            << " only; with --master-bind 0.0.0.0:5557 workers on other machines can join\n";
    } else {
        out << "  join:     on another machine, copy " << run.locustfile().string()
            << " and locustfile.data.json beside it, then run:\n"
            << "              " << run.workerCommand() << "\n";
    }
    out << std::flush;
}

// Starts the session and follows it to its end with either engine; the result,
// or nullopt after printing why there is none.
std::optional<results::RunResult> runSession(session::ScenarioSession& session,
                                             const session::LocustSettings& locust, std::ostream& out,
                                             std::ostream& err) {
    if (auto failure = session.start()) {
        err << "loadstar run: " << *failure << "\n" << remoteHint(*failure, targetHost(session.scenario()));
        return std::nullopt;
    }
    if (!session.usesLocust()) {
        driveRun(session.runner(), isTerminal(err) ? &err : nullptr);
        return session.finish();
    }
    printLocustStart(session, locust, out);
    driveUntilFinished(
        {[&session] { return session.finished(); }, [&session] { session.stop(); },
         [&session] { return session.snapshot(); }, [&session] { return session.waitingText(); }},
        isTerminal(err) ? &err : nullptr);
    auto outcome = session.end();
    if (const auto* e = std::get_if<std::string>(&outcome)) {
        err << "loadstar run: " << *e << "\n";
        return std::nullopt;
    }
    return std::move(std::get<results::RunResult>(outcome));
}

// The scenario called `name`, or null after saying which scenarios there are.
const model::Scenario* findScenario(const model::Project& project, const std::string& file,
                                    const std::string& name, std::ostream& err) {
    const model::Scenario* found = project.scenario(name);
    if (found != nullptr) return found;
    err << "loadstar run: " << file << " has no scenario \"" << name << "\"";
    if (!project.scenarios.empty()) {
        err << "; it has:";
        for (const model::Scenario& s : project.scenarios)
            err << " " << s.name;
    }
    err << "\n";
    return nullptr;
}

// The command line's overrides replace the scenario's own values for a quick run;
// the usage error of one that is wrong.
std::optional<std::string> applyOverrides(const Arguments& args, model::Scenario& scenario) {
    if (const auto url = args.value("target")) {
        scenario.target.kind = model::Target::Kind::Url;
        scenario.target.url = *url;
    }
    if (args.has("insecure")) scenario.target.insecureTls = true;
    if (const auto text = args.value("duration")) {
        const auto d = model::parseDuration(*text);
        if (!d || d->count() <= 0) return "--duration wants a duration such as 30s";
        scenario.duration = *d;
        scenario.stages.clear();
    }
    auto positive = [](const std::string& text) -> std::optional<double> {
        try {
            std::size_t used = 0;
            const double v = std::stod(text, &used);
            if (used != text.size() || !(v > 0) || !std::isfinite(v)) return std::nullopt;
            return v;
        } catch (const std::exception&) {
            return std::nullopt;
        }
    };
    if (const auto text = args.value("vus")) {
        const auto v = positive(*text);
        if (!v || *v > 100000 || std::floor(*v) != *v) return "--vus wants a count from 1 to 100000";
        scenario.executor = model::Executor::Closed;
        scenario.vus = static_cast<int>(*v);
        scenario.stages.clear();
    }
    if (const auto text = args.value("rate")) {
        const auto v = positive(*text);
        if (!v) return "--rate wants requests per second above 0";
        scenario.executor = model::Executor::Open;
        scenario.rate = *v;
        scenario.stages.clear();
    }
    return std::nullopt;
}

// Stores the result (unless --no-store) and writes the reports asked for; the exit
// status: the thresholds' verdict, or an error when something could not be written.
int keepResult(const results::RunResult& result, const Arguments& args, const model::Project& project,
               const std::string& file, std::ostream& out, std::ostream& err) {
    int status = result.thresholdsPassed ? kExitOk : kExitProblems;
    if (!args.has("no-store")) {
        const auto stored = results::storeRunResult(result, file);
        if (const auto* e = std::get_if<std::string>(&stored)) {
            err << "loadstar run: cannot store the result: " << *e << "\n";
            status = kExitError;
        } else {
            out << "\n  result: " << std::get<std::filesystem::path>(stored).string() << "\n";
        }
    }
    report::ReportFiles files;
    files.json = args.value("json");
    files.html = args.value("html");
    files.csv = args.value("csv");
    files.junit = args.value("junit");
    files.hdr = args.value("hdr");
    if (files.any()) {
        report::ReportOptions options;
        options.project = project.name;
        const report::WrittenReports written = report::writeReports({result}, files, options);
        for (const std::string& e : written.errors)
            err << "loadstar run: " << e << "\n";
        if (!written.errors.empty()) status = kExitError;
        for (const std::string& f : written.files)
            out << "  report: " << f << "\n";
    }
    if (!result.thresholds.empty()) {
        std::size_t failed = 0;
        for (const auto& t : result.thresholds)
            failed += t.passed ? 0u : 1u;
        out << "  thresholds: "
            << (failed == 0
                    ? "all " + std::to_string(result.thresholds.size()) + " passed"
                    : std::to_string(failed) + " of " + std::to_string(result.thresholds.size()) + " failed")
            << "\n";
    }
    return status;
}

}  // namespace

int runRun(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    int exitCode = kExitOk;
    const auto parsed = parseCommandLine(args,
                                         {{"scenario", 's', true},
                                          {"target", '\0', true},
                                          {"server", '\0', true},
                                          {"workers", '\0', true},
                                          {"worker-class", '\0', true},
                                          {"threads", '\0', true},
                                          {"server-cpus", '\0', true},
                                          {"generator-cpus", '\0', true},
                                          {"duration", 'd', true},
                                          {"vus", '\0', true},
                                          {"rate", '\0', true},
                                          {"json", '\0', true},
                                          {"html", '\0', true},
                                          {"csv", '\0', true},
                                          {"junit", '\0', true},
                                          {"hdr", '\0', true},
                                          {"insecure", 'k'},
                                          {"allow-remote", '\0', true},
                                          {"dry-run"},
                                          {"no-store"},
                                          {"engine", '\0', true},
                                          {"locust-workers", '\0', true},
                                          {"remote-workers", '\0', true},
                                          {"master-bind", '\0', true},
                                          {"locust-dir", '\0', true}},
                                         kUsage, out, err, exitCode);
    if (!parsed) return exitCode;
    if (parsed->positionals().size() != 1) return usageError(err, "give exactly one PROJECT", kUsage);
    if (!parsed->has("scenario"))
        return usageError(err, "give the scenario to run with --scenario NAME", kUsage);
    if (parsed->has("vus") && parsed->has("rate"))
        return usageError(err, "give --vus or --rate, not both", kUsage);
    const std::string& file = parsed->positionals().front();
    const std::optional<model::Project> project = loadProjectOrReport(file, err);
    if (!project) return kExitError;
    const model::Scenario* found = findScenario(*project, file, *parsed->value("scenario"), err);
    if (found == nullptr) return kExitError;

    model::Scenario scenario = *found;
    if (auto failure = applyOverrides(*parsed, scenario)) return usageError(err, *failure, kUsage);
    if (auto e = chooseServer(*parsed, scenario)) return usageError(err, *e, kUsage);
    session::LocustSettings locust;
    if (auto failure = applyEngineOptions(*parsed, scenario, locust))
        return usageError(err, *failure, kUsage);
    session::DesignServer design;
    std::vector<int> generatorCpus;
    if (auto e = cpuOptions(*parsed, design.serverCpus, generatorCpus)) return usageError(err, *e, kUsage);
    // The command line's consent replaces the one stored in the scenario.
    if (const auto host = parsed->value("allow-remote")) scenario.allowRemote = *host;
    const std::string allowedBy =
        parsed->has("allow-remote") ? "--allow-remote" : "the scenario's allow_remote";
    if (parsed->has("dry-run")) return dryRunScenario(*project, scenario, allowedBy, out, err);
    if (scenario.target.kind == model::Target::Kind::Url) {
        if (auto refusal = literalRefusal(scenario)) {
            err << "loadstar run: " << *refusal;
            return kExitError;
        }
    }
    if (scenario.target.kind == model::Target::Kind::Embedded) {
        std::error_code ec;
        design.binary = std::filesystem::read_symlink("/proc/self/exe", ec).string();
        design.projectFile = file;
    }
    auto prepared = session::ScenarioSession::prepare(*project, scenario, design, locust);
    if (const auto* e = std::get_if<std::string>(&prepared)) {
        err << "loadstar run: " << *e << "\n" << remoteHint(*e, targetHost(scenario));
        return kExitError;
    }
    session::ScenarioSession& session = *std::get<std::unique_ptr<session::ScenarioSession>>(prepared);

    const std::string host = targetHost(session.scenario());
    const bool remote =
        !host.empty() && !scenario.allowRemote.empty() && model::sameHost(host, scenario.allowRemote);
    out << "\n  scenario: " << scenario.name << " (" << describe(scenario) << ")\n"
        << "  target:   " << session.scenario().target.url << describeServer(session)
        << (remote ? " (a host outside loopback, allowed by " + allowedBy + ")" : std::string()) << "\n"
        << std::flush;
    pinGenerator(generatorCpus, err, "run");
    std::optional<results::RunResult> ended = runSession(session, locust, out, err);
    if (!ended) return kExitError;
    const bool servedDesign = session.targetsDesign();
    const results::RunResult result = std::move(*ended);
    printSummary(result, out);
    if (servedDesign) printServerUsage(result, out);
    for (const std::string& note : result.engine.notes)
        out << "     note: " << note << "\n";
    return keepResult(result, *parsed, *project, file, out, err);
}

}  // namespace loadstar::cli
