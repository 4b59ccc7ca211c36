#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/model/json.h"

namespace loadstar::schema {

// One entry of FastAPI's 422 `detail` list, with Pydantic v2's type names and
// messages, so that clients written against a FastAPI service read our errors
// unchanged.
struct ValidationError {
    std::string type;         // Pydantic v2 error type, e.g. "greater_than_equal"
    Json loc;                 // array, e.g. ["body","texts",0]
    std::string msg;          // Pydantic's message, e.g. "Input should be greater than or equal to 1"
    Json input;               // the offending input (a missing body field: the enclosing object)
    std::optional<Json> ctx;  // where Pydantic gives one, e.g. {"ge":1}

    // Keys in FastAPI's order: type, loc, msg, input[, ctx].
    Json toJson() const;
    bool operator==(const ValidationError&) const = default;
};

// FastAPI's 422 body: {"detail":[...]}.
Json errorBody(const std::vector<ValidationError>& errors);

}  // namespace loadstar::schema
