#pragma once

#include <cstddef>
#include <vector>

#include "engine/report/line_chart.h"

namespace loadstar::report {

// How the ticks that share one chart point are combined.
enum class Reduction {
    Mean,  // rates: the area under the line is kept
    Max,   // latencies: a spike in any tick stays visible
};

// At most `maxPoints` points: consecutive points are grouped in equal runs and
// each run becomes one point at its mean x. Gaps (NaN) survive when a whole run
// is a gap. A one-hour run at 4 ticks/s is 14,400 points; a chart needs ~600.
std::vector<ChartPoint> decimate(const std::vector<ChartPoint>& points, std::size_t maxPoints,
                                 Reduction reduction);

}  // namespace loadstar::report
