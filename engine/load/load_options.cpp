#include "engine/load/load_options.h"

#include <algorithm>

namespace loadstar::load {

LoadOptions LoadOptions::of(const model::Scenario& scenario, const model::TargetUrl& url) {
    LoadOptions o;
    o.url = url;
    o.executor = scenario.executor;
    o.profile = LoadProfile::of(scenario);
    o.maxRequests = scenario.maxRequests;
    o.maxConnections = scenario.connections;
    o.threads = std::max(1, scenario.threads);
    o.timeout = scenario.timeout;
    o.thinkTime = scenario.thinkTime;
    o.insecureTls = scenario.target.insecureTls;
    o.seed = scenario.seed;
    o.allowedRemoteHost = scenario.allowRemote;
    o.thresholds = scenario.thresholds;
    return o;
}

}  // namespace loadstar::load
