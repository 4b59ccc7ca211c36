#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <sys/types.h>

#include "engine/load/load_profile.h"
#include "engine/load/target_url.h"
#include "engine/model/scenario.h"

namespace loadstar::load {

// Everything a run needs besides the requests, resolved from a scenario or from
// the `loadstar load` command line.
struct LoadOptions {
    TargetUrl url;
    model::Executor executor = model::Executor::Closed;
    LoadProfile profile = LoadProfile::constant(10, std::chrono::seconds(10));
    std::int64_t maxRequests = 0;  // 0: no limit
    // Open loop: most connections to open (0: up to 10000). Closed loop: one per VU.
    int maxConnections = 0;
    int threads = 1;
    model::Duration timeout = std::chrono::seconds(10);
    model::Duration thinkTime{0};
    bool insecureTls = false;
    std::chrono::milliseconds tick{250};
    std::optional<pid_t> targetPid;  // sampled by the resource monitor
    std::uint64_t seed = 1;
};

}  // namespace loadstar::load
