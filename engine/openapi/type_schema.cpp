#include "engine/openapi/type_schema.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>

#include "engine/model/discriminator.h"

namespace loadstar::openapi {

using model::TypeKind;
using model::TypeSpec;

namespace {

// clang-format off
// FastAPI's Schema model: applicators, validation keywords, format, annotations.
constexpr std::array<std::string_view, 28> kComponentKeyOrder{
    "$ref", "anyOf", "oneOf", "items", "properties", "additionalProperties",
    "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
    "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "required",
    "format",
    "title", "description", "default", "deprecated", "examples", "discriminator"};

// Pydantic's generator: the type, its constraints in Field() order, the field's
// annotations, then FastAPI's title.
constexpr std::array<std::string_view, 25> kParameterKeyOrder{
    "$ref", "anyOf", "oneOf", "discriminator", "enum", "const", "type", "items", "additionalProperties", "format",
    "multipleOf", "maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum",
    "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems",
    "description", "examples", "default", "title"};
// clang-format on

bool isNumericBound(std::string_view key) {
    return key == "multipleOf" || key == "maximum" || key == "exclusiveMaximum" || key == "minimum" ||
           key == "exclusiveMinimum";
}

Json styledBound(const Json& value, SchemaStyle style) {
    if (!value.is_number()) return value;
    const double number = value.get<double>();
    if (style == SchemaStyle::Component) return Json(number);
    // Integers below 2^53 are exact in a double; print them as the integer a
    // Python author would have written (ge=1, not ge=1.0).
    if (std::isfinite(number) && std::floor(number) == number && std::fabs(number) < 9007199254740992.0) {
        return Json(static_cast<std::int64_t>(number));
    }
    return Json(number);
}

Json styledValue(const std::string& key, const Json& value, SchemaStyle style) {
    if (key == "items" || key == "additionalProperties") return ordered(value, style);
    if (key == "properties" && value.is_object()) {
        Json properties = Json::object();
        for (const auto& [name, property] : value.items())
            properties[name] = ordered(property, style);
        return properties;
    }
    if ((key == "anyOf" || key == "oneOf") && value.is_array()) {
        Json alternatives = Json::array();
        for (const Json& alternative : value)
            alternatives.push_back(ordered(alternative, style));
        return alternatives;
    }
    if (isNumericBound(key)) return styledBound(value, style);
    return value;
}

}  // namespace

// The schema with its keys in the style's order (unknown keys last, as they
// came) and its bounds spelled the style's way, recursively through subschemas
// but never into values such as "default", "enum" or "examples".
Json ordered(const Json& schema, SchemaStyle style) {
    if (!schema.is_object()) return schema;
    Json result = Json::object();
    const auto place = [&](const std::string& key) { result[key] = styledValue(key, schema.at(key), style); };
    if (style == SchemaStyle::Component) {
        for (const std::string_view key : kComponentKeyOrder) {
            if (schema.contains(key)) place(std::string(key));
        }
    } else {
        for (const std::string_view key : kParameterKeyOrder) {
            if (schema.contains(key)) place(std::string(key));
        }
    }
    for (const auto& [key, value] : schema.items()) {
        if (!result.contains(key)) place(key);
    }
    return result;
}

// OpenAPI allows only [A-Za-z0-9._-] in component names; Pydantic replaces
// anything else with "_" in the same way.
std::string componentName(std::string_view modelName) {
    if (modelName.empty()) return "_";
    std::string name(modelName);
    for (char& c : name) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                             c == '.' || c == '-' || c == '_';
        if (!allowed) c = '_';
    }
    return name;
}

std::string schemaRef(std::string_view modelName) {
    return "#/components/schemas/" + componentName(modelName);
}

