#pragma once

#include <string>
#include <vector>

#include <QString>

#include "engine/load/snapshot.h"

namespace loadstar::widgets {

// A threshold judged on a run's totals so far, while it runs. The engine's exact
// verdict comes from the whole-run histograms at the end; live, only the usual
// percentiles of the snapshot are at hand, so other percentiles wait for the end.
struct LiveVerdict {
    enum class State { Passing, Failing, Pending, Invalid };
    QString text;
    State state = State::Pending;
    QString measured;  // "p99 = 12.3ms"; for Invalid the parse error
};

std::vector<LiveVerdict> evaluateLive(const std::vector<std::string>& thresholds,
                                      const load::Snapshot& snapshot);

}  // namespace loadstar::widgets
