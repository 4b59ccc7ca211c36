#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/model/json.h"
#include "engine/monitor/resource_monitor.h"
#include "engine/stats/summary.h"

namespace loadstar::load {

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

using Series = std::vector<std::shared_ptr<const TickPoint>>;

// What the runner publishes after each tick. Immutable once published: readers
// (the GUI's timer, the CLI's progress line) hold a shared_ptr and never block the
// I/O threads.
struct Snapshot {
    enum class Phase { WarmingUp, Running, Stopping, Finished };

    Phase phase = Phase::WarmingUp;
    double elapsed = 0;  // seconds since the start
    double total = 0;    // planned length, warm-up included
    int stage = -1;
    std::size_t stageCount = 1;
    double level = 0;
    int openConnections = 0;
    std::uint64_t requestsStarted = 0;
    std::vector<std::string> endpointIds;
    stats::Summary totals;  // the measured part of the run so far
    std::vector<stats::Summary> endpointTotals;
    Series series;  // every tick so far; the last one is the newest
};

const char* toString(Snapshot::Phase phase);  // "warming_up", "running", "stopping", "finished"

}  // namespace loadstar::load
