#pragma once

#include <string>
#include <variant>
#include <vector>

#include "engine/model/project.h"
#include "engine/model/server_choice.h"

namespace loadstar::session {

// The servers a framework comparison runs each scenario against unless told
// otherwise: the embedded server (as the project's settings say), the design as
// a FastAPI app under uvicorn with one worker (an event loop, like the embedded
// async server's one thread), and as a Flask app under gunicorn with four sync
// workers (the usual 2 × cores on a small machine).
std::vector<model::ServerChoice> defaultComparisonServers();

// The scenarios it runs unless told otherwise: the project's scenarios that
// target the design, in their order (in the Benchmark plan sample: micro / I/O /
// model × 10 / 200 / 1000 users).
std::vector<std::string> defaultComparisonScenarios(const model::Project& project);

// Every scenario against every server, scenario by scenario: the runs of a
// comparison in the order they are made, each a copy of the scenario with its
// server choice set. An unknown scenario, one that drives a URL (there is no
// framework to choose there) or an empty list is refused with the reason.
std::variant<std::vector<model::Scenario>, std::string> comparisonRuns(
    const model::Project& project, const std::vector<std::string>& scenarios,
    const std::vector<model::ServerChoice>& servers);

}  // namespace loadstar::session
