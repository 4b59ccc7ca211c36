#include "engine/engines/load_shape.h"

#include <algorithm>

namespace loadstar::engines {

double toSeconds(model::Duration d) {
    return static_cast<double>(d.count()) / 1e6;
}

LoadShape LoadShape::of(const model::Scenario& s) {
    LoadShape shape;
    shape.warmupSeconds = toSeconds(s.warmup);
    if (s.stages.empty()) {
        const double level = s.executor == model::Executor::Closed ? static_cast<double>(s.vus) : s.rate;
        if (shape.warmupSeconds > 0) shape.segments.push_back({shape.warmupSeconds, level, level});
        shape.segments.push_back({toSeconds(s.duration), level, level});
        return shape;
    }
    shape.stageCount = static_cast<int>(s.stages.size());
    double level = 0;
    if (shape.warmupSeconds > 0) {
        level = s.stages.front().target;
        shape.segments.push_back({shape.warmupSeconds, level, level});
    }
    for (const model::Stage& stage : s.stages) {
        shape.segments.push_back({toSeconds(stage.duration), level, stage.target});
        level = stage.target;
    }
    return shape;
}

double LoadShape::totalSeconds() const {
    double total = 0;
    for (const Segment& s : segments)
        total += s.seconds;
    return total;
}

double LoadShape::peak() const {
    double peak = 0;
    for (const Segment& s : segments)
        peak = std::max({peak, s.from, s.to});
    return peak;
}

double LoadShape::levelAt(double t) const {
    double start = 0;
    for (const Segment& s : segments) {
        if (t < start + s.seconds) {
            const double f = s.seconds > 0 ? (t - start) / s.seconds : 1.0;
            return s.from + (s.to - s.from) * f;
        }
        start += s.seconds;
    }
    return segments.empty() ? 0 : segments.back().to;
}

int LoadShape::stageAt(double t) const {
    if (t < warmupSeconds) return -1;
    double start = warmupSeconds;
    const std::size_t first = warmupSeconds > 0 ? 1 : 0;
    for (std::size_t i = first; i < segments.size(); ++i) {
        start += segments[i].seconds;
        if (t < start) return static_cast<int>(i - first);
    }
    return stageCount;
}

}  // namespace loadstar::engines
