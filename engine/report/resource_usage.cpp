#include "engine/report/resource_usage.h"

#include <algorithm>

namespace loadstar::report {

ResourceUsage ResourceUsage::of(const results::RunResult& run) {
    ResourceUsage u;
    double serverCpu = 0;
    double generatorCpu = 0;
    int serverTicks = 0;
    int ticks = 0;
    for (const auto& point : run.series) {
        u.openConnectionsMax = std::max(u.openConnectionsMax, point->openConnections);
        if (point->stage < 0) continue;
        const monitor::ResourceSample& r = point->resources;
        generatorCpu += r.self.cpuPercent;
        u.generatorRssMax = std::max(u.generatorRssMax, r.self.rssBytes);
        ++ticks;
        if (r.target && r.target->alive) {
            serverCpu += r.target->cpuPercent;
            u.serverCpuMax = std::max(u.serverCpuMax, r.target->cpuPercent);
            u.serverRssMax = std::max(u.serverRssMax, r.target->rssBytes);
            ++serverTicks;
        }
    }
    u.serverSampled = serverTicks > 0;
    if (serverTicks > 0) u.serverCpuMean = serverCpu / serverTicks;
    if (ticks > 0) u.generatorCpuMean = generatorCpu / ticks;
    return u;
}

}  // namespace loadstar::report
