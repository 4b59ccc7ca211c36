#include "engine/report/framework_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

#include "engine/report/report_style.h"
#include "engine/report/scenario_description.h"
#include "engine/report/units.h"
#include "engine/stats/units.h"
#include "engine/text/markup.h"

namespace loadstar::report {

namespace {

std::string fixed(double v, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    return buffer;
}

std::string latency(const std::optional<std::int64_t>& micros) {
    return micros ? formatValue(static_cast<double>(*micros), Unit::Micros) : "—";
}

std::optional<double> asDouble(const std::optional<std::int64_t>& v) {
    return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
}

std::string orDash(const std::optional<std::string>& text) {
    return text ? *text : "—";
}

std::optional<std::string> cpuText(const FrameworkCell& c) {
    if (!c.cpuPerRequestMs) return std::nullopt;
    return fixed(*c.cpuPerRequestMs, *c.cpuPerRequestMs < 1 ? 3 : 2) + " ms";
}

std::optional<std::string> startText(const FrameworkCell& c) {
    if (!c.startSeconds) return std::nullopt;
    return fixed(*c.startSeconds, 2) + " s";
}

std::optional<std::string> coldText(const std::optional<std::int64_t>& micros) {
    if (!micros) return std::nullopt;
    return latency(micros);
}

std::string errorsText(const FrameworkCell& c) {
    if (c.errors == 0) return "0";
    return groupDigits(c.errors) + " (" + formatValue(c.errorRate * 100, Unit::Percent) + ")";
}

int kindOrder(model::ServerKind kind) {
    return static_cast<int>(kind);
}

}  // namespace

std::optional<FrameworkCell> FrameworkCell::of(const results::RunResult& run) {
    if (!run.serverUnderTest) return std::nullopt;
    FrameworkCell c;
    c.runId = run.id;
    c.scenario = run.scenario ? run.scenario->name : run.id;
    c.server = run.serverUnderTest->choice;
    c.interrupted = run.interrupted;
    c.rps = run.overall.rps;
    if (run.overall.responses > 0) {
        c.p50 = run.overall.latency.p50;
        c.p95 = run.overall.latency.p95;
        c.p99 = run.overall.latency.p99;
    }
    c.requests = run.overall.requests;
    c.errors = run.overall.errors;
    c.errorRate = run.overall.errorRate;
    double cpuSeconds = 0;
    double cpuPercentSum = 0;
    int sampled = 0;
    for (const auto& point : run.series) {
        const auto& target = point->resources.target;
        if (!target || !target->alive) continue;
        c.peakRssBytes = std::max(c.peakRssBytes, target->rssBytes);
        if (point->stage < 0) continue;
        cpuSeconds += target->cpuPercent / 100.0 * point->seconds;
        cpuPercentSum += target->cpuPercent;
        ++sampled;
    }
    if (sampled > 0) {
        c.cpuPercent = cpuPercentSum / sampled;
        if (run.overall.responses > 0)
            c.cpuPerRequestMs = cpuSeconds * 1000.0 / static_cast<double>(run.overall.responses);
    }
    c.startSeconds = run.serverUnderTest->startSeconds;
    if (run.warmup && run.warmup->requests > 0) {
        c.coldRequests = run.warmup->requests;
        c.coldP50 = run.warmup->latency.p50;
        c.coldP99 = run.warmup->latency.p99;
    }
    return c;
}

std::vector<FrameworkCell> frameworkCells(const std::vector<results::RunResult>& runs) {
    std::vector<FrameworkCell> cells;
    std::map<std::string, std::size_t> scenarioOrder;
    for (const results::RunResult& run : runs) {
        if (auto cell = FrameworkCell::of(run)) {
            scenarioOrder.emplace(cell->scenario, scenarioOrder.size());
            cells.push_back(std::move(*cell));
        }
    }
    std::stable_sort(cells.begin(), cells.end(), [&](const FrameworkCell& a, const FrameworkCell& b) {
        const std::size_t sa = scenarioOrder.at(a.scenario);
        const std::size_t sb = scenarioOrder.at(b.scenario);
        if (sa != sb) return sa < sb;
        return kindOrder(a.server.kind) < kindOrder(b.server.kind);
    });
    return cells;
}

std::string frameworkTableMarkdown(const std::vector<FrameworkCell>& cells) {
    std::string out =
        "| Scenario | Server | req/s | p50 | p95 | p99 | Errors | CPU/request | Peak RSS | Cold start | "
        "Warm-up p50 | Warm-up p99 |\n"
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const FrameworkCell& c : cells) {
        out += "| " + c.scenario + (c.interrupted ? " (interrupted)" : "") + " | " +
               model::describe(c.server) + " | " + formatValue(c.rps, Unit::Count) + " | " + latency(c.p50) +
               " | " + latency(c.p95) + " | " + latency(c.p99) + " | " + errorsText(c) + " | " +
               orDash(cpuText(c)) + " | " +
               (c.peakRssBytes > 0 ? stats::formatBytes(static_cast<double>(c.peakRssBytes)) : "—") + " | " +
               orDash(startText(c)) + " | " + orDash(coldText(c.coldP50)) + " | " +
               orDash(coldText(c.coldP99)) + " |\n";
    }
    return out;
}

