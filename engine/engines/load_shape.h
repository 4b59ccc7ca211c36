#pragma once

#include <vector>

#include "engine/model/scenario.h"

namespace loadstar::engines {

// A scenario's offered load over time, as the external engines are told it: the
// warm-up at the first level, then a constant level for `duration` or the stages,
// each ramping linearly from the previous level (the first from the warm-up level,
// or from 0 without a warm-up). The same shape as the native engine's
// load::LoadProfile, which this layer cannot include; both follow model::Scenario.
struct LoadShape {
    struct Segment {
        double seconds = 0;  // length
        double from = 0;     // level at its start: users (closed loop) or requests/s (open loop)
        double to = 0;       // level at its end
    };

    std::vector<Segment> segments;  // the warm-up first when there is one
    double warmupSeconds = 0;
    int stageCount = 1;

    static LoadShape of(const model::Scenario& scenario);

    double totalSeconds() const;
    double peak() const;  // the highest level reached
    double levelAt(double seconds) const;
    // -1 during the warm-up, then the stage's index; stageCount after the end.
    int stageAt(double seconds) const;
};

double toSeconds(model::Duration d);

}  // namespace loadstar::engines
