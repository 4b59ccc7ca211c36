#include "engine/report/html_report.h"

#include <chrono>
#include <ctime>

#include "engine/report/report_charts.h"
#include "engine/report/report_style.h"
#include "engine/report/resource_usage.h"
#include "engine/report/run_comparison.h"
#include "engine/report/scenario_description.h"
#include "engine/report/threshold_limit.h"
#include "engine/report/units.h"
#include "engine/text/markup.h"

namespace loadstar::report {

namespace {

std::string e(std::string_view text) {
    return text::escapeMarkup(text);
}

std::string latency(double micros) {
    return formatValue(micros, Unit::Micros);
}

std::string readableTime(std::string iso) {
    // "2026-11-25T12:45:01Z" -> "2026-11-25 12:45:01 UTC"
    if (iso.size() == 20 && iso[10] == 'T' && iso.back() == 'Z')
        return iso.substr(0, 10) + " " + iso.substr(11, 8) + " UTC";
    return iso;
}

std::string nowIso() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    ::gmtime_r(&t, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

std::string scenarioName(const results::RunResult& r) {
    return r.scenario ? r.scenario->name : std::string("ad-hoc load");
}

std::string runLabel(const results::RunResult& r) {
    return (r.name.empty() ? scenarioName(r) : r.name) + " · " + readableTime(r.startedAt);
}

std::string machine(const results::Environment& env) {
    std::string text = env.cpuModel.empty() ? "unknown CPU" : env.cpuModel;
    text += " × " + std::to_string(env.cpuCount);
    if (!env.kernel.empty()) text += ", " + env.kernel;
    return text;
}

std::string versions(const results::Environment& env) {
    return "Loadstar " + env.loadstarVersion + ", Boost " + env.boostVersion + ", " + env.opensslVersion +
           (env.compiler.empty() ? "" : ", " + env.compiler);
}

std::string engineSummary(const results::EngineInfo& engine) {
    std::string text = engine.name == "locust" ? "Locust" : engine.name == "k6" ? "k6" : engine.name;
    if (!engine.version.empty()) text += " " + engine.version;
    if (engine.workers > 0)
        text += ", " + std::to_string(engine.workers) + (engine.name == "k6" ? " runners" : " workers");
    if (!engine.importedFrom.empty()) {
        text += ", imported from";
        for (const std::string& f : engine.importedFrom)
            text += " " + f;
    }
    return text;
}

// An imported run's percentile without a histogram: the summary's, when it has
// that one ("-" for the levels it lacks).
std::string summaryLatency(const stats::LatencySummary& l, const std::string& level) {
    const std::pair<const char*, double> values[] = {{"p50", static_cast<double>(l.p50)},
                                                     {"p90", static_cast<double>(l.p90)},
                                                     {"p95", static_cast<double>(l.p95)},
                                                     {"p99", static_cast<double>(l.p99)},
                                                     {"p99.9", static_cast<double>(l.p999)},
                                                     {"max", static_cast<double>(l.max)},
                                                     {"mean", l.mean}};
    for (const auto& [name, value] : values) {
        if (level == name) return latency(value);
    }
    return "-";
}

struct VerdictCounts {
    std::size_t total = 0;
    std::size_t failed = 0;
};

VerdictCounts verdictCounts(const results::RunResult& r) {
    VerdictCounts c;
    c.total = r.thresholds.size();
    for (const auto& t : r.thresholds)
        c.failed += t.passed ? 0 : 1;
    return c;
}

std::string verdictBanner(const results::RunResult& r) {
    const VerdictCounts c = verdictCounts(r);
    if (c.total == 0) return "<div class=\"verdict none\">No thresholds were set for this run</div>";
    if (c.failed == 0) {
        return "<div class=\"verdict pass\">✓ PASSED: " +
               (c.total == 1 ? std::string("the threshold was met")
                             : "all " + std::to_string(c.total) + " thresholds met") +
               "</div>";
    }
    return "<div class=\"verdict fail\">✗ FAILED: " + std::to_string(c.failed) + " of " +
           std::to_string(c.total) + (c.total == 1 ? " threshold" : " thresholds") + " not met</div>";
}

std::string verdictShort(const results::RunResult& r) {
    const VerdictCounts c = verdictCounts(r);
    if (c.total == 0) return "<span class=\"same\">no thresholds</span>";
    if (c.failed == 0) return "<span class=\"ok\">✓ passed</span>";
    return "<span class=\"bad\">✗ " + std::to_string(c.failed) + " of " + std::to_string(c.total) +
           " failed</span>";
}

class HtmlReport {
  public:
    HtmlReport(const std::vector<results::RunResult>& runs, const ReportOptions& options)
        : runs_(runs), options_(options), charts_(reportCharts(runs)) {}

    std::string build() {
        const bool comparison = runs_.size() > 1;
        const std::string title = comparison ? "Comparison of " + std::to_string(runs_.size()) + " runs"
                                             : "Load test report: " + scenarioName(runs_.front());
        out_ +=
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta name=\"generator\" content=\"Loadstar " LOADSTAR_VERSION "\"><title>" +
            e(title) + "</title><style>" + std::string(reportStyle()) +
            // A4 through Qt's rich text: a smaller body and tighter cells so that wide tables fit.
            (options_.charts == ReportOptions::Charts::ImageReferences
                 ? "body { font-size: 11px; line-height: 1.3; } th, td { padding: 3px 5px; }"
                 : "") +
            "</style></head><body><main>\n";
        out_ += "<h1>" + e(title) + "</h1>\n";
        if (comparison) {
            comparisonReport();
        } else {
            singleReport(runs_.front());
        }
        footer();
        out_ += "</main></body></html>\n";
        return std::move(out_);
    }

  private:
    void singleReport(const results::RunResult& r) {
        out_ += "<p class=\"subtitle\">" +
                e(options_.project.empty() ? r.target : options_.project + " · " + r.target) + "</p>\n";
        header(r);
        out_ += "<h2 id=\"verdict\">Verdict</h2>\n" + verdictBanner(r);
        if (r.interrupted)
            out_ += "<p class=\"warn\">The run was stopped early; the figures cover the time it ran.</p>";
        engineNotes(r);
        thresholds(r);
        kpis(r);
        out_ += "<h2 id=\"percentiles\">Latency percentiles</h2>\n";
        percentileTable({&r});
        chartsSection();
        out_ += "<h2 id=\"endpoints\">Per endpoint</h2>\n";
        endpoints(r);
        out_ += "<h2 id=\"errors\">Errors</h2>\n";
        errors({&r});
        out_ += "<h2 id=\"configuration\">Scenario configuration</h2>\n";
        configuration({&r});
    }

    void comparisonReport() {
        out_ += "<p class=\"subtitle\">" +
                e((options_.project.empty() ? "" : options_.project + " · ") + "run A is the baseline") +
                "</p>\n";
        out_ +=
            "<table "
            "width=\"100%\"><tr><th>Run</th><th>Scenario</th><th>Started</th><th>Target</"
            "th><th>Configuration</th>"
            "<th class=\"num\">Measured</th><th>Verdict</th></tr>\n";
        for (std::size_t i = 0; i < runs_.size(); ++i) {
            const results::RunResult& r = runs_[i];
            out_ += "<tr><td><b style=\"color:" + runColor(i) + "\">" + runLetter(i) + "</b> " +
                    (r.name.empty() ? "" : e(r.name) + "<br>") + "<code>" + e(r.id) + "</code>" +
                    (r.note.empty() ? "" : "<br><small>" + e(r.note) + "</small>") + "</td><td>" +
                    e(scenarioName(r)) + "</td><td>" + e(readableTime(r.startedAt)) + "</td><td>" +
                    e(r.target) + "</td><td>" +
                    e(r.scenario ? scenarioSummary(*r.scenario) : model::toString(r.executor)) +
                    (serverDescription(r).empty()
                         ? ""
                         : "<br><small>server: " + e(serverDescription(r)) + "</small>") +
                    "</td><td class=\"num\">" + e(formatValue(r.measuredSeconds, Unit::Seconds)) +
                    "</td><td>" + verdictShort(r) + "</td></tr>\n";
        }
        out_ += "</table>\n";
        machines();
        out_ += "<h2 id=\"deltas\">Differences from the baseline</h2>\n";
        deltas();
        out_ += "<h2 id=\"percentiles\">Latency percentiles</h2>\n";
        std::vector<const results::RunResult*> all;
        for (const auto& r : runs_)
            all.push_back(&r);
        percentileTable(all);
        chartsSection();
        out_ += "<h2 id=\"verdicts\">Thresholds</h2>\n";
        for (std::size_t i = 0; i < runs_.size(); ++i) {
            out_ +=
                "<h3>" + runLetter(i) + ": " + e(runLabel(runs_[i])) + "</h3>\n" + verdictBanner(runs_[i]);
            thresholds(runs_[i]);
        }
        out_ += "<h2 id=\"endpoints\">Per endpoint</h2>\n";
        for (std::size_t i = 0; i < runs_.size(); ++i) {
            out_ += "<h3>" + runLetter(i) + ": " + e(runLabel(runs_[i])) + "</h3>\n";
            endpoints(runs_[i]);
        }
        out_ += "<h2 id=\"errors\">Errors</h2>\n";
        errors(all);
        out_ += "<h2 id=\"configuration\">Scenario configuration</h2>\n";
        configuration(all);
    }

    void header(const results::RunResult& r) {
        out_ += "<table class=\"facts\" width=\"100%\">\n";
        auto row = [this](const char* name, const std::string& value) {
            out_ += "<tr><th>" + std::string(name) + "</th><td>" + e(value) + "</td></tr>\n";
        };
        if (!options_.project.empty()) row("Project", options_.project);
        row("Scenario",
            r.scenario ? scenarioName(r) + " (" + scenarioSummary(*r.scenario) + ")" : scenarioName(r));
        row("Target", r.target);
        if (!r.name.empty()) row("Name", r.name);
        if (!r.note.empty()) row("Note", r.note);
        if (const std::string server = serverDescription(r); !server.empty()) row("Server", server);
        row("Run", r.id);
        row("Started", readableTime(r.startedAt));
        row("Finished", readableTime(r.finishedAt));
        row("Measured",
            formatValue(r.measuredSeconds, Unit::Seconds) + (r.interrupted ? " (interrupted)" : ""));
        if (!r.engine.native()) row("Engine", engineSummary(r.engine));
        row("Machine", machine(r.environment));
        row("Versions", versions(r.environment));
        out_ += "</table>\n";
    }

    // What the engine's figures lack or mean differently (Locust's rounding, a k6
    // summary without a series), said where a reader looks at the figures.
    void engineNotes(const results::RunResult& r, const std::string& prefix = "") {
        for (const std::string& note : r.engine.notes)
            out_ += "<p class=\"note\">" + e(prefix + note) + "</p>\n";
    }

    void machines() {
        out_ += "<table class=\"facts\" width=\"100%\">\n";
        for (std::size_t i = 0; i < runs_.size(); ++i) {
            out_ += "<tr><th>Machine " + runLetter(i) + "</th><td>" + e(machine(runs_[i].environment)) +
                    "<br>" + e(versions(runs_[i].environment)) +
                    (runs_[i].engine.native() ? "" : "<br>engine: " + e(engineSummary(runs_[i].engine))) +
                    "</td></tr>\n";
        }
        out_ += "</table>\n";
        for (std::size_t i = 0; i < runs_.size(); ++i)
            engineNotes(runs_[i], runLetter(i) + ": ");
    }

    void thresholds(const results::RunResult& r) {
        if (r.thresholds.empty()) return;
        out_ +=
            "<table width=\"100%\"><tr><th>Threshold</th><th class=\"num\">Measured</th><th "
            "class=\"num\">Limit</th>"
            "<th>Result</th></tr>\n";
        for (const stats::ThresholdResult& t : r.thresholds) {
            const ThresholdLimit limit = thresholdLimit(t);
            out_ += "<tr><td class=\"name\"><code>" + e(t.text) + "</code></td><td class=\"num\">" +
                    e(limit.measured) + "</td><td class=\"num\">" + e(limit.limit) + "</td><td>" +
                    (t.passed ? "<span class=\"ok\">✓ pass</span>" : "<span class=\"bad\">✗ fail</span>") +
                    "</td></tr>\n";
        }
        out_ += "</table>\n";
    }

    void kpis(const results::RunResult& r) {
        const stats::Summary& o = r.overall;
        const ResourceUsage usage = ResourceUsage::of(r);
        std::vector<std::pair<std::string, std::string>> cells = {
            {"Requests", formatValue(static_cast<double>(o.requests), Unit::Count)},
            {"Throughput", formatValue(o.rps, Unit::PerSecond)},
            {"Error rate", formatValue(o.errorRate * 100, Unit::Percent)},
            {"Errors", formatValue(static_cast<double>(o.errors), Unit::Count)},
            {"p50 latency", latency(static_cast<double>(o.latency.p50))},
            {"p95 latency", latency(static_cast<double>(o.latency.p95))},
            {"p99 latency", latency(static_cast<double>(o.latency.p99))},
            {"Max latency", latency(static_cast<double>(o.latency.max))},
            {"Data received", formatValue(static_cast<double>(o.bytesIn), Unit::Bytes)},
            {"Data sent", formatValue(static_cast<double>(o.bytesOut), Unit::Bytes)},
            {"Connections (max)", std::to_string(usage.openConnectionsMax)},
            {"Generator CPU (mean)", formatValue(usage.generatorCpuMean, Unit::Percent)},
        };
        if (usage.serverSampled) {
            cells.emplace_back("Server CPU (mean)", formatValue(usage.serverCpuMean, Unit::Percent));
            cells.emplace_back("Server CPU (max)", formatValue(usage.serverCpuMax, Unit::Percent));
            cells.emplace_back("Server RSS (max)",
                               formatValue(static_cast<double>(usage.serverRssMax), Unit::Bytes));
        }
        if (r.executor == model::Executor::Open)
            cells.emplace_back("Dropped sends", formatValue(static_cast<double>(o.dropped), Unit::Count));
        if (o.expectedRejections > 0)
            cells.emplace_back("Expected rejections",
                               formatValue(static_cast<double>(o.expectedRejections), Unit::Count));
        out_ += "<h2 id=\"summary\">Summary</h2>\n<table class=\"kpi\" width=\"100%\">";
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i % 4 == 0) out_ += "<tr>";
            out_ += "<td><div class=\"kpi-label\">" + e(cells[i].first) + "</div><div class=\"kpi-value\">" +
                    e(cells[i].second) + "</div></td>";
            if (i % 4 == 3 || i + 1 == cells.size()) out_ += "</tr>\n";
        }
        out_ += "</table>\n";
    }

