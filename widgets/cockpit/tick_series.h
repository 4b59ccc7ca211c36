#pragma once

#include <QList>
#include <QPointF>
#include <QString>

#include "engine/load/snapshot.h"

namespace loadstar::widgets {

// What one line of a run's time series shows, read off each tick.
enum class TickMetric {
    P50,  // latency (corrected), ms
    P90,
    P99,
    Max,
    P99Uncorrected,
    Rps,              // completed requests per second
    ErrorsPerSecond,  // transport errors + unexpected 4xx/5xx per second
    ServerCpu,        // the target process, % of one core
    ServerRssMiB,
    LoadCpu,  // the load generator's own process
    LoadRssMiB,
};

QString toString(TickMetric metric);  // legend text: "p99", "requests/s", "server CPU"

// The metric over the run (x: seconds since the start, warm-up included), empty
// ticks skipped for latencies; resource metrics only where a sample exists.
QList<QPointF> tickSeries(const results::Series& series, TickMetric metric);

}  // namespace loadstar::widgets
