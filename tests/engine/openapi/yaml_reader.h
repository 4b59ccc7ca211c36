#pragma once

#include <string>

#include "engine/model/json.h"

namespace loadstar::openapi::testing {

// Parses YAML text with yaml-cpp into JSON the way a strict reader would: quoted
// and block scalars are strings; a plain scalar is a number, boolean or null
// when YAML 1.2's core schema says so, and any plain scalar that YAML 1.1 would
// type (yes/no/on/off, 0x1F, 1_000, 12:30, timestamps, ...) comes back as
// {"yaml-1.1-typed": text} so that a comparison with the original fails.
Json parseYaml(const std::string& text);

}  // namespace loadstar::openapi::testing