    void percentileTable(const std::vector<const results::RunResult*>& runs) {
        static const double kLevels[] = {50, 75, 90, 95, 99, 99.9, 99.99};
        const bool open = runs.size() == 1 && runs.front()->executor == model::Executor::Open;
        out_ += "<table width=\"100%\"><tr><th>Percentile</th>";
        if (runs.size() == 1) {
            out_ += open ? "<th class=\"num\">Latency (corrected)</th><th class=\"num\">Uncorrected</th>"
                         : "<th class=\"num\">Latency</th>";
        } else {
            for (std::size_t i = 0; i < runs.size(); ++i)
                out_ += "<th class=\"num\">" + runLetter(i) + "</th>";
        }
        out_ += "</tr>\n";
        auto row = [&](const std::string& name, auto value) {
            out_ += "<tr><td>" + name + "</td>";
            for (const results::RunResult* r : runs) {
                if (r->overallStats.latency.count() == 0 && r->overall.latency.count > 0) {
                    out_ += "<td class=\"num\">" + e(summaryLatency(r->overall.latency, name)) + "</td>";
                    continue;
                }
                out_ += "<td class=\"num\">" + e(latency(value(r->overallStats.latency))) + "</td>";
                if (open)
                    out_ += "<td class=\"num\">" + e(latency(value(r->overallStats.uncorrected))) + "</td>";
            }
            out_ += "</tr>\n";
        };
        for (const double level : kLevels) {
            char name[16];
            std::snprintf(name, sizeof name, "p%g", level);
            row(name, [level](const stats::LatencyHistogram& h) {
                return static_cast<double>(h.valueAtPercentile(level));
            });
        }
        row("max", [](const stats::LatencyHistogram& h) { return static_cast<double>(h.max()); });
        row("mean", [](const stats::LatencyHistogram& h) { return h.mean(); });
        row("std. deviation", [](const stats::LatencyHistogram& h) { return h.stddev(); });
        out_ +=
            "</table>\n<p class=\"note\">Latency is measured from when each request was due to be sent, so "
            "time spent queued behind a slow answer counts (coordinated omission corrected)." +
            std::string(
                open ? " The uncorrected column measures from the actual send, for comparison with tools "
                       "that do not correct."
                     : "") +
            " Values are exact to three significant digits (HdrHistogram buckets).</p>\n";
    }

