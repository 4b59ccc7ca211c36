#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/results/tick_log.h"
#include "engine/results/tick_point.h"
#include "engine/stats/summary.h"
#include "engine/stats/threshold.h"

namespace loadstar::load {

// What the runner publishes after each tick. Immutable once published: readers
// (the GUI's timer, the CLI's progress line) hold a shared_ptr and never block the
// I/O threads. A snapshot carries the run's totals so far but only the ticks that
// ended since the previous snapshot: copying the whole series every tick would cost
// what the run has lasted. A reader rebuilds the series with a SeriesFollower.
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
    // The ticks that ended since the previous snapshot, oldest first: ticks number
    // firstTick, firstTick + 1, ... of the run, counted from 0.
    std::size_t firstTick = 0;
    results::Series ticks;
    // Every tick so far, shared by all the run's snapshots: where a reader that
    // missed snapshots (firstTick beyond what it holds) finds the ticks in between.
    std::shared_ptr<const results::TickLog> history;

    // How many ticks the run has had up to this snapshot.
    std::size_t tickCount() const { return firstTick + ticks.size(); }
    // The newest tick (null before the first one ends), carried or from the history.
    std::shared_ptr<const results::TickPoint> newestTick() const;
};

const char* toString(Snapshot::Phase phase);  // "warming_up", "running", "stopping", "finished"

}  // namespace loadstar::load
