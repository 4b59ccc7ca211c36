#include "engine/load/snapshot.h"

namespace loadstar::load {

std::shared_ptr<const results::TickPoint> Snapshot::newestTick() const {
    if (!ticks.empty()) return ticks.back();
    if (firstTick == 0 || !history) return nullptr;
    const results::Series last = history->range(firstTick - 1, firstTick);
    return last.empty() ? nullptr : last.front();
}

const char* toString(Snapshot::Phase phase) {
    switch (phase) {
        case Snapshot::Phase::WarmingUp:
            return "warming_up";
        case Snapshot::Phase::Running:
            return "running";
        case Snapshot::Phase::Stopping:
            return "stopping";
        case Snapshot::Phase::Finished:
            return "finished";
    }
    return "unknown";
}

}  // namespace loadstar::load