    void chartsSection() {
        if (options_.charts == ReportOptions::Charts::ImageReferences) {
            // Qt's rich text knows no <figure> and no print CSS: plain blocks, a page break by attribute.
            out_ += "<h2 id=\"charts\" style=\"page-break-before: always\">Charts</h2>\n";
            for (const ReportChart& c : charts_) {
                const int width = options_.imageWidth > 0 ? options_.imageWidth : c.width;
                out_ += "<h3 id=\"chart-" + c.key + "\">" + e(c.title) +
                        "</h3>\n<p style=\"line-height: 100%\"><img src=\"chart:" + c.key + "\" width=\"" +
                        std::to_string(width) + "\" height=\"" + std::to_string(width * c.height / c.width) +
                        "\" alt=\"" + e(c.title) + "\"></p>\n<p class=\"caption\">" + e(c.caption) + "</p>\n";
            }
            return;
        }
        out_ += "<section class=\"charts\">\n<h2 id=\"charts\">Charts</h2>\n";
        for (const ReportChart& c : charts_) {
            out_ += "<figure id=\"chart-" + c.key + "\"><figcaption>" + e(c.title) + "</figcaption>" + c.svg +
                    "<p class=\"caption\">" + e(c.caption) + "</p></figure>\n";
        }
        out_ += "</section>\n";
    }

