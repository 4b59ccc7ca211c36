#pragma once

#include <optional>
#include <vector>

#include "engine/model/duration.h"
#include "engine/model/scenario.h"

namespace loadstar::load {

// How much load to offer over time: virtual users (closed loop) or arrivals per
// second (open loop) as a piecewise-linear function of the time since the start.
// A warm-up runs first at the first level; then either a constant level for
// `duration` or the stages, each ramping linearly from the previous level (the
// first from the warm-up level, or from 0 without a warm-up).
class LoadProfile {
  public:
    struct Segment {
        model::Duration length{0};
        double from = 0;
        double to = 0;
    };

    LoadProfile() = default;
    // Constant `level` for `duration` after `warmup`.
    static LoadProfile constant(double level, model::Duration duration, model::Duration warmup = {});
    static LoadProfile staged(const std::vector<model::Stage>& stages, model::Duration warmup = {});
    // The scenario's own shape: stages when it has some, else vus / rate for duration.
    static LoadProfile of(const model::Scenario& scenario);

    model::Duration warmup() const { return warmup_; }
    model::Duration total() const;  // warm-up included
    model::Duration measured() const { return total() - warmup_; }
    std::size_t stageCount() const { return stageCount_; }

    double levelAt(model::Duration sinceStart) const;
    // -1 during the warm-up, then the index of the stage (0 for a constant profile);
    // stageCount() after the end.
    int stageAt(model::Duration sinceStart) const;
    // Expected number of arrivals in [0, t): the integral of the level.
    double arrivalsBefore(model::Duration sinceStart) const;
    // When arrival number `n` (0-based) is due: the t with arrivalsBefore(t) = n.
    // nullopt when the profile ends first.
    std::optional<model::Duration> arrivalTime(double n) const;

    const std::vector<Segment>& segments() const { return segments_; }

  private:
    std::vector<Segment> segments_;  // the warm-up segment first when there is one
    model::Duration warmup_{0};
    std::size_t stageCount_ = 1;
};

}  // namespace loadstar::load
