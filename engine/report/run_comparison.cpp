#include "engine/report/run_comparison.h"

#include <cmath>
#include <functional>
#include <limits>

#include "engine/report/resource_usage.h"

namespace loadstar::report {

const char* toString(Change change) {
    switch (change) {
        case Change::Baseline:
            return "baseline";
        case Change::Within:
            return "within noise";
        case Change::Improvement:
            return "improvement";
        case Change::Regression:
            return "regression";
        case Change::Neutral:
            return "changed";
    }
    return "unknown";
}

namespace {

Change classify(double base, double value, MetricComparison::Better better, double band, double& percent) {
    percent = base != 0 ? (value - base) / std::fabs(base) * 100.0 : std::numeric_limits<double>::quiet_NaN();
    bool beyond = false;
    bool up = value > base;
    if (base == 0) {
        beyond = value != 0;
    } else {
        beyond = std::fabs(percent) > band;
    }
    if (!beyond) return Change::Within;
    if (better == MetricComparison::Better::Neither) return Change::Neutral;
    const bool improved = better == MetricComparison::Better::Lower ? !up : up;
    return improved ? Change::Improvement : Change::Regression;
}

}  // namespace

std::vector<MetricComparison> compareRuns(const std::vector<results::RunResult>& runs, double band) {
    using Better = MetricComparison::Better;
    struct Metric {
        const char* name;
        Unit unit;
        Better better;
        std::function<double(const results::RunResult&)> value;
    };
    const auto latency = [](double p) {
        return [p](const results::RunResult& r) {
            return static_cast<double>(r.overallStats.latency.valueAtPercentile(p));
        };
    };
    std::vector<Metric> metrics = {
        {"p50 latency", Unit::Micros, Better::Lower, latency(50)},
        {"p90 latency", Unit::Micros, Better::Lower, latency(90)},
        {"p95 latency", Unit::Micros, Better::Lower, latency(95)},
        {"p99 latency", Unit::Micros, Better::Lower, latency(99)},
        {"p99.9 latency", Unit::Micros, Better::Lower, latency(99.9)},
        {"max latency", Unit::Micros, Better::Lower,
         [](const results::RunResult& r) { return static_cast<double>(r.overall.latency.max); }},
        {"mean latency", Unit::Micros, Better::Lower,
         [](const results::RunResult& r) { return r.overall.latency.mean; }},
        {"throughput", Unit::PerSecond, Better::Higher,
         [](const results::RunResult& r) { return r.overall.rps; }},
        {"error rate", Unit::Percent, Better::Lower,
         [](const results::RunResult& r) { return r.overall.errorRate * 100.0; }},
        {"requests", Unit::Count, Better::Neither,
         [](const results::RunResult& r) { return static_cast<double>(r.overall.requests); }},
    };
    bool serverSampled = !runs.empty();
    for (const results::RunResult& r : runs)
        serverSampled = serverSampled && ResourceUsage::of(r).serverSampled;
    if (serverSampled) {
        metrics.push_back({"server CPU (mean)", Unit::Percent, Better::Lower,
                           [](const results::RunResult& r) { return ResourceUsage::of(r).serverCpuMean; }});
        metrics.push_back({"server RSS (max)", Unit::Bytes, Better::Lower, [](const results::RunResult& r) {
                               return static_cast<double>(ResourceUsage::of(r).serverRssMax);
                           }});
    }

    std::vector<MetricComparison> out;
    for (const Metric& m : metrics) {
        MetricComparison c;
        c.metric = m.name;
        c.unit = m.unit;
        c.better = m.better;
        for (std::size_t i = 0; i < runs.size(); ++i) {
            c.values.push_back(m.value(runs[i]));
            double percent = 0;
            if (i == 0) {
                c.changes.push_back(Change::Baseline);
            } else {
                c.changes.push_back(classify(c.values.front(), c.values.back(), m.better, band, percent));
            }
            c.changesPercent.push_back(percent);
        }
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace loadstar::report