    void endpoints(const results::RunResult& r) {
        out_ +=
            "<table width=\"100%\"><tr><th>Endpoint</th><th class=\"num\">Requests</th><th "
            "class=\"num\">Throughput</th>"
            "<th class=\"num\">Errors</th><th class=\"num\">Error rate</th><th class=\"num\">p50</th>"
            "<th class=\"num\">p95</th><th class=\"num\">p99</th><th class=\"num\">max</th></tr>\n";
        for (const results::EndpointResult& ep : r.endpoints) {
            const stats::Summary& s = ep.summary;
            out_ += "<tr><td class=\"name\"><code>" + e(ep.id) + "</code></td><td class=\"num\">" +
                    formatValue(static_cast<double>(s.requests), Unit::Count) + "</td><td class=\"num\">" +
                    formatValue(s.rps, Unit::PerSecond) + "</td><td class=\"num\">" +
                    formatValue(static_cast<double>(s.errors), Unit::Count) + "</td><td class=\"num\">" +
                    formatValue(s.errorRate * 100, Unit::Percent) + "</td><td class=\"num\">" +
                    latency(static_cast<double>(s.latency.p50)) + "</td><td class=\"num\">" +
                    latency(static_cast<double>(s.latency.p95)) + "</td><td class=\"num\">" +
                    latency(static_cast<double>(s.latency.p99)) + "</td><td class=\"num\">" +
                    latency(static_cast<double>(s.latency.max)) + "</td></tr>\n";
        }
        out_ += "</table>\n";
    }

