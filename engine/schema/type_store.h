#pragma once

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/model/json.h"
#include "engine/model/model.h"
#include "engine/model/project.h"
#include "engine/model/type_spec.h"

namespace re2 {
class RE2;
}

namespace loadstar::schema {

struct CompiledModel;

// A TypeSpec with everything a request would otherwise look up resolved: the
// referenced model, the compiled pattern, the enum's message text.
struct CompiledType {
    model::TypeKind kind = model::TypeKind::String;
    bool nullable = false;
    const model::Constraints* constraints = nullptr;
    const re2::RE2* pattern = nullptr;
    std::string patternError;              // RE2 refused the pattern: every value mismatches, saying why
    const CompiledType* items = nullptr;   // Array: the item type; Map: the value type
    const CompiledModel* model = nullptr;  // null: a reference to a model the project lacks
    const std::vector<Json>* enumValues = nullptr;  // Enum: the members; Literal: the one value
    std::string enumExpected;                       // Enum and Literal: "'a' or 'b'"
    bool enumAllIntegers = false;
    // Union: the alternatives, and for a tagged union the tag field, each tag with its
    // variant (in Pydantic's order) and the tags as union_tag_invalid lists them.
    std::vector<const CompiledType*> variants;
    std::string tagProperty;
    std::vector<std::pair<std::string, const CompiledType*>> tags;
    std::string expectedTags;
    // pydantic-core's name for this type ("int", "list[str]", "Cat", ...): what a
    // smart union puts in loc before a variant's errors.
    std::string label;
};

struct CompiledField {
    const model::Field* field = nullptr;
    const CompiledType* type = nullptr;
    bool acceptsNull = false;  // optional without default: FastAPI's `x: T | None = None`
};

struct CompiledModel {
    const model::Model* model = nullptr;
    std::vector<CompiledField> fields;

    bool declares(std::string_view name) const {
        for (const CompiledField& f : fields) {
            if (f.field->name == name) return true;
        }
        return false;
    }
};

using ModelIndex = std::unordered_map<std::string_view, const CompiledModel*>;

// Owns compiled types. The project's types live in one store for the validator's
// lifetime; a type handed to validateValue from elsewhere compiles into a scratch
// store for that call.
class TypeStore {
  public:
    // `project` resolves a tagged union's tags (the models' literal tag fields); may be null.
    TypeStore(const ModelIndex* models, const model::Project* project);
    ~TypeStore();
    TypeStore(const TypeStore&) = delete;
    TypeStore& operator=(const TypeStore&) = delete;

    const CompiledType* compile(const model::TypeSpec& spec);
    // The compiled form of a TypeSpec this store compiled, or null.
    const CompiledType* find(const model::TypeSpec& spec) const;

  private:
    void compilePattern(const std::string& pattern, CompiledType& type);
    void compileUnion(const model::TypeSpec& spec, CompiledType& type);

    const ModelIndex* models_;
    const model::Project* project_;
    std::deque<CompiledType> types_;  // a deque: compiled types never move
    std::unordered_map<const model::TypeSpec*, const CompiledType*> compiledBySpec_;
    std::unordered_map<std::string, std::unique_ptr<re2::RE2>> patterns_;  // one RE2 per distinct pattern
};

}  // namespace loadstar::schema
