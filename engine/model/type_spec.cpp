#include "engine/model/type_spec.h"

#include <array>
#include <utility>

namespace loadstar::model {

TypeSpec TypeSpec::arrayOf(TypeSpec item) {
    TypeSpec spec = scalar(TypeKind::Array);
    spec.items = std::make_shared<TypeSpec>(std::move(item));
    return spec;
}

TypeSpec TypeSpec::mapOf(TypeSpec value) {
    TypeSpec spec = scalar(TypeKind::Map);
    spec.items = std::make_shared<TypeSpec>(std::move(value));
    return spec;
}

TypeSpec TypeSpec::object(std::string model) {
    TypeSpec spec = scalar(TypeKind::Object);
    spec.modelRef = std::move(model);
    return spec;
}

TypeSpec TypeSpec::enumeration(std::vector<Json> values) {
    TypeSpec spec = scalar(TypeKind::Enum);
    spec.enumValues = std::move(values);
    return spec;
}

TypeSpec TypeSpec::literal(Json value) {
    TypeSpec spec = scalar(TypeKind::Literal);
    spec.enumValues.push_back(std::move(value));
    return spec;
}

TypeSpec TypeSpec::unionOf(std::vector<TypeSpec> alternatives, bool exclusiveVariants) {
    TypeSpec spec = scalar(TypeKind::Union);
    spec.variants = std::move(alternatives);
    spec.exclusive = exclusiveVariants;
    return spec;
}

const Json& TypeSpec::literalValue() const {
    static const Json kNull;
    return enumValues.empty() ? kNull : enumValues.front();
}

bool TypeSpec::operator==(const TypeSpec& other) const {
    if (kind != other.kind || modelRef != other.modelRef || enumValues != other.enumValues ||
        constraints != other.constraints || nullable != other.nullable || variants != other.variants ||
        exclusive != other.exclusive || discriminator != other.discriminator) {
        return false;
    }
    // Items compare by value: two specs are equal when they describe the same type.
    if (!items || !other.items) return !items && !other.items;
    return *items == *other.items;
}

namespace {
constexpr std::array<std::pair<TypeKind, const char*>, 11> kKinds{{
    {TypeKind::String, "string"},
    {TypeKind::Integer, "integer"},
    {TypeKind::Number, "number"},
    {TypeKind::Boolean, "boolean"},
    {TypeKind::Array, "array"},
    {TypeKind::Object, "object"},
    {TypeKind::Enum, "enum"},
    {TypeKind::Map, "map"},
    {TypeKind::Union, "union"},
    {TypeKind::Literal, "literal"},
    {TypeKind::Any, "any"},
}};
constexpr std::array<std::pair<StringFormat, const char*>, 12> kFormats{{
    {StringFormat::None, ""},
    {StringFormat::Email, "email"},
    {StringFormat::Uuid, "uuid"},
    {StringFormat::DateTime, "date-time"},
    {StringFormat::Date, "date"},
    {StringFormat::Uri, "uri"},
    {StringFormat::Time, "time"},
    {StringFormat::Ipv4, "ipv4"},
    {StringFormat::Ipv6, "ipv6"},
    {StringFormat::Hostname, "hostname"},
    {StringFormat::Byte, "byte"},
    {StringFormat::Binary, "binary"},
}};

std::string describeUnion(const TypeSpec& type) {
    if (type.variants.empty()) return "union of nothing";
    std::string out = "union of ";
    for (std::size_t i = 0; i < type.variants.size(); ++i) {
        if (i > 0) out += " | ";
        out += describe(type.variants[i]);
    }
    return out;
}
}  // namespace

const char* toString(TypeKind kind) {
    for (const auto& [k, name] : kKinds) {
        if (k == kind) return name;
    }
    return "?";
}

std::optional<TypeKind> parseTypeKind(std::string_view text) {
    for (const auto& [k, name] : kKinds) {
        if (text == name) return k;
    }
    return std::nullopt;
}

const char* toString(StringFormat format) {
    for (const auto& [f, name] : kFormats) {
        if (f == format) return name;
    }
    return "";
}

std::optional<StringFormat> parseStringFormat(std::string_view text) {
    for (const auto& [f, name] : kFormats) {
        if (f != StringFormat::None && text == name) return f;
    }
    return std::nullopt;
}

std::string describe(const TypeSpec& type) {
    std::string text;
    switch (type.kind) {
        case TypeKind::Array:
            text = "array of " + (type.items ? describe(*type.items) : std::string("?"));
            break;
        case TypeKind::Map:
            text = "map of " + (type.items ? describe(*type.items) : std::string("?"));
            break;
        case TypeKind::Object:
            text = "model " + type.modelRef;
            break;
        case TypeKind::Union:
            text = describeUnion(type);
            break;
        case TypeKind::Literal:
            text = "literal " + type.literalValue().dump();
            break;
        case TypeKind::Any:
            text = "any value";
            break;
        case TypeKind::String:
        case TypeKind::Integer:
        case TypeKind::Number:
        case TypeKind::Boolean:
        case TypeKind::Enum:
            text = toString(type.kind);
            break;
    }
    return type.nullable ? "nullable " + text : text;
}

}  // namespace loadstar::model
