#pragma once

#include <cstddef>
#include <string>
#include <variant>

#include "engine/load/request_plan.h"
#include "engine/model/project.h"
#include "engine/model/target_url.h"

namespace loadstar::load {

// What a scenario sends: its mix (every endpoint with equal weight when empty),
// each endpoint with `variants` prepared requests. The base URL's path is a
// prefix for the endpoints' paths ("http://host/api" + "/books"). The scenario's
// headers go on every request. An unknown endpoint in the mix is an error.
std::variant<RequestPlan, std::string> buildRequestPlan(const model::Project& project,
                                                        const model::Scenario& scenario,
                                                        const model::TargetUrl& base,
                                                        std::size_t variants = 64);

}  // namespace loadstar::load
