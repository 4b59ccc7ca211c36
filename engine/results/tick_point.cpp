#include "engine/results/tick_point.h"

namespace loadstar::results {

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

}  // namespace loadstar::results
