#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/model/json.h"

namespace loadstar::model {

enum class TypeKind {
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
    Enum,
    Map,      // Dict[str, X]: `items` is the value type (keys are strings)
    Union,    // anyOf / oneOf: `variants`
    Literal,  // const: `enumValues` holds exactly one JSON value
    Any,      // a free-form JSON value ({} in a schema)
};

// String formats that validation checks and OpenAPI declares. A format Loadstar
// cannot check is kept in Constraints::otherFormat instead.
enum class StringFormat { None, Email, Uuid, DateTime, Date, Uri, Time, Ipv4, Ipv6, Hostname, Byte, Binary };

// Pydantic's tagged union (OpenAPI's discriminator): the variants are model
// references and `property` is the field whose value names the variant.
struct Discriminator {
    std::string property;                                      // the tag field, e.g. "kind"
    std::vector<std::pair<std::string, std::string>> mapping;  // tag value -> model name, in order

    bool operator==(const Discriminator&) const = default;
};

// Constraints as Pydantic's Field() spells them. Which ones apply depends on the
// kind: bounds and multiple_of for numbers, lengths/pattern/format for strings,
// item counts and uniqueness for arrays. Design checks flag constraints on the
// wrong kind.
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
    bool uniqueItems = false;  // arrays: items must be distinct (JSON Schema's uniqueItems)
    // A format Loadstar cannot check ("int64", "password", ...), on any kind: kept,
    // exported and shown as "not checked", never dropped.
    std::string otherFormat;

    bool operator==(const Constraints&) const = default;
};

// A value type: a scalar, an enum, a literal, any value, a reference to a named
// model, an array or a map of another TypeSpec (they nest: [[number]] is Array of
// Array of Number), or a union of alternatives. Any of them may be nullable.
struct TypeSpec {
    TypeKind kind = TypeKind::String;
    std::string modelRef;             // Object: the referenced model's name
    std::vector<Json> enumValues;     // Enum: allowed values (strings or integers); Literal: the one value
    std::shared_ptr<TypeSpec> items;  // Array: the element type; Map: the value type (never null for them)
    Constraints constraints;
    bool nullable = false;                       // Optional[X]: null is accepted besides X
    std::vector<TypeSpec> variants;              // Union: the alternatives, in order
    bool exclusive = false;                      // Union: declared as oneOf (true) or anyOf (false)
    std::optional<Discriminator> discriminator;  // Union of model references: tagged

    static TypeSpec scalar(TypeKind kind) {
        TypeSpec spec;
        spec.kind = kind;
        return spec;
    }
    static TypeSpec arrayOf(TypeSpec item);
    static TypeSpec mapOf(TypeSpec value);
    static TypeSpec object(std::string model);
    static TypeSpec enumeration(std::vector<Json> values);
    static TypeSpec literal(Json value);
    static TypeSpec unionOf(std::vector<TypeSpec> variants, bool exclusive = false);
    static TypeSpec any() { return scalar(TypeKind::Any); }

    // Literal: the one value (null when the spec holds none).
    const Json& literalValue() const;

    bool operator==(const TypeSpec& other) const;
};

// "string", "integer", ... as used in project files and messages.
const char* toString(TypeKind kind);
std::optional<TypeKind> parseTypeKind(std::string_view text);
const char* toString(StringFormat format);  // "" for None
std::optional<StringFormat> parseStringFormat(std::string_view text);

// A readable spelling for messages: "array of string", "model Book", "enum",
// "map of integer", "union of model Cat | model Dog", "literal \"cat\"", "any value",
// "nullable string".
std::string describe(const TypeSpec& type);

}  // namespace loadstar::model
