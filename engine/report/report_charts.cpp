#include "engine/report/report_charts.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "engine/report/chart_palette.h"
#include "engine/report/histogram_chart.h"
#include "engine/report/line_chart.h"
#include "engine/report/series_decimation.h"
#include "engine/report/units.h"

namespace loadstar::report {

namespace {

constexpr int kWidth = 900;
constexpr int kHeight = 300;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using TickValue = std::function<double(const results::TickPoint&)>;

std::vector<ChartPoint> seriesOf(const results::RunResult& run, const TickValue& value, Reduction reduction) {
    std::vector<ChartPoint> points;
    points.reserve(run.series.size());
    for (const auto& tick : run.series)
        points.push_back({tick->elapsed, value(*tick)});
    return decimate(points, kMaxChartPoints, reduction);
}

// The warm-up lasts until the first measured tick begins.
double warmupEnd(const results::RunResult& run) {
    for (const auto& tick : run.series) {
        if (tick->stage >= 0) return tick->elapsed - tick->seconds;
    }
    return run.series.empty() ? 0 : run.series.back()->elapsed;
}

// Warm-up ticks are not measured: a gap, not a zero.
double rate(const results::TickPoint& t, std::uint64_t count) {
    return t.seconds > 0 && t.stage >= 0 ? static_cast<double>(count) / t.seconds : kNaN;
}

TickValue latencyAt(std::int64_t stats::LatencySummary::*field) {
    return [field](const results::TickPoint& t) {
        return t.overall.latency.count > 0 ? static_cast<double>(t.overall.latency.*field) : kNaN;
    };
}

bool serverSampled(const results::RunResult& run) {
    return std::any_of(run.series.begin(), run.series.end(),
                       [](const auto& t) { return t->resources.target && t->resources.target->alive; });
}

std::string decimationNote(const std::vector<results::RunResult>& runs, const char* how) {
    std::size_t longest = 0;
    for (const auto& r : runs)
        longest = std::max(longest, r.series.size());
    if (longest <= kMaxChartPoints) return "";
    const std::size_t group = (longest + kMaxChartPoints - 1) / kMaxChartPoints;
    return " Each point combines " + std::to_string(group) + " ticks (" + how + ").";
}

void addWarmup(LineChart& chart, const std::vector<results::RunResult>& runs) {
    if (runs.size() == 1 && warmupEnd(runs.front()) > 0) chart.addBand(0, warmupEnd(runs.front()), "warm-up");
}

ReportChart percentiles(const std::vector<results::RunResult>& runs) {
    LineChart chart("time since start", Unit::Seconds, "latency", Unit::Micros);
    addWarmup(chart, runs);
    using L = stats::LatencySummary;
    if (runs.size() == 1) {
        const struct {
            const char* name;
            std::int64_t L::*field;
        } lines[] = {{"p50", &L::p50}, {"p95", &L::p95}, {"p99", &L::p99}, {"p99.9", &L::p999}};
        std::size_t colour = 0;
        for (const auto& l : lines) {
            chart.addLine({l.name, cssColour(chartColour(colour++)),
                           seriesOf(runs.front(), latencyAt(l.field), Reduction::Max)});
        }
    } else {
        for (std::size_t i = 0; i < runs.size(); ++i) {
            chart.addLine(
                {runLetter(i) + " p99", runColor(i), seriesOf(runs[i], latencyAt(&L::p99), Reduction::Max)});
            chart.addLine({runLetter(i) + " p50", runColor(i),
                           seriesOf(runs[i], latencyAt(&L::p50), Reduction::Max), true});
        }
    }
    return {"percentiles",
            "Latency percentiles over time",
            "Per tick, measured from the intended start of each request (coordinated omission corrected). "
            "Ticks without answers are gaps." +
                decimationNote(runs, "the highest value is kept"),
            chart.svg(kWidth, kHeight, "Latency percentiles over time"),
            kWidth,
            kHeight};
}

ReportChart throughput(const std::vector<results::RunResult>& runs) {
    LineChart chart("time since start", Unit::Seconds, "per second", Unit::PerSecond);
    addWarmup(chart, runs);
    const TickValue requests = [](const results::TickPoint& t) { return rate(t, t.overall.requests); };
    const TickValue errors = [](const results::TickPoint& t) { return rate(t, t.overall.errors); };
    if (runs.size() == 1) {
        const results::RunResult& run = runs.front();
        chart.addLine({"requests/s", cssColour(chartColour(0)), seriesOf(run, requests, Reduction::Mean)});
        chart.addLine({"errors/s", cssColour(chartColour(1)), seriesOf(run, errors, Reduction::Mean)});
        if (run.executor == model::Executor::Open) {
            chart.addLine({"offered rate", cssColour(mutedColour()),
                           seriesOf(
                               run, [](const results::TickPoint& t) { return t.level; }, Reduction::Mean),
                           true});
        }
    } else {
        for (std::size_t i = 0; i < runs.size(); ++i) {
            chart.addLine(
                {runLetter(i) + " requests/s", runColor(i), seriesOf(runs[i], requests, Reduction::Mean)});
            chart.addLine(
                {runLetter(i) + " errors/s", runColor(i), seriesOf(runs[i], errors, Reduction::Mean), true});
        }
    }
    return {"throughput",
            "Throughput and errors over time",
            "Completed requests and errors (transport failures and unexpected 4xx/5xx) per second." +
                decimationNote(runs, "averaged"),
            chart.svg(kWidth, kHeight, "Throughput and errors over time"),
            kWidth,
            kHeight};
}

ReportChart resources(const std::vector<results::RunResult>& runs, bool cpu) {
    LineChart chart("time since start", Unit::Seconds, cpu ? "CPU (100% = one core)" : "resident memory",
                    cpu ? Unit::Percent : Unit::Bytes);
    addWarmup(chart, runs);
    const TickValue server = [cpu](const results::TickPoint& t) {
        const auto& s = t.resources.target;
        if (!s || !s->alive) return kNaN;
        return cpu ? s->cpuPercent : static_cast<double>(s->rssBytes);
    };
    const TickValue generator = [cpu](const results::TickPoint& t) {
        return cpu ? t.resources.self.cpuPercent : static_cast<double>(t.resources.self.rssBytes);
    };
    const Reduction reduction = cpu ? Reduction::Mean : Reduction::Max;
    bool anyServer = false;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const std::string prefix = runs.size() == 1 ? "" : runLetter(i) + " ";
        const bool sampled = serverSampled(runs[i]);
        anyServer = anyServer || sampled;
        if (sampled) {
            chart.addLine({prefix + "server", runs.size() == 1 ? cssColour(chartColour(0)) : runColor(i),
                           seriesOf(runs[i], server, reduction)});
        }
        if (runs.size() == 1 || !sampled) {
            chart.addLine({prefix + "load generator",
                           runs.size() == 1 ? cssColour(chartColour(2)) : runColor(i),
                           seriesOf(runs[i], generator, reduction), true});
        }
    }
    std::string caption = cpu ? "CPU time per tick of the server process and of Loadstar's load generator."
                              : "Resident set size (RSS) of the server process and of the load generator.";
    if (!anyServer)
        caption +=
            " The target was not a process Loadstar could sample (an external URL), so only the load "
            "generator is shown.";
    const std::string title = cpu ? "Server CPU over time" : "Server memory (RSS) over time";
    return {cpu ? "cpu" : "rss",
            title,
            caption + decimationNote(runs, cpu ? "averaged" : "the highest value is kept"),
            chart.svg(kWidth, kHeight, title),
            kWidth,
            kHeight};
}

// The distribution on a "nines" axis: x = -log10(1 - p), so that 90%, 99%,
// 99.9% ... are evenly spaced and the tail gets as much room as the body.
std::vector<ChartPoint> distribution(const stats::LatencyHistogram& h) {
    std::vector<ChartPoint> points;
    if (h.count() == 0) return points;
    const double last = std::min(6.0, std::log10(static_cast<double>(h.count())));
    for (double x = 0; x <= last + 1e-9; x += 0.025) {
        const double p = 100.0 * (1.0 - std::pow(10.0, -x));
        points.push_back({x, static_cast<double>(h.valueAtPercentile(p))});
    }
    return points;
}

ReportChart distributionChart(const std::vector<results::RunResult>& runs) {
    LineChart chart("percentile", Unit::Nines, "latency", Unit::Micros);
    double last = 1;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const results::RunResult& r = runs[i];
        last = std::max(last,
                        std::min(6.0, std::log10(std::max(10.0, static_cast<double>(r.overall.requests)))));
        if (runs.size() == 1) {
            chart.addLine({"corrected", "#2f6fdf", distribution(r.overallStats.latency)});
            if (r.executor == model::Executor::Open)
                chart.addLine({"uncorrected", "#7b8290", distribution(r.overallStats.uncorrected), true});
        } else {
            chart.addLine({runLetter(i), runColor(i), distribution(r.overallStats.latency)});
        }
    }
    chart.setXRange(0, std::ceil(last - 1e-9));
    return {"distribution",
            "Latency percentile distribution",
            "The latency below which a share of requests completed. The x axis is in \"nines\", so the tail "
            "(99% and beyond) is spread out; the curve ends where the request count runs out.",
            chart.svg(kWidth, kHeight, "Latency percentile distribution"),
            kWidth,
            kHeight};
}

