#include "engine/model/type_spec.h"

#include <array>
#include <utility>

namespace loadstar::model {

TypeSpec TypeSpec::arrayOf(TypeSpec item) {
    TypeSpec spec = scalar(TypeKind::Array);
    spec.items = std::make_shared<TypeSpec>(std::move(item));
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

bool TypeSpec::operator==(const TypeSpec& other) const {
    if (kind != other.kind || modelRef != other.modelRef || enumValues != other.enumValues ||
        constraints != other.constraints) {
        return false;
    }
    if (!items || !other.items) return !items && !other.items;
    return *items == *other.items;
}

namespace {
constexpr std::array<std::pair<TypeKind, const char*>, 7> kKinds{{
    {TypeKind::String, "string"},
    {TypeKind::Integer, "integer"},
    {TypeKind::Number, "number"},
    {TypeKind::Boolean, "boolean"},
    {TypeKind::Array, "array"},
    {TypeKind::Object, "object"},
    {TypeKind::Enum, "enum"},
}};
constexpr std::array<std::pair<StringFormat, const char*>, 6> kFormats{{
    {StringFormat::None, ""},
    {StringFormat::Email, "email"},
    {StringFormat::Uuid, "uuid"},
    {StringFormat::DateTime, "date-time"},
    {StringFormat::Date, "date"},
    {StringFormat::Uri, "uri"},
}};
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
    switch (type.kind) {
        case TypeKind::Array:
            return "array of " + (type.items ? describe(*type.items) : std::string("?"));
        case TypeKind::Object:
            return "model " + type.modelRef;
        default:
            return toString(type.kind);
    }
}

}  // namespace loadstar::model
