#include "engine/load/snapshot.h"

namespace loadstar::load {

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
