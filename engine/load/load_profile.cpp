#include "engine/load/load_profile.h"

#include <algorithm>
#include <cmath>

namespace loadstar::load {

namespace {

double seconds(model::Duration d) {
    return static_cast<double>(d.count()) / 1e6;
}

model::Duration fromSeconds(double s) {
    return model::Duration(static_cast<std::int64_t>(std::llround(s * 1e6)));
}

}  // namespace

LoadProfile LoadProfile::constant(double level, model::Duration duration, model::Duration warmup) {
    LoadProfile p;
    p.warmup_ = warmup;
    if (warmup.count() > 0) p.segments_.push_back({warmup, level, level});
    p.segments_.push_back({duration, level, level});
    return p;
}

LoadProfile LoadProfile::staged(const std::vector<model::Stage>& stages, model::Duration warmup) {
    LoadProfile p;
    p.warmup_ = warmup;
    p.stageCount_ = stages.size();
    double level = 0;
    if (warmup.count() > 0 && !stages.empty()) {
        level = stages.front().target;
        p.segments_.push_back({warmup, level, level});
    }
    for (const model::Stage& s : stages) {
        p.segments_.push_back({s.duration, level, s.target});
        level = s.target;
    }
    return p;
}

LoadProfile LoadProfile::of(const model::Scenario& s) {
    if (!s.stages.empty()) return staged(s.stages, s.warmup);
    const double level = s.executor == model::Executor::Closed ? static_cast<double>(s.vus) : s.rate;
    return constant(level, s.duration, s.warmup);
}

model::Duration LoadProfile::total() const {
    model::Duration t{0};
    for (const Segment& s : segments_)
        t += s.length;
    return t;
}

double LoadProfile::levelAt(model::Duration t) const {
    model::Duration start{0};
    for (const Segment& s : segments_) {
        if (t < start + s.length) {
            const double f = s.length.count() > 0 ? seconds(t - start) / seconds(s.length) : 1.0;
            return s.from + (s.to - s.from) * f;
        }
        start += s.length;
    }
    return segments_.empty() ? 0 : segments_.back().to;
}

int LoadProfile::stageAt(model::Duration t) const {
    if (t < warmup_) return -1;
    model::Duration start = warmup_;
    const std::size_t first = warmup_.count() > 0 ? 1 : 0;
    for (std::size_t i = first; i < segments_.size(); ++i) {
        start += segments_[i].length;
        if (t < start) return static_cast<int>(i - first);
    }
    return static_cast<int>(stageCount_);
}

double LoadProfile::arrivalsBefore(model::Duration t) const {
    double n = 0;
    model::Duration start{0};
    for (const Segment& s : segments_) {
        const double length = seconds(s.length);
        if (t >= start + s.length) {
            n += (s.from + s.to) / 2 * length;
        } else {
            const double tau = seconds(t - start);
            n += s.from * tau + (s.to - s.from) * tau * tau / (2 * length);
            return n;
        }
        start += s.length;
    }
    return n;
}

std::optional<model::Duration> LoadProfile::arrivalTime(double n) const {
    double before = 0;
    double start = 0;
    for (const Segment& s : segments_) {
        const double length = seconds(s.length);
        const double area = (s.from + s.to) / 2 * length;
        if (n < before + area) {
            // Solve from*tau + (to-from)/(2*length)*tau^2 = n - before for tau in [0, length].
            const double want = n - before;
            const double a = (s.to - s.from) / (2 * length);
            double tau = 0;
            if (std::abs(a) < 1e-12) {
                tau = want / s.from;
            } else {
                const double disc = s.from * s.from + 4 * a * want;
                tau = (-s.from + std::sqrt(std::max(0.0, disc))) / (2 * a);
            }
            return fromSeconds(start + std::clamp(tau, 0.0, length));
        }
        before += area;
        start += length;
    }
    return std::nullopt;
}

}  // namespace loadstar::load
