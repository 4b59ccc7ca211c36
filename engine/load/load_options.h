#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

#include "engine/load/load_profile.h"
#include "engine/model/scenario.h"
#include "engine/model/target_url.h"

namespace loadstar::load {

// The most connections an open loop opens when the options set no cap.
inline constexpr int kDefaultOpenLoopConnections = 10000;

// Everything a run needs besides the requests, resolved from a scenario or from
// the `loadstar load` command line.
struct LoadOptions {
    model::TargetUrl url;
    model::Executor executor = model::Executor::Closed;
    LoadProfile profile = LoadProfile::constant(10, std::chrono::seconds(10));
    std::int64_t maxRequests = 0;  // 0: no limit
    // Open loop: most connections to open (0: kDefaultOpenLoopConnections). Closed
    // loop: one per VU.
    int maxConnections = 0;
    int threads = 1;
    model::Duration timeout = std::chrono::seconds(10);
    model::Duration thinkTime{0};
    bool insecureTls = false;
    // How often the run's interval is closed: one point of the stored series and one
    // snapshot each. 200 ms gives the live charts 5 frames a second.
    std::chrono::milliseconds tick{200};
    std::optional<pid_t> targetPid;  // sampled by the resource monitor
    std::uint64_t seed = 1;
    // A host outside loopback the user allowed by name (see load::resolveTarget);
    // empty: loopback only.
    std::string allowedRemoteHost;
    // Judged on the run so far with every snapshot (Snapshot::thresholds).
    std::vector<std::string> thresholds;

    // The options a scenario asks for, against `url` (the scenario's own target is
    // ignored: the caller has resolved it). The one place a scenario becomes options.
    static LoadOptions of(const model::Scenario& scenario, const model::TargetUrl& url);
};

}  // namespace loadstar::load
