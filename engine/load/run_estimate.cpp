#include "engine/load/run_estimate.h"

#include <algorithm>
#include <cmath>

namespace loadstar::load {

namespace {

double seconds(model::Duration d) {
    return static_cast<double>(d.count()) / 1e6;
}

}  // namespace

RunEstimate estimateRun(const LoadOptions& options) {
    RunEstimate e;
    e.executor = options.executor;
    e.warmup = options.profile.warmup();
    e.total = options.profile.total();
    e.maxRequests = options.maxRequests;
    for (const LoadProfile::Segment& s : options.profile.segments())
        e.peakLevel = std::max({e.peakLevel, s.from, s.to});
    // The integral of the level over the whole profile (warm-up included: it sends too).
    const double levelSeconds = options.profile.arrivalsBefore(e.total);
    if (options.executor == model::Executor::Open) {
        e.peakRate = e.peakLevel;
        e.requests = std::floor(levelSeconds);
        e.maxConnections = options.maxConnections > 0 ? options.maxConnections : kDefaultOpenLoopConnections;
    } else {
        e.maxConnections = static_cast<int>(std::ceil(e.peakLevel));
        if (options.thinkTime.count() > 0) {
            e.peakRate = e.peakLevel / seconds(options.thinkTime);
            e.requests = std::floor(levelSeconds / seconds(options.thinkTime));
            e.requestsIsUpperBound = true;
        }
    }
    if (e.maxRequests > 0) {
        const auto cap = static_cast<double>(e.maxRequests);
        if (!e.requests || *e.requests > cap) {
            e.requests = cap;
            e.requestsIsUpperBound = true;
        }
    }
    return e;
}

}  // namespace loadstar::load
