#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/model/scenario.h"
#include "engine/model/server_settings.h"
#include "engine/results/run_result.h"

namespace loadstar::report {

// The scenario's configuration as (setting, value) rows for a report, in the
// order a reader asks about them. Header values that look like credentials
// (Authorization, API keys, cookies, tokens) are masked: reports get forwarded.
std::vector<std::pair<std::string, std::string>> describeScenario(const model::Scenario& scenario);

// "async event loop, 2 threads" or "worker pool, 4 workers, queue 64": how the
// embedded server ran, for comparisons of concurrency models.
std::string serverSummary(const model::ServerSettings& server);

// Which server answered a run on the design and how it started: "FastAPI (uvicorn,
// 1 worker); FastAPI 0.92.0, uvicorn 0.17.6, Python 3.11.2; answered 0.84 s after
// its start", or the embedded server's settings; empty for a run on a URL.
std::string serverDescription(const results::RunResult& run);

// "closed loop, 200 virtual users, 30s, warm-up 5s"
std::string scenarioSummary(const model::Scenario& scenario);

}  // namespace loadstar::report
