#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/results/tick_point.h"
#include "engine/stats/summary.h"
#include "engine/stats/threshold.h"

namespace loadstar::load {

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
    // The run's thresholds judged on the measured part so far, by the code that
    // judges the final verdict (stats::judge over the whole-run histograms).
    std::vector<stats::ThresholdResult> thresholds;
    results::Series series;  // every tick so far; the last one is the newest
};

const char* toString(Snapshot::Phase phase);  // "warming_up", "running", "stopping", "finished"

}  // namespace loadstar::load
