#pragma once

#include <string>
#include <vector>

#include "engine/results/run_result.h"

namespace loadstar::testing {

// A real run: a short closed-loop load of two endpoints against an in-process
// TestServer that resets every tenth connection's answer, with the test
// process itself sampled as the "server". 300 requests in ticks of 50 ms.
results::RunResult realRun(const std::vector<std::string>& thresholds, int vus = 2);

// A synthetic run of `ticks` ticks of 250 ms with plausible, varying values in
// every series (a one-hour run is 14,400 ticks), built without a network.
results::RunResult syntheticRun(std::size_t ticks, double latencyScale = 1.0);

}  // namespace loadstar::testing