namespace {

// The best value of a column within one scenario's rows, to mark it.
struct Column {
    const char* title;
    std::function<std::optional<double>(const FrameworkCell&)> value;  // what "best" compares
    bool higherIsBetter;
    std::function<std::string(const FrameworkCell&)> text;
};

std::vector<Column> columns() {
    const auto some = [](double v) { return std::optional<double>(v); };
    return {
        {"req/s", [=](const FrameworkCell& c) { return some(c.rps); }, true,
         [](const FrameworkCell& c) { return formatValue(c.rps, Unit::Count); }},
        {"p50", [](const FrameworkCell& c) { return asDouble(c.p50); }, false,
         [](const FrameworkCell& c) { return latency(c.p50); }},
        {"p95", [](const FrameworkCell& c) { return asDouble(c.p95); }, false,
         [](const FrameworkCell& c) { return latency(c.p95); }},
        {"p99", [](const FrameworkCell& c) { return asDouble(c.p99); }, false,
         [](const FrameworkCell& c) { return latency(c.p99); }},
        {"Errors", [=](const FrameworkCell& c) { return some(c.errorRate); }, false, errorsText},
        {"CPU / request", [](const FrameworkCell& c) { return c.cpuPerRequestMs; }, false,
         [](const FrameworkCell& c) { return orDash(cpuText(c)); }},
        {"Peak RSS",
         [](const FrameworkCell& c) {
             return c.peakRssBytes > 0 ? std::optional<double>(static_cast<double>(c.peakRssBytes))
                                       : std::nullopt;
         },
         false,
         [](const FrameworkCell& c) {
             return c.peakRssBytes > 0 ? stats::formatBytes(static_cast<double>(c.peakRssBytes)) : "—";
         }},
        {"Cold start", [](const FrameworkCell& c) { return c.startSeconds; }, false,
         [](const FrameworkCell& c) { return orDash(startText(c)); }},
        {"Warm-up p50",
         [](const FrameworkCell& c) {
             return c.coldP50 ? std::optional<double>(static_cast<double>(*c.coldP50)) : std::nullopt;
         },
         false, [](const FrameworkCell& c) { return orDash(coldText(c.coldP50)); }},
        {"Warm-up p99",
         [](const FrameworkCell& c) {
             return c.coldP99 ? std::optional<double>(static_cast<double>(*c.coldP99)) : std::nullopt;
         },
         false, [](const FrameworkCell& c) { return orDash(coldText(c.coldP99)); }},
    };
}

std::string scenarioTable(const std::vector<const FrameworkCell*>& rows) {
    const std::vector<Column> cols = columns();
    std::string out = "<table width=\"100%\"><tr><th>Server</th>";
    for (const Column& col : cols)
        out += "<th class=\"num\">" + std::string(col.title) + "</th>";
    out += "</tr>\n";
    std::vector<std::optional<double>> best(cols.size());
    for (std::size_t i = 0; i < cols.size(); ++i) {
        for (const FrameworkCell* c : rows) {
            const auto v = cols[i].value(*c);
            if (!v) continue;
            if (!best[i] || (cols[i].higherIsBetter ? *v > *best[i] : *v < *best[i])) best[i] = v;
        }
    }
    for (const FrameworkCell* c : rows) {
        out += "<tr><td class=\"name\">" + text::escapeMarkup(model::describe(c->server)) +
               (c->interrupted ? " <small>(interrupted)</small>" : "") + "</td>";
        for (std::size_t i = 0; i < cols.size(); ++i) {
            const auto v = cols[i].value(*c);
            const bool isBest = rows.size() > 1 && v && best[i] && *v == *best[i];
            const std::string text = text::escapeMarkup(cols[i].text(*c));
            out += "<td class=\"num\">" + (isBest ? "<span class=\"better\">" + text + "</span>" : text) +
                   "</td>";
        }
        out += "</tr>\n";
    }
    return out + "</table>\n";
}

}  // namespace

