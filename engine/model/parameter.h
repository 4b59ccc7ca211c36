#pragma once

#include <optional>
#include <string>

#include "engine/model/json.h"
#include "engine/model/type_spec.h"

namespace loadstar::model {

enum class ParamLocation { Path, Query, Header, Cookie };

// A typed path, query, header or cookie parameter. Path parameters are always
// required; header names compare case-insensitively, as HTTP says; cookie names
// are case-sensitive.
struct Parameter {
    std::string name;
    ParamLocation in = ParamLocation::Query;
    TypeSpec type;  // a scalar or enum; query parameters may also be arrays of scalars
    bool required = false;
    std::optional<Json> defaultValue;
    std::string description;
    std::optional<Json> example;

    bool operator==(const Parameter&) const = default;
};

const char* toString(ParamLocation in);  // "path", "query", "header", "cookie"
std::optional<ParamLocation> parseParamLocation(std::string_view text);

}  // namespace loadstar::model
