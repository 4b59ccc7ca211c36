#pragma once

#include "engine/model/project.h"

namespace loadstar::codegen {

// What the design's types use anywhere (model fields, parameters, request bodies,
// responses, nested items and union variants): what the generated code, its
// requirements and its README depend on.
struct TypeFeatures {
    bool email = false;           // EmailStr: the email-validator package
    bool taggedUnion = false;     // compat.tagged_union: Pydantic 2.5 or later
    bool untaggedUnion = false;   // typing.Union: Pydantic 1 tries the variants left to right
    bool uniqueItems = false;     // compat.unique_list
    bool checkedFormats = false;  // hostname, byte, binary: compat.formatted_text
    bool nullable = false;        // Optional[X]
    bool otherFormat = false;     // declared with compat.schema_extra, not checked
};

TypeFeatures typeFeatures(const model::Project& project);

}  // namespace loadstar::codegen
