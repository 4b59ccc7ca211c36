#pragma once

#include <optional>
#include <string>

#include "engine/model/json.h"
#include "engine/model/type_spec.h"

namespace loadstar::model {

// One field of a model, like a Pydantic model attribute with Field(...).
struct Field {
    std::string name;
    TypeSpec type;
    bool required = true;
    std::optional<Json> defaultValue;  // used when the field is absent (not required)
    std::string description;
    std::optional<Json> example;

    bool operator==(const Field&) const = default;
};

}  // namespace loadstar::model
