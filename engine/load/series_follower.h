#pragma once

#include <cstddef>

#include "engine/load/snapshot.h"

namespace loadstar::load {

// A run's series rebuilt by a reader from the snapshots it happens to see: each
// tick once and in order, however many snapshots it missed (the ticks in between
// come from the snapshot's history) or saw twice.
class SeriesFollower {
  public:
    // Appends what `snapshot` brings that is not held yet; returns how many ticks.
    std::size_t follow(const Snapshot& snapshot);
    const results::Series& series() const { return series_; }
    // Ticks read from the history because the snapshot that carried them was missed.
    std::size_t recovered() const { return recovered_; }
    // Ticks that could not be had (a gap and no history): the series skips them.
    std::size_t lost() const { return lost_; }
    void reset();

  private:
    results::Series series_;
    std::size_t next_ = 0;  // the run's number of the next tick to append
    std::size_t recovered_ = 0;
    std::size_t lost_ = 0;
};

}  // namespace loadstar::load
