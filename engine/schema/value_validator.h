#pragma once

#include <utility>
#include <vector>

#include "engine/model/json.h"
#include "engine/schema/type_store.h"
#include "engine/schema/validation_error.h"

namespace loadstar::schema {

// Where a value sits, kept as a stack while validation descends, so that a
// location array is only copied when an error needs one.
class ErrorLocation {
  public:
    explicit ErrorLocation(Json base) : loc_(std::move(base)) {}
    void push(Json part) { loc_.push_back(std::move(part)); }
    void pop() { loc_.get_ref<Json::array_t&>().pop_back(); }
    const Json& get() const { return loc_; }

  private:
    Json loc_;
};

// Validates one JSON value against one compiled type with pydantic-core's
// Python-mode lax rules, appending errors and returning the coerced value
// (null where invalid).
class ValueValidator {
  public:
    explicit ValueValidator(std::vector<ValidationError>& errors) : errors_(errors) {}

    Json validate(const CompiledType& type, const Json& value, ErrorLocation& loc);

  private:
    Json fail(ValidationError error);
    Json validateString(const CompiledType& type, const Json& value, ErrorLocation& loc);
    Json validateInteger(const CompiledType& type, const Json& value, ErrorLocation& loc);
    Json validateNumber(const CompiledType& type, const Json& value, ErrorLocation& loc);
    Json validateBoolean(const Json& value, ErrorLocation& loc);
    Json validateEnum(const CompiledType& type, const Json& value, ErrorLocation& loc);
    Json validateArray(const CompiledType& type, const Json& value, ErrorLocation& loc);
    Json validateObject(const CompiledType& type, const Json& value, ErrorLocation& loc);
    Json validateMap(const CompiledType& type, const Json& value, ErrorLocation& loc);
    Json validateLiteral(const CompiledType& type, const Json& value, ErrorLocation& loc);
    Json validateUnion(const CompiledType& type, const Json& value, ErrorLocation& loc);
    Json validateTaggedUnion(const CompiledType& type, const Json& value, ErrorLocation& loc);
    Json stringFormatProblem(const CompiledType& type, const Json& value, ErrorLocation& loc);

    std::vector<ValidationError>& errors_;
};

}  // namespace loadstar::schema
