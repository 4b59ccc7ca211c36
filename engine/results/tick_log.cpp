#include "engine/results/tick_log.h"

#include <algorithm>

namespace loadstar::results {

void TickLog::append(std::shared_ptr<const TickPoint> tick) {
    const std::lock_guard lock(mutex_);
    ticks_.push_back(std::move(tick));
}

Series TickLog::range(std::size_t from, std::size_t to) const {
    const std::lock_guard lock(mutex_);
    to = std::min(to, ticks_.size());
    if (from >= to) return {};
    return {ticks_.begin() + static_cast<std::ptrdiff_t>(from),
            ticks_.begin() + static_cast<std::ptrdiff_t>(to)};
}

}  // namespace loadstar::results