std::string frameworkReportHtml(const std::vector<results::RunResult>& runs, const ReportOptions& options) {
    const std::vector<FrameworkCell> cells = frameworkCells(runs);
    const std::string title = "Framework comparison";
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"generator\" content=\"Loadstar " LOADSTAR_VERSION "\"><title>" +
        text::escapeMarkup(title) + "</title><style>" + std::string(reportStyle()) +
        "main { max-width: 1200px; }</style></head><body><main>\n<h1>" + text::escapeMarkup(title) +
        "</h1>\n";
    out += "<p class=\"subtitle\">" +
           text::escapeMarkup((options.project.empty() ? "" : options.project + " · ") +
                              "the same scenarios against " +
                              "the embedded server and the design generated as FastAPI and Flask apps") +
           "</p>\n";
    if (cells.empty()) {
        out +=
            "<p class=\"warn\">None of these runs targeted the design, so there is nothing to compare.</p>\n";
    }
    out +=
        "<p class=\"note\">Warm figures cover the measured part of each run, after its warm-up. "
        "<b>CPU / request</b> is the server's CPU time, all its processes together (master and workers), "
        "divided by the requests it answered; <b>peak RSS</b> is the largest sum of their resident memory "
        "(pages shared between forked workers count in each). <b>Cold start</b> is the time from the "
        "server process's start to its first successful answer; <b>warm-up p50/p99</b> are the latencies of "
        "the first requests after that start. The best figure of each column is green.</p>\n";
    std::vector<std::string> order;
    for (const FrameworkCell& c : cells) {
        if (std::find(order.begin(), order.end(), c.scenario) == order.end()) order.push_back(c.scenario);
    }
    for (const std::string& scenario : order) {
        std::vector<const FrameworkCell*> rows;
        for (const FrameworkCell& c : cells) {
            if (c.scenario == scenario) rows.push_back(&c);
        }
        std::string summary;
        for (const results::RunResult& r : runs) {
            if (r.scenario && r.scenario->name == scenario && r.serverUnderTest) {
                summary = scenarioSummary(*r.scenario);
                break;
            }
        }
        out += "<h2>" + text::escapeMarkup(scenario) + "</h2>\n";
        if (!summary.empty()) out += "<p class=\"caption\">" + text::escapeMarkup(summary) + "</p>\n";
        out += scenarioTable(rows);
    }
    out +=
        "<h2>Servers</h2>\n<table width=\"100%\"><tr><th>Run</th><th>Server</th><th>Started with</th></tr>\n";
    for (const results::RunResult& r : runs) {
        if (!r.serverUnderTest) continue;
        out += "<tr><td><code>" + text::escapeMarkup(r.id) + "</code></td><td>" +
               text::escapeMarkup(serverDescription(r)) + "</td><td><code>" +
               text::escapeMarkup(r.serverUnderTest->command) + "</code></td></tr>\n";
    }
    out += "</table>\n";
    if (!runs.empty()) {
        const results::Environment& env = runs.front().environment;
        out +=
            "<p class=\"note\">Machine: " +
            text::escapeMarkup((env.cpuModel.empty() ? "unknown CPU" : env.cpuModel) + " × " +
                               std::to_string(env.cpuCount) + (env.kernel.empty() ? "" : ", " + env.kernel)) +
            ". The load generator ran on the same machine; its own CPU is in each run's report.</p>\n";
    }
    out +=
        "<footer>Generated by Loadstar " LOADSTAR_VERSION +
        std::string(options.generatedAt.empty() ? "" : " on " + text::escapeMarkup(options.generatedAt)) +
        ". Each cell is a stored run; open it in the workbench or with <code>loadstar report</code> for its "
        "charts.</footer>\n</main></body></html>\n";
    return out;
}

}  // namespace loadstar::report
