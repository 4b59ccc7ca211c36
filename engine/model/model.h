#pragma once

#include <string>
#include <vector>

#include "engine/model/field.h"

namespace loadstar::model {

// What a model does with keys it does not declare (Pydantic's `extra`).
enum class ExtraFields { Ignore, Forbid, Allow };

// A named object type with fields (a Pydantic BaseModel).
struct Model {
    std::string name;
    std::string description;
    std::vector<Field> fields;
    ExtraFields extra = ExtraFields::Ignore;

    const Field* field(std::string_view fieldName) const;
    bool operator==(const Model&) const = default;
};

const char* toString(ExtraFields extra);
std::optional<ExtraFields> parseExtraFields(std::string_view text);

}  // namespace loadstar::model
