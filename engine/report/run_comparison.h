#pragma once

#include <string>
#include <vector>

#include "engine/report/units.h"
#include "engine/results/run_result.h"

namespace loadstar::report {

// How a metric changed from the baseline (the first run) to another run.
enum class Change {
    Baseline,     // the first run itself
    Within,       // inside the noise band
    Improvement,  // better by more than the band (latency down, throughput up)
    Regression,   // worse by more than the band
    Neutral,      // changed, but neither better nor worse (e.g. request count)
};
const char* toString(Change change);  // "baseline", "within noise", "improvement", "regression", "changed"

struct MetricComparison {
    enum class Better { Lower, Higher, Neither };

    std::string metric;  // "p99 latency"
    Unit unit = Unit::Count;
    Better better = Better::Lower;
    std::vector<double> values;          // one per run
    std::vector<double> changesPercent;  // relative to the first run; NaN when the baseline is 0
    std::vector<Change> changes;
};

// Differences smaller than this many percent are treated as noise, not marked.
inline constexpr double kNoiseBandPercent = 3.0;

// The delta table of a comparison: latency percentiles, throughput, error rate,
// server CPU and memory, each run against the first.
std::vector<MetricComparison> compareRuns(const std::vector<results::RunResult>& runs,
                                          double noiseBandPercent = kNoiseBandPercent);

}  // namespace loadstar::report
