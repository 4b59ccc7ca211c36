#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/load/load_options.h"
#include "engine/model/scenario.h"
#include "engine/results/run_result.h"
#include "engine/results/tick_point.h"
#include "engine/stats/request_stats.h"

namespace loadstar::load {

// Everything a finished run measured.
struct RunOutput {
    LoadOptions options;
    std::vector<std::string> endpointIds;
    stats::RequestStats overall;  // the measured part (warm-up excluded)
    stats::RequestStats warmup;   // the warm-up's requests, all endpoints
    std::vector<stats::RequestStats> endpoints;
    results::Series series;
    double measuredSeconds = 0;
    bool interrupted = false;  // stopped before its planned end
    std::uint64_t requestsStarted = 0;
    std::chrono::system_clock::time_point startedAt;
    std::chrono::system_clock::time_point finishedAt;
};

// The stored form of a run: the scenario copied, the environment captured, the
// thresholds judged (those that do not parse fail with the reason).
results::RunResult makeRunResult(const RunOutput& output, const std::optional<model::Scenario>& scenario,
                                 const std::vector<std::string>& thresholds);

}  // namespace loadstar::load
