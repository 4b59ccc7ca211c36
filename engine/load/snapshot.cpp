#include "engine/load/snapshot.h"

namespace loadstar::load {

Json TickPoint::toJson(const std::vector<std::string>& endpointIds) const {
    Json perEndpoint = Json::object();
    for (std::size_t i = 0; i < endpoints.size() && i < endpointIds.size(); ++i)
        perEndpoint[endpointIds[i]] = endpoints[i].toJson();
    return Json{{"t", elapsed},
                {"seconds", seconds},
                {"stage", stage},
                {"level", level},
                {"open_connections", openConnections},
                {"overall", overall.toJson()},
                {"endpoints", std::move(perEndpoint)},
                {"resources", resources.toJson()}};
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
