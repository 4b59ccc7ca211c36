#pragma once

#include <nlohmann/json.hpp>

namespace loadstar {

// One JSON type for the whole engine. Insertion order is kept so that project
// files, echoed bodies, error lists and OpenAPI documents read in the order a
// person wrote them, and so that every output is deterministic.
using Json = nlohmann::ordered_json;

}  // namespace loadstar
