#include "app/cli/load_command.h"

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <ostream>
#include <thread>
#include <unistd.h>
#include <variant>

#include "app/cli/arguments.h"
#include "app/cli/cli.h"
#include "app/cli/dry_run.h"
#include "app/cli/project_loading.h"
#include "engine/model/duration.h"
#include "engine/model/project_file.h"
#include "engine/results/run_result.h"
#include "engine/stats/units.h"

namespace loadstar::cli {

namespace {

constexpr const char* kUsage =
    "usage: loadstar load URL [options]\n"
    "\n"
    "Ad-hoc HTTP/1.1 load against one URL, reported like wrk. Without -R it is a closed\n"
    "loop (each connection sends its next request when the answer arrives); with -R it is an\n"
    "open loop at that rate, latency measured from when each request was due\n"
    "(coordinated omission corrected), the uncorrected figures shown beside.\n"
    "\n"
    "  -c, --connections N   connections (closed loop) or the most to open (-R); default 50\n"
    "  -d, --duration D      how long: 10s, 1m, 500ms; default 10s\n"
    "  -t, --threads N       I/O threads; default 1\n"
    "  -R, --rate R          open loop at R requests per second\n"
    "  -n, --requests N      stop after N requests\n"
    "  -H, --header 'K: V'   add a header (repeatable)\n"
    "  -m, --method M        request method; default GET\n"
    "      --body TEXT       request body (sent as JSON unless -H sets Content-Type)\n"
    "      --timeout D       per-request timeout, really cancelled; default 2s\n"
    "      --warmup D        run this long first without recording\n"
    "  -k, --insecure        accept any TLS certificate (self-signed local servers)\n"
    "      --latency         print the latency distribution\n"
    "      --hdr FILE        write the percentile distribution (HdrHistogram text format)\n"
    "      --json FILE       write the full result as JSON\n"
    "      --pid PID         also sample this process (the server) each tick: CPU, RSS\n"
    "      --allow-remote HOST  allow load to HOST, outside this machine (by default load\n"
    "                        goes only to loopback: 127.0.0.0/8, ::1)\n"
    "      --dry-run         resolve the URL and print what would be sent (host, addresses,\n"
    "                        rate, duration, requests), then exit without sending anything\n"
    "\n"
    "Ctrl-C ends the run early and still prints what was measured.\n";

std::atomic<bool> interrupted{false};

extern "C" void onInterrupt(int) {
    interrupted.store(true);
}

std::string formatMetric(double n) {
    char b[32];
    if (n >= 1e6) {
        std::snprintf(b, sizeof b, "%.2fM", n / 1e6);
    } else if (n >= 1e3) {
        std::snprintf(b, sizeof b, "%.2fk", n / 1e3);
    } else {
        std::snprintf(b, sizeof b, "%.2f", n);
    }
    return b;
}

std::string pad(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

struct Spread {
    double mean = 0;
    double stdev = 0;
    double max = 0;
    double withinStdev = 0;  // % of samples within mean +- stdev
};

Spread spreadOf(const std::vector<double>& values) {
    Spread s;
    if (values.empty()) return s;
    for (const double v : values) {
        s.mean += v;
        s.max = std::max(s.max, v);
    }
    s.mean /= static_cast<double>(values.size());
    for (const double v : values)
        s.stdev += (v - s.mean) * (v - s.mean);
    s.stdev = values.size() > 1 ? std::sqrt(s.stdev / static_cast<double>(values.size() - 1)) : 0;
    std::size_t within = 0;
    for (const double v : values)
        within += std::abs(v - s.mean) <= s.stdev ? 1u : 0u;
    s.withinStdev = 100.0 * static_cast<double>(within) / static_cast<double>(values.size());
    return s;
}

// Average CPU and peak RSS over the measured ticks, for the generator itself and
// the sampled target process when there is one.
void printResources(const results::RunResult& r, std::ostream& out) {
    struct Usage {
        double cpu = 0;
        std::uint64_t rss = 0;
        int ticks = 0;
    };
    Usage self;
    Usage target;
    bool targetGone = false;
    for (const auto& p : r.series) {
        if (p->stage < 0) continue;
        self.cpu += p->resources.self.cpuPercent;
        self.rss = std::max(self.rss, p->resources.self.rssBytes);
        ++self.ticks;
        if (p->resources.target) {
            targetGone = targetGone || !p->resources.target->alive;
            target.cpu += p->resources.target->cpuPercent;
            target.rss = std::max(target.rss, p->resources.target->rssBytes);
            ++target.ticks;
        }
    }
    char line[160];
    auto print = [&](const char* who, const Usage& u) {
        std::snprintf(line, sizeof line, "%s CPU %.0f%% of a core, RSS max %s\n", who,
                      u.ticks > 0 ? u.cpu / u.ticks : 0.0,
                      stats::formatBytes(static_cast<double>(u.rss)).c_str());
        out << line;
    };
    print("Generator:", self);
    if (target.ticks > 0) print("Target process:", target);
    if (targetGone) out << "Target process: exited during the run\n";
}

void printWrkReport(const results::RunResult& r, const load::LoadOptions& o, int connections, bool latency,
                    std::ostream& out) {
    const stats::RequestStats& all = r.overallStats;
    char line[256];
    // Thread stats, as wrk prints them: latency over all requests, Req/Sec per
    // thread over the ticks.
    const stats::LatencyHistogram& h = all.latency;
    const double mean = h.mean();
    const double sd = h.stddev();
    const double within = h.count() == 0
                              ? 0
                              : h.percentileBelowOrAt(static_cast<std::int64_t>(mean + sd)) -
                                    h.percentileBelowOrAt(static_cast<std::int64_t>(mean - sd) - 1);
    std::vector<double> perThread;
    for (const auto& p : r.series) {
        if (p->stage >= 0 && p->seconds > 0.05) perThread.push_back(p->overall.rps / std::max(1, o.threads));
    }
    const Spread rate = spreadOf(perThread);
    out << "  " << std::max(1, o.threads) << " threads and " << connections << " connections\n";
    out << "  Thread Stats   Avg      Stdev     Max   +/- Stdev\n";
    std::snprintf(line, sizeof line, "    %-10s%s%s%s%8.2f%%\n", "Latency",
                  pad(stats::formatLatency(mean), 8).c_str(), pad(stats::formatLatency(sd), 10).c_str(),
                  pad(stats::formatLatency(static_cast<double>(h.max())), 9).c_str(), within);
    out << line;
    std::snprintf(line, sizeof line, "    %-10s%s%s%s%8.2f%%\n", "Req/Sec",
                  pad(formatMetric(rate.mean), 8).c_str(), pad(formatMetric(rate.stdev), 10).c_str(),
                  pad(formatMetric(rate.max), 9).c_str(), rate.withinStdev);
    out << line;
    if (latency) {
        out << "  Latency Distribution\n";
        for (const double p : {50.0, 75.0, 90.0, 99.0, 99.9, 99.99}) {
            std::snprintf(line, sizeof line, "%7g%%%s\n", p,
                          pad(stats::formatLatency(static_cast<double>(h.valueAtPercentile(p))), 10).c_str());
            out << line;
        }
    }
    std::snprintf(line, sizeof line, "  %llu requests in %.2fs, %s read\n",
                  static_cast<unsigned long long>(all.responses), r.measuredSeconds,
                  stats::formatBytes(static_cast<double>(all.bytesIn)).c_str());
    out << line;
    using stats::ErrorClass;
    auto errors = [&](ErrorClass c) {
        return static_cast<unsigned long long>(all.errors[static_cast<std::size_t>(c)]);
    };
    if (all.transportErrors() > 0) {
        std::snprintf(line, sizeof line,
                      "  Socket errors: connect %llu, read %llu, write %llu, timeout %llu\n",
                      errors(ErrorClass::Connect), errors(ErrorClass::Read) + errors(ErrorClass::Protocol),
                      errors(ErrorClass::Write), errors(ErrorClass::Timeout));
        out << line;
        if (errors(ErrorClass::Protocol) > 0)
            out << "  Of the read errors, not HTTP: " << errors(ErrorClass::Protocol) << "\n";
    }
    const unsigned long long non2xx = errors(ErrorClass::Status4xx) + errors(ErrorClass::Status422) +
                                      errors(ErrorClass::Status5xx) + all.expectedRejections;
    if (non2xx > 0) out << "  Non-2xx or 3xx responses: " << non2xx << "\n";
    if (all.dropped > 0)
        out << "  Dropped sends (no connection free within the timeout): " << all.dropped << "\n";
    const double seconds = r.measuredSeconds > 0 ? r.measuredSeconds : 1;
    std::snprintf(line, sizeof line, "Requests/sec: %9.2f\n", static_cast<double>(all.requests()) / seconds);
    out << line;
    std::snprintf(line, sizeof line, "Transfer/sec: %10s\n",
                  stats::formatBytes(static_cast<double>(all.bytesIn) / seconds).c_str());
    out << line;
    const stats::LatencyHistogram& raw = all.uncorrected;
    if (o.executor == model::Executor::Open) {
        std::snprintf(line, sizeof line,
                      "Latency is measured from when each request was due (coordinated omission corrected).\n"
                      "  corrected:   p50 %s  p99 %s  max %s\n"
                      "  uncorrected: p50 %s  p99 %s  max %s  (from the actual send; hides queueing)\n",
                      stats::formatLatency(static_cast<double>(h.valueAtPercentile(50))).c_str(),
                      stats::formatLatency(static_cast<double>(h.valueAtPercentile(99))).c_str(),
                      stats::formatLatency(static_cast<double>(h.max())).c_str(),
                      stats::formatLatency(static_cast<double>(raw.valueAtPercentile(50))).c_str(),
                      stats::formatLatency(static_cast<double>(raw.valueAtPercentile(99))).c_str(),
                      stats::formatLatency(static_cast<double>(raw.max())).c_str());
        out << line;
    } else {
        out << "Note: closed loop: latency is measured from the actual send, so a stalling server slows the\n"
               "sending instead of showing in the percentiles (coordinated omission). Use -R RATE for an\n"
               "open loop with corrected latencies.\n";
    }
    printResources(r, out);
    if (r.interrupted) out << "Interrupted: the run was stopped early; figures cover the time it ran.\n";
}

}  // namespace

bool isTerminal(const std::ostream& err) {
    return &err == &std::cerr && ::isatty(STDERR_FILENO) == 1;
}

void driveUntilFinished(const RunDriver& run, std::ostream* progress) {
    interrupted.store(false);
    struct sigaction action {};
    struct sigaction previous {};
    struct sigaction previousTerm {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &previous);
    // SIGTERM (a CI job cancelled, `timeout`) ends the run the same way.
    ::sigaction(SIGTERM, &action, &previousTerm);
    bool stopSent = false;
    std::string lastStatus;
    while (!run.finished()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (interrupted.load() && !stopSent) {
            stopSent = true;
            run.stop();
        }
        if (progress == nullptr) continue;
        if (run.status) {
            const std::string status = run.status();
            if (!status.empty()) {
                if (status != lastStatus) *progress << "\r  " << status << std::string(40, ' ') << std::flush;
                lastStatus = status;
                continue;
            }
        }
        const auto s = run.snapshot();
        if (!s) continue;
        char line[200];
        const auto newest = s->newestTick();
        const stats::Summary& last = newest ? newest->overall : s->totals;
        std::snprintf(line, sizeof line,
                      "\r  %6.1fs / %.1fs  %-10s  %10llu req  %9.0f req/s  p99 %-9s  errors %llu  conns %d  ",
                      s->elapsed, s->total, load::toString(s->phase),
                      static_cast<unsigned long long>(s->totals.requests), last.rps,
                      stats::formatLatency(static_cast<double>(last.latency.p99)).c_str(),
                      static_cast<unsigned long long>(s->totals.errors), s->openConnections);
        *progress << line << std::flush;
    }
    if (progress != nullptr) *progress << "\r" << std::string(110, ' ') << "\r" << std::flush;
    ::sigaction(SIGINT, &previous, nullptr);
    ::sigaction(SIGTERM, &previousTerm, nullptr);
}

const load::RunOutput& driveRun(load::Runner& runner, std::ostream* progress) {
    driveUntilFinished({[&runner] { return runner.finished(); },
                        [&runner] { runner.stop(); },
                        [&runner] { return runner.snapshot(); },
                        {}},
                       progress);
    return runner.wait();
}

namespace {

// -H 'Name: value' options as headers; the error text for one without a name.
std::variant<load::HeaderList, std::string> headersFrom(const std::vector<std::string>& options) {
    load::HeaderList headers;
    for (const std::string& h : options) {
        const std::size_t colon = h.find(':');
        if (colon == std::string::npos || colon == 0) return "-H wants 'Name: value', got \"" + h + "\"";
        std::string value = h.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        headers.emplace_back(h.substr(0, colon), value);
    }
    return headers;
}

// --hdr (the latency percentile distribution) and --json (the run as stored).
int writeResultFiles(const results::RunResult& result, const std::optional<std::string>& hdrFile,
                     const std::optional<std::string>& jsonFile, std::ostream& err) {
    if (hdrFile) {
        std::ofstream hdr(*hdrFile, std::ios::trunc);
        hdr << result.overallStats.latency.percentileDistribution();
        if (!hdr) {
            err << "loadstar load: cannot write " << *hdrFile << "\n";
            return kExitError;
        }
    }
    if (jsonFile) {
        const auto written = model::writeFileAtomically(*jsonFile, result.toJson().dump(1) + "\n");
        if (const auto* e = std::get_if<model::ProjectError>(&written)) {
            err << "loadstar load: " << e->toString() << "\n";
            return kExitError;
        }
    }
    return kExitOk;
}

}  // namespace

int runLoad(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    int exitCode = kExitOk;
    const auto parsed = parseCommandLine(args,
                                         {{"connections", 'c', true},
                                          {"duration", 'd', true},
                                          {"threads", 't', true},
                                          {"rate", 'R', true},
                                          {"requests", 'n', true},
                                          {"header", 'H', true, true},
                                          {"method", 'm', true},
                                          {"body", '\0', true},
                                          {"timeout", '\0', true},
                                          {"warmup", '\0', true},
                                          {"insecure", 'k'},
                                          {"latency"},
                                          {"hdr", '\0', true},
                                          {"json", '\0', true},
                                          {"pid", '\0', true},
                                          {"allow-remote", '\0', true},
                                          {"dry-run"}},
                                         kUsage, out, err, exitCode);
    if (!parsed) return exitCode;
    if (parsed->positionals().size() != 1) return usageError(err, "give exactly one URL", kUsage);
    const std::string& urlText = parsed->positionals().front();
    auto url = model::parseTargetUrl(urlText);
    if (const auto* e = std::get_if<std::string>(&url)) return usageError(err, urlText + ": " + *e, kUsage);

    auto number = [&](const char* name, double fallback, double min) -> std::optional<double> {
        const auto text = parsed->value(name);
        if (!text) return fallback;
        try {
            std::size_t used = 0;
            const double v = std::stod(*text, &used);
            if (used != text->size() || v < min || !std::isfinite(v)) return std::nullopt;
            return v;
        } catch (const std::exception&) {
            return std::nullopt;
        }
    };
    auto duration = [&](const char* name, model::Duration fallback) -> std::optional<model::Duration> {
        const auto text = parsed->value(name);
        if (!text) return fallback;
        return model::parseDuration(*text);
    };
    const auto connections = number("connections", 50, 1);
    const auto threads = number("threads", 1, 1);
    const auto rate = number("rate", 0, 0);
    const auto requests = number("requests", 0, 0);
    const auto length = duration("duration", std::chrono::seconds(10));
    const auto timeout = duration("timeout", std::chrono::seconds(2));
    const auto warmup = duration("warmup", model::Duration{0});
    const auto pid = number("pid", 0, 1);
    if (!connections || *connections > 100000)
        return usageError(err, "-c wants a count from 1 to 100000", kUsage);
    if (!threads || *threads > 256) return usageError(err, "-t wants a count from 1 to 256", kUsage);
    if (!rate || (parsed->has("rate") && *rate <= 0))
        return usageError(err, "-R wants a rate above 0", kUsage);
    if (!requests) return usageError(err, "-n wants a count", kUsage);
    if (!length || length->count() <= 0) return usageError(err, "-d wants a duration such as 10s", kUsage);
    if (!timeout || timeout->count() <= 0)
        return usageError(err, "--timeout wants a duration such as 2s", kUsage);
    if (!warmup) return usageError(err, "--warmup wants a duration such as 2s", kUsage);
    if (!pid || std::floor(*pid) != *pid) return usageError(err, "--pid wants a process id", kUsage);

    auto headers = headersFrom(parsed->values("header"));
    if (const auto* e = std::get_if<std::string>(&headers)) return usageError(err, *e, kUsage);

    load::LoadOptions o;
    o.url = std::get<model::TargetUrl>(url);
    o.threads = static_cast<int>(*threads);
    o.timeout = *timeout;
    o.insecureTls = parsed->has("insecure");
    o.maxRequests = static_cast<std::int64_t>(*requests);
    if (parsed->has("pid")) o.targetPid = static_cast<pid_t>(*pid);
    if (parsed->has("rate")) {
        o.executor = model::Executor::Open;
        o.profile = load::LoadProfile::constant(*rate, *length, *warmup);
        o.maxConnections = static_cast<int>(*connections);
    } else {
        o.executor = model::Executor::Closed;
        o.profile = load::LoadProfile::constant(*connections, *length, *warmup);
    }
    o.allowedRemoteHost = parsed->value("allow-remote").value_or("");
    const std::string method = parsed->value("method").value_or("GET");
    load::RequestPlan plan = load::RequestPlan::single(o.url, method, std::get<load::HeaderList>(headers),
                                                       parsed->value("body"), "request");
    if (parsed->has("dry-run")) {
        DryRun dryRun;
        dryRun.options = o;
        dryRun.targetText = urlText;
        dryRun.allowedBy = "--allow-remote";
        dryRun.plan = &plan;
        return printDryRun(dryRun, "load", out, err);
    }
    // A literal address is refused before anything is printed; a name when resolved.
    if (auto refusal = model::loopbackRefusal(o.url.host, o.allowedRemoteHost)) {
        err << "loadstar load: " << *refusal << "\n" << remoteConsentHint(o.url.host);
        return kExitError;
    }
    if (!o.allowedRemoteHost.empty() && model::sameHost(o.url.host, o.allowedRemoteHost))
        err << "loadstar load: " << o.url.host
            << " is allowed by --allow-remote: load may leave this machine\n";

    out << "Running " << model::formatDuration(*length) << " test @ " << urlText << "\n" << std::flush;
    load::Runner runner(o, std::move(plan));
    if (auto failure = runner.start()) {
        err << "loadstar load: " << *failure << "\n";
        if (failure->find(model::kLoopbackOnly) != std::string::npos) err << remoteConsentHint(o.url.host);
        return kExitError;
    }
    const load::RunOutput& output = driveRun(runner, isTerminal(err) ? &err : nullptr);
    const results::RunResult result = load::makeRunResult(output, std::nullopt, {});
    printWrkReport(result, o, static_cast<int>(*connections), parsed->has("latency"), out);

    return writeResultFiles(result, parsed->value("hdr"), parsed->value("json"), err);
}

}  // namespace loadstar::cli
