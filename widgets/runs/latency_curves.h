#pragma once

#include <QList>
#include <QPointF>

#include "engine/stats/latency_histogram.h"

namespace loadstar::widgets {

// The percentile distribution as HdrHistogram plots it: x is the "nines" scale,
// x = log10(1 / (1 - p)), so 0 is the median's left end (0 %), 1 is 90 %, 2 is 99 %
// and so on up to 5 (99.999 %); y is the latency in milliseconds. The curve stops
// where the histogram runs out of samples (1/(1-p) beyond the count says nothing)
// and ends at the maximum.
QList<QPointF> percentileCurve(const stats::LatencyHistogram& histogram, int pointsPerNine = 40);

constexpr double kMaxNines = 5.0;  // 99.999 %
// "0%", "90%", "99%", "99.9%", ... for x = 0, 1, 2, 3, ...
QString ninesLabel(int nines);
// The x of a percentile (0..100) on the nines scale.
double ninesOf(double percentile);

// A latency histogram for display: `bins` log-spaced bins between the smallest
// and largest recorded value, each as (bin's lower edge in ms, share of requests
// in %), plus a closing point at the upper edge so that a stepped line ends.
QList<QPointF> latencyHistogramBins(const stats::LatencyHistogram& histogram, int bins = 48);

}  // namespace loadstar::widgets
