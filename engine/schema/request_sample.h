#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/model/endpoint.h"
#include "engine/model/project.h"
#include "engine/schema/sample_generator.h"

namespace loadstar::schema {

// A whole HTTP request for an endpoint.
struct RequestSample {
    std::string method;
    std::string target;  // path with params substituted and percent-encoded, plus "?query" when any
    std::vector<std::pair<std::string, std::string>> headers;
    std::optional<std::string> body;  // serialized JSON; Content-Type application/json is implied
};

// A valid request: every path parameter filled, required query and header
// parameters present (optional ones half of the time, or always with
// SampleOptions::allOptionalFields), the endpoint's credentials when it requires
// auth and the project has any, and a body when the endpoint takes one.
RequestSample sampleRequest(const model::Project& project, const model::Endpoint& endpoint,
                            SampleGenerator& gen);

struct InvalidRequestSample {
    RequestSample request;
    std::string description;  // "query limit: 0, below ge 1"
    ExpectedError expected;
};

// Requests that each break exactly one constraint of the endpoint's parameters or
// body (locs ["path", name], ["query", name], ["header", name], ["body", ...]), with
// the 422 error each must produce. Auth failures (401/403) are not among them.
// Deterministic for a seed.
std::vector<InvalidRequestSample> invalidRequestVariants(const model::Project& project,
                                                         const model::Endpoint& endpoint, std::uint64_t seed);

// RFC 3986 percent-encoding of everything but unreserved characters.
std::string percentEncode(std::string_view text);

}  // namespace loadstar::schema
