#include "engine/load/series_follower.h"

namespace loadstar::load {

std::size_t SeriesFollower::follow(const Snapshot& snapshot) {
    const std::size_t end = snapshot.tickCount();
    if (end <= next_) return 0;
    const std::size_t before = series_.size();
    if (snapshot.firstTick > next_) {
        const results::Series missed =
            snapshot.history ? snapshot.history->range(next_, snapshot.firstTick) : results::Series{};
        series_.insert(series_.end(), missed.begin(), missed.end());
        recovered_ += missed.size();
        lost_ += snapshot.firstTick - next_ - missed.size();
        next_ = snapshot.firstTick;
    }
    const auto from = snapshot.ticks.begin() + static_cast<std::ptrdiff_t>(next_ - snapshot.firstTick);
    series_.insert(series_.end(), from, snapshot.ticks.end());
    next_ = end;
    return series_.size() - before;
}

void SeriesFollower::reset() {
    series_.clear();
    next_ = 0;
    recovered_ = 0;
    lost_ = 0;
}

}  // namespace loadstar::load
