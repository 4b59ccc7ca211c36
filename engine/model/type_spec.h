#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/json.h"

namespace loadstar::model {

enum class TypeKind { String, Integer, Number, Boolean, Array, Object, Enum };

// String formats that validation checks and OpenAPI declares.
enum class StringFormat { None, Email, Uuid, DateTime, Date, Uri };

// Constraints as Pydantic's Field() spells them. Which ones apply depends on the
// kind: bounds and multiple_of for numbers, lengths/pattern/format for strings,
// item counts for arrays. Design checks flag constraints on the wrong kind.
struct Constraints {
    std::optional<double> ge;  // minimum
    std::optional<double> gt;  // exclusiveMinimum
    std::optional<double> le;  // maximum
    std::optional<double> lt;  // exclusiveMaximum
    std::optional<double> multipleOf;
    std::optional<std::int64_t> minLength;
    std::optional<std::int64_t> maxLength;
    std::optional<std::string> pattern;  // RE2 syntax, searched (not anchored) like Pydantic
    StringFormat format = StringFormat::None;
    std::optional<std::int64_t> minItems;
    std::optional<std::int64_t> maxItems;

    bool operator==(const Constraints&) const = default;
};

// A value type: a scalar, an enum, a reference to a named model, or an array of
// another TypeSpec (arrays nest: [[number]] is Array of Array of Number).
struct TypeSpec {
    TypeKind kind = TypeKind::String;
    std::string modelRef;             // Object: the referenced model's name
    std::vector<Json> enumValues;     // Enum: allowed values (strings or integers)
    std::shared_ptr<TypeSpec> items;  // Array: the element type (never null for arrays)
    Constraints constraints;

    static TypeSpec scalar(TypeKind kind) { return TypeSpec{kind, {}, {}, nullptr, {}}; }
    static TypeSpec arrayOf(TypeSpec item);
    static TypeSpec object(std::string model);
    static TypeSpec enumeration(std::vector<Json> values);

    bool operator==(const TypeSpec& other) const;
};

// "string", "integer", ... as used in project files and messages.
const char* toString(TypeKind kind);
std::optional<TypeKind> parseTypeKind(std::string_view text);
const char* toString(StringFormat format);  // "" for None
std::optional<StringFormat> parseStringFormat(std::string_view text);

// A readable spelling for messages: "array of string", "model Book", "enum".
std::string describe(const TypeSpec& type);

}  // namespace loadstar::model
