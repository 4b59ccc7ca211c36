#pragma once

#include <cstdint>
#include <optional>

#include "engine/load/load_options.h"
#include "engine/model/duration.h"

namespace loadstar::load {

// What a run would offer, computed from its options alone (nothing is sent): for a
// dry run, and for the consent a remote target needs.
struct RunEstimate {
    model::Executor executor = model::Executor::Closed;
    double peakLevel = 0;  // the most virtual users (closed) or arrivals per second (open)
    // The most requests per second: the open loop's peak rate; a closed loop's users
    // over their think time (an upper bound: answers take time too); nullopt for a
    // closed loop without think time, which sends as fast as the answers come.
    std::optional<double> peakRate;
    model::Duration warmup{0};
    model::Duration total{0};  // warm-up included
    // Requests the run would send: the open loop's schedule, or the closed loop's
    // upper bound with think time; capped by maxRequests. nullopt: it depends on the
    // server (a closed loop without think time and without a cap).
    std::optional<double> requests;
    bool requestsIsUpperBound = false;
    std::int64_t maxRequests = 0;  // 0: no cap
    int maxConnections = 0;        // the most connections it may open
};

RunEstimate estimateRun(const LoadOptions& options);

}  // namespace loadstar::load
