#pragma once

#include <string>
#include <vector>

#include "engine/results/run_result.h"

namespace loadstar::report {

// One chart of a report, drawn as SVG.
struct ReportChart {
    std::string key;      // "percentiles", "throughput", "cpu", "rss", "distribution", "histogram"
    std::string title;    // "Latency percentiles over time"
    std::string caption;  // how to read it, what was left out
    std::string svg;
    int width = 0;
    int height = 0;
};

// Lines per chart at most this many points: long runs are decimated.
inline constexpr std::size_t kMaxChartPoints = 600;

// The charts of a report on one run, or overlaid for a comparison of several
// (the first run is the baseline). Charts without data are left out.
std::vector<ReportChart> reportCharts(const std::vector<results::RunResult>& runs);

// "A", "B", ... for runs in a comparison.
std::string runLetter(std::size_t index);
// The colour a run gets in every chart of a comparison.
std::string runColor(std::size_t index);

}  // namespace loadstar::report
