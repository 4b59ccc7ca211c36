#pragma once

#include <string>

#include "engine/model/json.h"

namespace loadstar::openapi {

// The document as block-style YAML, keys in the document's order, ending with a
// newline. It reads back (YAML 1.1 or 1.2) as exactly the same JSON: strings that
// a YAML reader would take for numbers, booleans or null ("200", "true", "1.0",
// "no") are quoted, floats keep their decimal point, and multi-line strings are
// literal blocks ("|") with the right chomping so that line breaks survive as
// they are. Non-ASCII text is written as it is.
std::string toYaml(const Json& document);

}  // namespace loadstar::openapi