ReportChart histogramChart(const std::vector<results::RunResult>& runs) {
    double low = std::numeric_limits<double>::infinity();
    double high = 0;
    for (const auto& r : runs) {
        if (r.overallStats.latency.count() == 0) continue;
        low = std::min(low, static_cast<double>(r.overallStats.latency.min()));
        high = std::max(high, static_cast<double>(r.overallStats.latency.max()));
    }
    low = std::max(1.0, std::isfinite(low) ? low : 1.0);
    high = std::max(high + 1, low + 10);
    // Wide spreads (a long tail) read best on a log axis; a narrow one on a linear axis.
    const bool logarithmic = high / low > 4;
    constexpr int kBins = 48;
    std::vector<double> edges;
    for (int i = 0; i <= kBins; ++i) {
        const double f = static_cast<double>(i) / kBins;
        edges.push_back(logarithmic ? low * std::pow(high / low, f) : low + (high - low) * f);
    }
    HistogramChart chart(edges, logarithmic);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const stats::LatencyHistogram& h = runs[i].overallStats.latency;
        std::vector<double> shares(kBins, 0.0);
        for (const auto& [index, count] : h.nonZeroCounts()) {
            const double value =
                std::clamp(static_cast<double>(stats::LatencyHistogram::lowestEquivalent(index) +
                                               stats::LatencyHistogram::highestEquivalent(index)) /
                               2.0,
                           static_cast<double>(h.min()), static_cast<double>(h.max()));
            const auto bin = std::upper_bound(edges.begin(), edges.end(), value) - edges.begin() - 1;
            shares[static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(bin, 0, kBins - 1))] +=
                100.0 * static_cast<double>(count) / static_cast<double>(h.count());
        }
        chart.addSeries({runs.size() == 1 ? "share of requests" : runLetter(i),
                         runs.size() == 1 ? cssColour(chartColour(0)) : runColor(i), std::move(shares)});
    }
    return {
        "histogram",
        "Latency histogram",
        std::string("Share of requests per latency bin, from the fastest to the slowest request; bins are "
                    "evenly spaced on a ") +
            (logarithmic ? "logarithmic" : "linear") + " scale.",
        chart.svg(kWidth, kHeight, "Latency histogram"),
        kWidth,
        kHeight};
}

}  // namespace

std::string runLetter(std::size_t index) {
    if (index < 26) return std::string(1, static_cast<char>('A' + index));
    return "R" + std::to_string(index + 1);
}

std::string runColor(std::size_t index) {
    return cssColour(chartColour(index));
}

std::vector<ReportChart> reportCharts(const std::vector<results::RunResult>& runs) {
    std::vector<ReportChart> charts;
    if (runs.empty()) return charts;
    charts.push_back(percentiles(runs));
    charts.push_back(throughput(runs));
    charts.push_back(resources(runs, true));
    charts.push_back(resources(runs, false));
    charts.push_back(distributionChart(runs));
    charts.push_back(histogramChart(runs));
    return charts;
}

}  // namespace loadstar::report
