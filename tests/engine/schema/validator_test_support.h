#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "engine/model/project.h"
#include "engine/schema/request_validator.h"
#include "engine/schema/validation_error.h"

namespace loadstar::schema {

// Failures print the error as the JSON a client would see.
inline void PrintTo(const ValidationError& error, std::ostream* os) {
    *os << error.toJson().dump();
}

}  // namespace loadstar::schema

namespace loadstar::schema::testing {

using model::TypeKind;
using model::TypeSpec;

inline ValidationError error(std::string type, Json loc, std::string msg, Json input, Json ctx) {
    return ValidationError{std::move(type), std::move(loc), std::move(msg), std::move(input), std::move(ctx)};
}

// Without ctx. A separate overload, not a defaulted std::optional<Json>, which
// sets off GCC 12's -Wmaybe-uninitialized at -O2.
inline ValidationError error(std::string type, Json loc, std::string msg, Json input) {
    ValidationError e;
    e.type = std::move(type);
    e.loc = std::move(loc);
    e.msg = std::move(msg);
    e.input = std::move(input);
    return e;
}

inline TypeSpec scalar(TypeKind kind) {
    return TypeSpec::scalar(kind);
}

inline model::Field field(std::string name, TypeSpec type, bool required = true,
                          std::optional<Json> defaultValue = std::nullopt) {
    model::Field f;
    f.name = std::move(name);
    f.type = std::move(type);
    f.required = required;
    f.defaultValue = std::move(defaultValue);
    return f;
}

inline model::Parameter param(std::string name, model::ParamLocation in, TypeSpec type, bool required = false,
                              std::optional<Json> defaultValue = std::nullopt) {
    model::Parameter p;
    p.name = std::move(name);
    p.in = in;
    p.type = std::move(type);
    p.required = required;
    p.defaultValue = std::move(defaultValue);
    return p;
}

// Validates one value against one type with a validator over `project`.
struct ValueResult {
    Json value;
    std::vector<ValidationError> errors;
};

inline ValueResult check(const RequestValidator& validator, const TypeSpec& type, const Json& input,
                         const Json& loc = Json::array({"body", "x"})) {
    ValueResult result;
    result.value = validator.validateValue(type, input, loc, result.errors);
    return result;
}

inline const std::vector<ValidationError>& errorsOf(
    const std::variant<ValidatedRequest, std::vector<ValidationError>>& result) {
    static const std::vector<ValidationError> none;
    if (const auto* errors = std::get_if<std::vector<ValidationError>>(&result)) return *errors;
    ADD_FAILURE() << "expected validation errors, the request was accepted";
    return none;
}

inline const ValidatedRequest& acceptedOf(
    const std::variant<ValidatedRequest, std::vector<ValidationError>>& result) {
    static const ValidatedRequest none;
    if (const auto* ok = std::get_if<ValidatedRequest>(&result)) return *ok;
    ADD_FAILURE() << "expected acceptance, got "
                  << errorBody(std::get<std::vector<ValidationError>>(result)).dump();
    return none;
}

}  // namespace loadstar::schema::testing
