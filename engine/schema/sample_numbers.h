#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/model/json.h"
#include "engine/model/type_spec.h"
#include "engine/schema/random.h"

namespace loadstar::schema {

// Numbers for samples: a value the bounds and multiple_of allow, preferring the
// part of the range real data lives in, and the checks that judge one.

// The Pydantic error types a number gets against numeric constraints
// ("greater_than_equal", "multiple_of", ...), appended to `out`.
void numberViolations(const model::Constraints& c, double v, bool integer, std::vector<std::string>& out);

// An integer the constraints allow (within ±2^53), or nullopt when there is none.
std::optional<Json> pickInteger(const model::Constraints& c, Random& rng);

// A number the constraints allow, or nullopt when there is none.
std::optional<Json> pickNumber(const model::Constraints& c, Random& rng);

}  // namespace loadstar::schema