    void errors(const std::vector<const results::RunResult*>& runs) {
        bool any = false;
        for (const results::RunResult* r : runs)
            any = any || r->overall.errors > 0;
        out_ += "<table width=\"100%\"><tr><th>Error class</th>";
        for (std::size_t i = 0; i < runs.size(); ++i)
            out_ += runs.size() == 1 ? "<th class=\"num\">Count</th><th class=\"num\">Share of requests</th>"
                                     : "<th class=\"num\">" + runLetter(i) + "</th>";
        out_ += "</tr>\n";
        for (std::size_t c = 0; c < stats::kErrorClassCount; ++c) {
            out_ += "<tr><td>" + std::string(stats::toString(static_cast<stats::ErrorClass>(c))) + "</td>";
            for (const results::RunResult* r : runs) {
                const double count = static_cast<double>(r->overall.errorsByClass[c]);
                out_ += "<td class=\"num\">" + formatValue(count, Unit::Count) + "</td>";
                if (runs.size() == 1) {
                    const double requests = static_cast<double>(r->overall.requests);
                    out_ += "<td class=\"num\">" +
                            formatValue(requests > 0 ? 100 * count / requests : 0, Unit::Percent) + "</td>";
                }
            }
            out_ += "</tr>\n";
        }
        out_ += "</table>\n";
        if (!any) out_ += "<p class=\"note\">No errors: every request got an expected answer.</p>\n";
        // Status codes seen, over all runs.
        std::map<int, std::vector<std::uint64_t>> statuses;
        for (std::size_t i = 0; i < runs.size(); ++i) {
            for (const auto& [code, count] : runs[i]->statusCounts()) {
                auto& counts = statuses[code];
                counts.resize(runs.size(), 0);
                counts[i] = count;
            }
        }
        out_ += "<h3>Status codes</h3>\n<table width=\"100%\"><tr><th>Status</th>";
        for (std::size_t i = 0; i < runs.size(); ++i)
            out_ +=
                "<th class=\"num\">" + (runs.size() == 1 ? std::string("Responses") : runLetter(i)) + "</th>";
        out_ += "</tr>\n";
        for (const auto& [code, counts] : statuses) {
            out_ += "<tr><td>" + std::to_string(code) + "</td>";
            for (const std::uint64_t n : counts)
                out_ += "<td class=\"num\">" + groupDigits(n) + "</td>";
            out_ += "</tr>\n";
        }
        if (statuses.empty())
            out_ += "<tr><td colspan=\"" + std::to_string(runs.size() + 1) + "\">no answers</td></tr>\n";
        out_ += "</table>\n";
    }

