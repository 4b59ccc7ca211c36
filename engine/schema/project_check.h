#pragma once

#include <vector>

#include "engine/model/design_check.h"
#include "engine/model/project.h"

namespace loadstar::schema {

// Defaults, examples and response examples that do not satisfy their own declared
// types and constraints (checked with the request validator, so "valid" means
// exactly what the served API accepts).
std::vector<model::Problem> checkDesignValues(const model::Project& project);

// Scenario URLs the load engine would refuse: not http(s) or malformed (errors), or
// a literal address outside loopback that the scenario does not allow by name
// (a warning: a run asks first; a name is checked when a run resolves it).
std::vector<model::Problem> checkScenarioTargets(const model::Project& project);

// Everything the CLI's `check` and the workbench's Problems list show: the
// structural design checks, then the value checks, then the scenario targets.
std::vector<model::Problem> checkProject(const model::Project& project);

}  // namespace loadstar::schema
