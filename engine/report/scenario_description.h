#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/model/scenario.h"

namespace loadstar::report {

// The scenario's configuration as (setting, value) rows for a report, in the
// order a reader asks about them. Header values that look like credentials
// (Authorization, API keys, cookies, tokens) are masked: reports get forwarded.
std::vector<std::pair<std::string, std::string>> describeScenario(const model::Scenario& scenario);

// "closed loop, 200 virtual users, 30s, warm-up 5s"
std::string scenarioSummary(const model::Scenario& scenario);

}  // namespace loadstar::report