namespace {

// The JSON type of a Literal[...]'s values when they all share one, as Pydantic
// declares it; mixed values get no "type".
std::optional<std::string> enumType(const std::vector<Json>& values) {
    if (values.empty()) return std::nullopt;
    const auto all = [&](auto predicate) {
        for (const Json& value : values) {
            if (!predicate(value)) return false;
        }
        return true;
    };
    if (all([](const Json& v) { return v.is_string(); })) return "string";
    if (all([](const Json& v) { return v.is_number_integer(); })) return "integer";
    if (all([](const Json& v) { return v.is_number(); })) return "number";
    if (all([](const Json& v) { return v.is_boolean(); })) return "boolean";
    return std::nullopt;
}

void addNumericConstraints(Json& schema, const model::Constraints& c) {
    if (c.multipleOf) schema["multipleOf"] = *c.multipleOf;
    if (c.le) schema["maximum"] = *c.le;
    if (c.lt) schema["exclusiveMaximum"] = *c.lt;
    if (c.ge) schema["minimum"] = *c.ge;
    if (c.gt) schema["exclusiveMinimum"] = *c.gt;
}

Json typeArrayWithNull(const Json& type) {
    Json types = Json::array();
    if (type.is_array()) {
        types = type;
    } else {
        types.push_back(type);
    }
    if (std::find(types.begin(), types.end(), Json("null")) == types.end()) types.push_back("null");
    return types;
}

// Optional[X] in 3.1: a plain type grows "null" (["string", "null"]); a reference, a
// union, an enum or a literal is wrapped in anyOf beside {"type": "null"}, which is
// also what Pydantic prints for them.
Json nullableSchema(Json schema) {
    const bool plainType = schema.contains("type") && !schema.contains("enum") && !schema.contains("const") &&
                           !schema.contains("anyOf") && !schema.contains("oneOf") && !schema.contains("$ref");
    if (plainType) {
        schema["type"] = typeArrayWithNull(schema["type"]);
        return schema;
    }
    if (schema.empty()) return schema;  // {} already takes null
    Json alternatives = Json::array();
    alternatives.push_back(std::move(schema));
    alternatives.push_back(Json{{"type", "null"}});
    Json wrapped = Json::object();
    wrapped["anyOf"] = std::move(alternatives);
    return wrapped;
}

void addStringConstraints(Json& schema, const model::Constraints& c) {
    if (c.format != model::StringFormat::None) schema["format"] = model::toString(c.format);
    if (c.minLength) schema["minLength"] = *c.minLength;
    if (c.maxLength) schema["maxLength"] = *c.maxLength;
    if (c.pattern) schema["pattern"] = *c.pattern;
}

Json unionSchema(const model::Project& project, const TypeSpec& type) {
    Json alternatives = Json::array();
    for (const TypeSpec& variant : type.variants)
        alternatives.push_back(plainSchema(project, variant));
    Json schema = Json::object();
    schema[type.exclusive || type.discriminator ? "oneOf" : "anyOf"] = std::move(alternatives);
    if (type.discriminator) {
        Json discriminator = Json::object();
        discriminator["propertyName"] = type.discriminator->property;
        Json mapping = Json::object();
        for (const model::DiscriminatorTag& tag : model::discriminatorTags(project, type))
            mapping[tag.tag] = schemaRef(type.variants[tag.variant].modelRef);
        if (!mapping.empty()) discriminator["mapping"] = std::move(mapping);
        schema["discriminator"] = std::move(discriminator);
    }
    return schema;
}

Json kindSchema(const model::Project& project, const TypeSpec& type) {
    Json schema = Json::object();
    const model::Constraints& c = type.constraints;
    switch (type.kind) {
        case TypeKind::String:
            schema["type"] = "string";
            addStringConstraints(schema, c);
            break;
        case TypeKind::Integer:
            schema["type"] = "integer";
            addNumericConstraints(schema, c);
            break;
        case TypeKind::Number:
            schema["type"] = "number";
            addNumericConstraints(schema, c);
            break;
        case TypeKind::Boolean:
            schema["type"] = "boolean";
            break;
        case TypeKind::Array:
            schema["type"] = "array";
            schema["items"] = type.items ? plainSchema(project, *type.items) : Json::object();
            if (c.minItems) schema["minItems"] = *c.minItems;
            if (c.maxItems) schema["maxItems"] = *c.maxItems;
            if (c.uniqueItems) schema["uniqueItems"] = true;
            break;
        case TypeKind::Map:
            schema["type"] = "object";
            schema["additionalProperties"] = type.items ? plainSchema(project, *type.items) : Json::object();
            break;
        case TypeKind::Object:
            schema["$ref"] = schemaRef(type.modelRef);
            break;
        case TypeKind::Enum:
            schema["enum"] = type.enumValues;
            if (const auto jsonType = enumType(type.enumValues)) schema["type"] = *jsonType;
            break;
        case TypeKind::Literal:
            schema["const"] = type.literalValue();
            if (const auto jsonType = enumType(type.enumValues)) schema["type"] = *jsonType;
            break;
        case TypeKind::Union:
            schema = unionSchema(project, type);
            break;
        case TypeKind::Any:
            break;
    }
    // A format Loadstar cannot check travels as given ("int64", "password").
    if (!c.otherFormat.empty() && !schema.contains("format") && !schema.contains("$ref"))
        schema["format"] = c.otherFormat;
    return schema;
}

}  // namespace

Json plainSchema(const model::Project& project, const TypeSpec& type) {
    Json schema = kindSchema(project, type);
    return type.nullable ? nullableSchema(std::move(schema)) : schema;
}

}  // namespace loadstar::openapi
