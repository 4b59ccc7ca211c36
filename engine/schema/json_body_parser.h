#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include "engine/model/json.h"

namespace loadstar::schema {

// Why a body is not acceptable JSON, located like Python's JSONDecodeError.pos
// (a character offset, which FastAPI puts into the error's loc).
struct JsonBodyError {
    std::size_t charOffset = 0;
    std::string message;
    bool operator==(const JsonBodyError&) const = default;
};

// Parses a request body into a DOM without ever nesting deeper than `maxDepth`
// (the builder stops at the first bracket beyond it, so a 100,000-deep body costs
// a linear scan and no recursion). Invalid UTF-8 is a parse error. Duplicate keys
// keep their first position and last value, like Python's dict. Never throws.
std::variant<Json, JsonBodyError> parseJsonBody(std::string_view body, int maxDepth);

}  // namespace loadstar::schema
