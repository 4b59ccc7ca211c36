#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "engine/model/project.h"

namespace loadstar::engines {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// One request of an endpoint as an exported script sends it: the target relative
// to the base URL, the sample's own headers (parameters, credentials) and the body.
struct SampleRequest {
    std::string target;  // "/books/12?limit=5"
    HeaderList headers;
    std::optional<std::string> body;  // JSON text
    std::string breaks;               // invalid ones: which constraint they break
};

struct EndpointSamples {
    std::string id;
    std::string method;
    std::string path;  // the template, for people reading the script
    double weight = 1;
    std::vector<SampleRequest> valid;
    std::vector<SampleRequest> invalid;  // empty unless the scenario sends an invalid share
};

// What a scenario sends, generated once at export time like the native engine's
// request plan: its mix (every endpoint with equal weight when empty), `count`
// valid samples per endpoint (the scenario's fixed body in place of the generated
// one when it has one), and every invalid variant the design allows when the
// scenario sends an invalid share. An unknown endpoint in the mix is an error.
std::variant<std::vector<EndpointSamples>, std::string> scenarioSamples(const model::Project& project,
                                                                        const model::Scenario& scenario,
                                                                        std::size_t count = 32);

}  // namespace loadstar::engines
