#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/model/json.h"
#include "engine/model/parameter.h"
#include "engine/model/project.h"
#include "engine/model/type_spec.h"
#include "engine/schema/random.h"

namespace loadstar::schema {

class StringGenerator;

// How samples are shaped. The defaults suit load tests and generated responses:
// small, varied values. The GUI preview sets preferExamples; invalid variants use
// every optional field and a non-empty array wherever allowed, so that every
// constraint has a value to break.
struct SampleOptions {
    int maxDepth = 4;  // nested models deeper than this get required fields only, arrays min items
    std::int64_t lengthSpread = 16;  // strings: length from [min, min + spread], within max
    std::int64_t itemSpread = 3;     // arrays: item count from [min, min + spread], within max
    bool allOptionalFields = false;  // false: each optional field is present with probability 1/2
    bool nonEmptyArrays = false;     // at least one item wherever max_items allows
    bool preferExamples = false;     // a field's example, when valid, every time (else 1 time in 4)
};

// Valid sample values for the types of one project, deterministic for a seed: the
// same seed and the same sequence of calls give byte-identical values everywhere.
// Consecutive calls give different values.
//
// Cheap per call (the load engine builds request bodies with it): each distinct
// pattern is parsed and compiled once, on first use, and kept. Not thread-safe:
// give each thread its own generator (seeded differently if the values should
// differ). The project must not change while a generator uses it.
class SampleGenerator {
  public:
    SampleGenerator(std::shared_ptr<const model::Project> project, std::uint64_t seed,
                    SampleOptions options = {});
    ~SampleGenerator();
    SampleGenerator(const SampleGenerator&) = delete;
    SampleGenerator& operator=(const SampleGenerator&) = delete;

    // A valid value of `type`. When canGenerate(type) is false the value is the best
    // effort and may not validate.
    Json value(const model::TypeSpec& type);
    // A valid object of that model ({} for an unknown model).
    Json modelValue(std::string_view modelName);
    // A valid value for a path, query or header parameter, typed as it would be
    // parsed (an integer parameter gives a JSON integer; see parameterText()).
    Json parameterValue(const model::Parameter& p);

    // Whether valid values can be generated: false for a pattern the generator
    // cannot satisfy, an empty numeric range, an empty enum, an unknown model, a
    // union with no variant that can be, or a model that requires itself without
    // end (a nullable type always can: null). A field or parameter whose type
    // cannot be generated still can be when its example is valid. The design check
    // warns about the rest.
    bool canGenerate(const model::TypeSpec& type);
    bool canGenerateModel(std::string_view modelName);
    bool canGenerate(const model::Parameter& p);

    const model::Project& project() const { return *project_; }
    const SampleOptions& options() const { return options_; }
    Random& random() { return rng_; }

    // The Pydantic error types `value` would get against `type`, for scalars, enums,
    // literals and arrays and maps of them; empty when it is valid. Models, and unions
    // none of whose variants is sure, are not checked here ("unchecked"); a check that
    // cannot be sure of a format says "format_unsure".
    // Without `checkItems`, an array's own constraints are checked but not its items.
    std::vector<std::string> violations(const model::TypeSpec& type, const Json& value,
                                        bool checkItems = true);

  private:
    struct StringPlan;
    struct FieldFacts {
        bool typeGeneratable = false;
        bool exampleValid = false;
    };

    Json valueAt(const model::TypeSpec& type, int depth);
    Json objectValue(const model::TypeSpec& type, int depth);
    Json arrayValue(const model::TypeSpec& type, int depth);
    Json mapValue(const model::TypeSpec& type, int depth);
    Json unionValue(const model::TypeSpec& type, int depth);
    Json anyValue();
    std::int64_t itemCount(std::int64_t minItems, std::int64_t maxItems, int depth);
    Json fieldValue(const model::Field& field, int depth);
    std::optional<Json> usableExample(const model::TypeSpec& type, const std::optional<Json>& example,
                                      bool typeGeneratable, std::uint64_t chanceIn);
    std::string stringValue(const model::Constraints& c);
    // A string of `c`'s pattern and format with exactly `length` characters (invalid variants).
    std::optional<std::string> stringOfLength(const model::Constraints& c, std::int64_t length);
    StringPlan& plan(const model::Constraints& c);
    const StringGenerator& patternGenerator(const std::optional<std::string>& pattern);
    bool generatable(const model::TypeSpec& type, std::vector<std::string>& visiting);
    const FieldFacts& fieldFacts(const model::Field& field);
    bool fieldGeneratable(const model::Field& field);

    friend class InvalidVariantBuilder;

    std::shared_ptr<const model::Project> project_;
    Random rng_;
    SampleOptions options_;
    std::unordered_map<std::string, std::unique_ptr<StringGenerator>> patterns_;
    std::unordered_map<std::string, std::unique_ptr<StringPlan>> plans_;
    std::unordered_map<const model::Field*, FieldFacts> fieldFacts_;
};

// The error a request must produce: Pydantic v2 error type and FastAPI loc,
// e.g. {"too_short", ["body", "texts"]}.
struct ExpectedError {
    std::string type;
    Json loc;

    bool operator==(const ExpectedError&) const = default;
};

struct InvalidVariant {
    std::string description;  // "texts: 0 items, below min_items 1"
    Json body;                // the invalid body (valid everywhere else)
    ExpectedError expected;
};

// Bodies that each break exactly one constraint of `bodyType` (every constraint that
// can be broken alone, at every depth the valid sample reaches), with the error each
// must produce. Deterministic for a seed.
std::vector<InvalidVariant> invalidBodyVariants(const model::Project& project,
                                                const model::TypeSpec& bodyType, std::uint64_t seed);

// A parameter value as it travels in a path, query string or header: strings as
// they are, numbers and booleans in JSON spelling.
std::string parameterText(const Json& value);

}  // namespace loadstar::schema
