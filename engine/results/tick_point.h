#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/model/json.h"
#include "engine/monitor/resource_monitor.h"
#include "engine/stats/summary.h"

namespace loadstar::results {

// One tick of a run: what happened in the interval that ended at `elapsed`.
struct TickPoint {
    double elapsed = 0;  // seconds since the start, warm-up included
    double seconds = 0;  // length of the interval
    int stage = 0;       // -1: warm-up
    double level = 0;    // offered load: virtual users or arrivals/s
    int openConnections = 0;
    stats::Summary overall;
    std::vector<stats::Summary> endpoints;  // in the plan's endpoint order
    monitor::ResourceSample resources;

    Json toJson(const std::vector<std::string>& endpointIds) const;
};

// A run's ticks in order. Each point is immutable once published, so a live
// snapshot and the stored result share them.
using Series = std::vector<std::shared_ptr<const TickPoint>>;

}  // namespace loadstar::results