    void configuration(const std::vector<const results::RunResult*>& runs) {
        std::vector<std::vector<std::pair<std::string, std::string>>> described;
        for (const results::RunResult* r : runs) {
            described.push_back(r->scenario
                                    ? describeScenario(*r->scenario)
                                    : std::vector<std::pair<std::string, std::string>>{
                                          {"Executor", model::toString(r->executor)}, {"Target", r->target}});
            if (r->server) described.back().emplace_back("Server concurrency", serverSummary(*r->server));
            if (r->serverUnderTest) described.back().emplace_back("Server", serverDescription(*r));
        }
        // Rows in the first run's order, then any setting only a later run has.
        std::vector<std::string> keys;
        for (const auto& rows : described) {
            for (const auto& row : rows) {
                if (std::find(keys.begin(), keys.end(), row.first) == keys.end()) keys.push_back(row.first);
            }
        }
        out_ += "<table class=\"facts\" width=\"100%\">";
        if (runs.size() > 1) {
            out_ += "<tr><th>Setting</th>";
            for (std::size_t i = 0; i < runs.size(); ++i)
                out_ += "<th>" + runLetter(i) + "</th>";
            out_ += "</tr>";
        }
        out_ += "\n";
        for (const std::string& key : keys) {
            out_ += "<tr><th>" + e(key) + "</th>";
            std::vector<std::string> values;
            for (const auto& rows : described) {
                const auto found =
                    std::find_if(rows.begin(), rows.end(), [&](const auto& row) { return row.first == key; });
                values.push_back(found == rows.end() ? "–" : found->second);
            }
            for (const std::string& v : values) {
                const bool differs = runs.size() > 1 && v != values.front();
                out_ += std::string(differs ? "<td class=\"differs\">" : "<td>") + e(v) + "</td>";
            }
            out_ += "</tr>\n";
        }
        out_ += "</table>\n";
        if (runs.size() > 1) out_ += "<p class=\"note\">Highlighted: settings that differ from run A.</p>\n";
    }

