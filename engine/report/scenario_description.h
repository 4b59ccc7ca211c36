#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/model/scenario.h"
#include "engine/model/server_settings.h"

namespace loadstar::report {

// The scenario's configuration as (setting, value) rows for a report, in the
// order a reader asks about them. Header values that look like credentials
// (Authorization, API keys, cookies, tokens) are masked: reports get forwarded.
std::vector<std::pair<std::string, std::string>> describeScenario(const model::Scenario& scenario);

// "async event loop, 2 threads" or "worker pool, 4 workers, queue 64": how the
// embedded server ran, for comparisons of concurrency models.
std::string serverSummary(const model::ServerSettings& server);

// "closed loop, 200 virtual users, 30s, warm-up 5s"
std::string scenarioSummary(const model::Scenario& scenario);

}  // namespace loadstar::report
