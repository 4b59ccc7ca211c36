#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/json.h"
#include "engine/model/type_spec.h"
#include "engine/schema/sample_generator.h"

namespace loadstar::schema {

// One way to break a value in exactly one place: what to put at `path` (relative to
// the value: field names and item indexes), and the error Pydantic gives for it.
struct Violation {
    Json path = Json::array();
    std::optional<Json> replacement;  // nullopt: remove the key at `path` (a missing field)
    std::string errorType;
    std::string detail;  // "0 items, below min_items 1"
    // Where the error is reported, when that is not `path`: a tagged union's tag goes
    // into loc but not into the value, and a bad tag is the union's error.
    std::optional<Json> loc;

    const Json& errorPath() const { return loc ? *loc : path; }
};

// Where a value travels. Text values (path, query, header) are parsed from strings,
// so a wrong JSON type cannot be sent and an empty string is not a value.
enum class ValueChannel { Body, Text };

// Finds, for a valid value of a type, every constraint that can be broken alone.
// Each candidate is checked against SampleGenerator::violations() before it is
// kept, so a variant that would break two constraints at once is dropped rather
// than mispredicted.
class InvalidVariantBuilder {
  public:
    explicit InvalidVariantBuilder(SampleGenerator& generator) : gen_(generator) {}

    std::vector<Violation> violations(const model::TypeSpec& type, const Json& valid, ValueChannel channel);

  private:
    void walk(const model::TypeSpec& type, const Json& valid, ValueChannel channel, const Json& path,
              std::vector<Violation>& out);
    void stringViolations(const model::TypeSpec& type, ValueChannel channel, const Json& path,
                          std::vector<Violation>& out);
    void numberViolations(const model::TypeSpec& type, const Json& valid, const Json& path,
                          std::vector<Violation>& out);
    void enumViolation(const model::TypeSpec& type, ValueChannel channel, const Json& path,
                       std::vector<Violation>& out);
    void arrayViolations(const model::TypeSpec& type, const Json& valid, ValueChannel channel,
                         const Json& path, std::vector<Violation>& out);
    void objectViolations(const model::TypeSpec& type, const Json& valid, const Json& path,
                          std::vector<Violation>& out);
    void mapViolations(const model::TypeSpec& type, const Json& valid, ValueChannel channel, const Json& path,
                       std::vector<Violation>& out);
    void literalViolation(const model::TypeSpec& type, ValueChannel channel, const Json& path,
                          std::vector<Violation>& out);
    void taggedUnionViolations(const model::TypeSpec& type, const Json& valid, const Json& path,
                               std::vector<Violation>& out);
    // Keeps `candidate` when it breaks exactly `errorType` and nothing else.
    bool keep(const model::TypeSpec& type, const Json& candidate, const std::string& errorType,
              ValueChannel channel, const Json& path, std::string detail, std::vector<Violation>& out);

    SampleGenerator& gen_;
};

// Options for the valid value that invalid variants start from: every optional
// field present and one item in every array that may have one, so that every
// constraint has a value to break, and bodies stay small.
SampleOptions invalidVariantBaseOptions();

// `base` with the violation applied.
Json applyViolation(Json base, const Violation& violation);

// "texts[0]", "author.name"; `root` for an empty path.
std::string describeLocation(const Json& path, std::string_view root);

}  // namespace loadstar::schema