    void deltas() {
        out_ += "<table width=\"100%\"><tr><th>Metric</th>";
        for (std::size_t i = 0; i < runs_.size(); ++i)
            out_ += "<th class=\"num\">" + runLetter(i) + "</th>" +
                    (i == 0 ? "" : "<th class=\"num\">Δ vs A</th>");
        out_ += "</tr>\n";
        std::size_t regressions = 0;
        std::size_t improvements = 0;
        for (const MetricComparison& m : compareRuns(runs_)) {
            out_ += "<tr><td>" + e(m.metric) + "</td>";
            for (std::size_t i = 0; i < m.values.size(); ++i) {
                out_ += "<td class=\"num\">" + e(formatValue(m.values[i], m.unit)) + "</td>";
                if (i == 0) continue;
                const std::string change = formatChange(m.changesPercent[i]);
                const std::string arrow = m.values[i] > m.values.front() ? "▲ " : "▼ ";
                switch (m.changes[i]) {
                    case Change::Regression:
                        ++regressions;
                        out_ += "<td class=\"num\"><span class=\"worse\">" + arrow + change +
                                " regression</span></td>";
                        break;
                    case Change::Improvement:
                        ++improvements;
                        out_ += "<td class=\"num\"><span class=\"better\">" + arrow + change +
                                " improvement</span></td>";
                        break;
                    default:
                        out_ += "<td class=\"num\"><span class=\"same\">" + change + "</span></td>";
                }
            }
            out_ += "</tr>\n";
        }
        out_ += "</table>\n<p class=\"note\">" + std::to_string(regressions) + " regression" +
                (regressions == 1 ? "" : "s") + ", " + std::to_string(improvements) + " improvement" +
                (improvements == 1 ? "" : "s") +
                ". Higher latency, error rate, CPU or memory is a regression; higher "
                "throughput is an improvement. Changes within ±" +
                formatValue(kNoiseBandPercent, Unit::Count) +
                "% of run A are treated as noise and not "
                "marked.</p>\n";
    }

    void footer() {
        const std::string generated = options_.generatedAt.empty() ? nowIso() : options_.generatedAt;
        out_ += "<footer>Generated by Loadstar " LOADSTAR_VERSION " on " + e(readableTime(generated)) +
                ". Latencies come from HdrHistogram-style histograms (three significant digits); charts are "
                "drawn from "
                "per-tick summaries. The full data is in the run's JSON file.</footer>\n";
    }

    const std::vector<results::RunResult>& runs_;
    const ReportOptions& options_;
    std::vector<ReportChart> charts_;
    std::string out_;
};

}  // namespace

std::string htmlReport(const std::vector<results::RunResult>& runs, const ReportOptions& options) {
    if (runs.empty()) return {};
    return HtmlReport(runs, options).build();
}

}  // namespace loadstar::report
