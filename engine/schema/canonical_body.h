#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/schema/type_store.h"

namespace loadstar::schema {

// The fast path for echoing a JSON body: one pass over the bytes, no DOM. When `body`
// validates against `type` and the full validator would hand back exactly the values
// written (nothing coerced: 36 for a number field becomes 36.0 there, a uuid is
// re-cased, a field left out gets its default), answers the body without its
// whitespace, which is byte for byte the compact dump of the validated value.
//
// nullopt means "not certain", never "invalid": the caller then runs the full
// validator, which also produces every 422. Scalars go through ValueValidator itself,
// so constraints and formats are judged by the same code; what this path adds is only
// the structure (fields present in declaration order, no extras, no escapes, numbers
// already in their shortest form, no deeper than `maxDepth`).
std::optional<std::string> canonicalBody(const CompiledType& type, std::string_view body, int maxDepth);

}  // namespace loadstar::schema
