#pragma once

#include <cstdint>

#include "engine/results/run_result.h"

namespace loadstar::report {

// The CPU and memory a run cost, over its measured ticks (warm-up excluded).
// The server's figures exist only when its process was sampled (the embedded
// server, or a pid the user named); the load generator always samples itself.
struct ResourceUsage {
    bool serverSampled = false;
    double serverCpuMean = 0;  // percent of one core
    double serverCpuMax = 0;
    std::uint64_t serverRssMax = 0;  // bytes
    double generatorCpuMean = 0;
    std::uint64_t generatorRssMax = 0;
    int openConnectionsMax = 0;

    static ResourceUsage of(const results::RunResult& run);
};

}  // namespace loadstar::report
