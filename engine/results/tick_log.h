#pragma once

#include <cstddef>
#include <mutex>

#include "engine/results/tick_point.h"

namespace loadstar::results {

// Every tick of one run so far, append-only, shared by the run's snapshots so
// that a reader who missed some (a GUI polling on its own timer) can fetch the
// ticks it has not seen. The writer appends once per tick; readers copy a range
// of pointers. The mutex is held for that copy only, never on a request path.
class TickLog {
  public:
    void append(std::shared_ptr<const TickPoint> tick);
    // Ticks [from, to), clamped to what has been appended.
    Series range(std::size_t from, std::size_t to) const;

  private:
    mutable std::mutex mutex_;
    Series ticks_;
};

}  // namespace loadstar::results
