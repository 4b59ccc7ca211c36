#include "engine/openapi/schema_importer.h"

#include <array>
#include <cmath>
#include <string_view>

#include <re2/re2.h>

#include "engine/openapi/title.h"

namespace loadstar::openapi::detail {

using model::Constraints;
using model::TypeKind;
using model::TypeSpec;

namespace {

constexpr int kMaxSchemaDepth = 64;

// Keys that carry no meaning for validation and no text a person reads.
bool silentlyIgnored(std::string_view key) {
    return key == "$schema" || key == "$id" || key == "$comment" || key == "$defs" || key == "definitions";
}

// Keywords with no counterpart in the design, and why that matters.
std::string unsupportedKeyword(std::string_view key) {
    struct Known {
        std::string_view key;
        std::string_view why;
    };
    static constexpr std::array<Known, 16> kKnown{{
        {"readOnly",
         "readOnly is not kept: the property is accepted (and required, if it is) in requests too"},
        {"writeOnly", "writeOnly is not kept: the property may appear in responses too"},
        {"deprecated", "deprecated is not kept for properties"},
        {"xml", "XML serialisation is not kept"},
        {"externalDocs", "externalDocs is not kept"},
        {"not", "\"not\" schemas are not kept: the design accepts what they exclude"},
        {"if", "if/then/else is not kept"},
        {"patternProperties", "patternProperties is not kept"},
        {"propertyNames", "propertyNames is not kept"},
        {"minProperties", "minProperties is not kept"},
        {"maxProperties", "maxProperties is not kept"},
        {"dependentRequired", "dependentRequired is not kept"},
        {"dependentSchemas", "dependentSchemas is not kept"},
        {"prefixItems", "prefixItems (tuples) is not kept"},
        {"contains", "contains is not kept"},
        {"unevaluatedProperties", "unevaluatedProperties is not kept"},
    }};
    for (const Known& known : kKnown) {
        if (known.key == key) return std::string(known.why);
    }
    if (key.starts_with("x-")) return "the extension " + std::string(key) + " is not kept";
    return "the keyword \"" + std::string(key) + "\" is not kept";
}

bool isAnnotationKey(std::string_view key) {
    return key == "description" || key == "default" || key == "example" || key == "examples" ||
           key == "title";
}

}  // namespace

bool isNullSchema(const Json& schema) {
    if (!schema.is_object()) return false;
    if (schema.contains("type") && schema.at("type") == "null") return true;
    if (schema.contains("const") && schema.at("const").is_null()) return true;
    if (schema.contains("enum") && schema.at("enum").is_array() && schema.at("enum").size() == 1 &&
        schema.at("enum").front().is_null()) {
        return true;
    }
    return false;
}

// Whether a schema accepts null beside its own kind: 3.0's nullable: true, or 3.1's
// "null" in a type list.
bool declaresNull(const Json& schema) {
    if (!schema.is_object()) return false;
    if (schema.contains("nullable") && schema.at("nullable") == true) return true;
    if (schema.contains("type") && schema.at("type").is_array()) {
        for (const Json& each : schema.at("type")) {
            if (each == "null") return true;
        }
    }
    return false;
}

namespace {

std::optional<std::int64_t> count(const Json& value) {
    if (value.is_number_unsigned()) {
        const auto n = value.get<std::uint64_t>();
        if (n <= std::uint64_t(std::numeric_limits<std::int64_t>::max())) return std::int64_t(n);
        return std::nullopt;
    }
    if (value.is_number_integer()) {
        const auto n = value.get<std::int64_t>();
        if (n >= 0) return n;
        return std::nullopt;
    }
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (d >= 0 && d < 9.0e18 && std::floor(d) == d) return std::int64_t(d);
    }
    return std::nullopt;
}

std::optional<double> finiteNumber(const Json& value) {
    if (!value.is_number()) return std::nullopt;
    const double d = value.get<double>();
    if (!std::isfinite(d)) return std::nullopt;
    return d;
}

}  // namespace

std::string SchemaImporter::pascalCase(std::string_view text) {
    std::string out;
    bool upper = true;
    for (const char c : text) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            upper = true;
            continue;
        }
        out.push_back(upper && c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c);
        upper = false;
    }
    return out;
}

std::optional<TypeSpec> SchemaImporter::type(const Place& schema, const std::string& nameHint,
                                             Annotated annotated) {
    if (depth_ >= kMaxSchemaDepth) {
        context_.loss(schema,
                      "schemas nest deeper than " + std::to_string(kMaxSchemaDepth) + " levels; not kept");
        return std::nullopt;
    }
    ++depth_;
    context_.schemaRead(schema);
    std::optional<TypeSpec> result = convert(schema, nameHint, annotated);
    --depth_;
    return result;
}

SchemaAnnotations SchemaImporter::annotations(const Place& schema) {
    SchemaAnnotations out;
    const Json& value = schema.value();
    if (!value.is_object()) return out;
    // OpenAPI 3.0 ignores everything beside a $ref.
    if (value.contains("$ref") && !context_.v31()) return out;
    if (value.contains("description") && value.at("description").is_string())
        out.description = value.at("description").get<std::string>();
    if (value.contains("title") && value.at("title").is_string())
        out.title = value.at("title").get<std::string>();
    if (value.contains("default") && !value.at("default").is_null()) out.defaultValue = value.at("default");
    if (value.contains("example")) out.example = value.at("example");
    if (value.contains("examples")) {
        const Json& examples = value.at("examples");
        if (examples.is_array() && !examples.empty()) {
            if (!out.example) out.example = examples.front();
            if (examples.size() > 1) context_.loss(schema, "examples", "only the first example is kept");
        } else if (!examples.is_array()) {
            context_.loss(schema, "examples", "examples in a schema must be a list; not kept");
        }
    }
    return out;
}

std::optional<TypeSpec> SchemaImporter::convert(const Place& schema, const std::string& nameHint,
                                                Annotated annotated) {
    const Json& value = schema.value();
    if (value.is_boolean()) {
        if (value.get<bool>()) return TypeSpec::any();  // true accepts anything, as {} does
        context_.loss(schema, "a schema that accepts nothing (false) has no type in the design");
        return std::nullopt;
    }
    if (!value.is_object()) {
        context_.loss(schema, "a schema must be an object; not kept");
        return std::nullopt;
    }
    if (value.contains("$ref")) return referenced(schema, nameHint, annotated);
    const auto model = [&] {
        TypeSpec type = TypeSpec::object(modelFor(schema, nameHint));
        type.nullable = declaresNull(value);
        return type;
    };
    if (value.contains("properties")) return model();
    if (value.contains("allOf")) return intersection(schema, nameHint, annotated);
    if (value.contains("anyOf") || value.contains("oneOf")) return alternatives(schema, nameHint);
    if (objectLike(schema)) return model();

    std::set<std::string> used{"type", "nullable"};
    std::optional<TypeSpec> result;
    if (value.contains("enum") || value.contains("const")) {
        result = enumeration(schema, used);
    } else {
        std::vector<std::string> kinds;
        const Json* typeValue = value.contains("type") ? &value.at("type") : nullptr;
        if (typeValue && typeValue->is_string()) {
            kinds.push_back(typeValue->get<std::string>());
        } else if (typeValue && typeValue->is_array()) {
            for (const Json& each : *typeValue) {
                if (each.is_string() && each != "null") kinds.push_back(each.get<std::string>());
            }
        } else if (value.contains("items")) {
            kinds.push_back("array");
        } else if (value.contains("additionalProperties")) {
            kinds.push_back("object");
        }
        if (kinds.empty() && typeValue && typeValue->is_array() && !typeValue->empty()) {
            context_.loss(schema, "a schema that only accepts null has no type in the design");
            return std::nullopt;
        }
        if (kinds.empty()) {
            result = TypeSpec::any();  // no type: any JSON value
        } else if (kinds.size() == 1) {
            result = byKind(schema, kinds.front(), nameHint, used);
        } else {
            result = severalKinds(schema, kinds, nameHint, used);
        }
    }
    // Any value takes null already.
    if (result && result->kind != TypeKind::Any && declaresNull(value)) result->nullable = true;
    if (annotated == Annotated::Yes) {
        for (const char* key : {"description", "default", "example", "examples", "title"})
            used.insert(key);
    } else {
        used.insert("title");  // an anonymous schema's title only names things
    }
    reportUnused(schema, used, annotated);
    return result;
}

std::optional<TypeSpec> SchemaImporter::severalKinds(const Place& schema,
                                                     const std::vector<std::string>& kinds,
                                                     const std::string& nameHint,
                                                     std::set<std::string>& used) {
    // type: [string, integer] is a union of the kinds, each with the constraints that apply to it.
    std::vector<TypeSpec> variants;
    for (const std::string& kind : kinds) {
        std::optional<TypeSpec> variant = byKind(schema, kind, nameHint, used);
        if (variant) variants.push_back(std::move(*variant));
    }
    if (variants.empty()) return std::nullopt;
    if (variants.size() == 1) return variants.front();
    return TypeSpec::unionOf(std::move(variants));
}

std::optional<TypeSpec> SchemaImporter::referenced(const Place& schema, const std::string& nameHint,
                                                   Annotated annotated) {
    if (context_.v31()) {
        std::set<std::string> used{"$ref"};
        if (annotated == Annotated::Yes) {
            for (const char* key : {"description", "default", "example", "examples", "title"})
                used.insert(key);
        }
        reportUnused(schema, used, annotated);
    }
    auto resolved = context_.documents().resolve(schema);
    if (const auto* failure = std::get_if<std::string>(&resolved)) {
        context_.error(schema.child("$ref"), *failure);
        return std::nullopt;
    }
    const Place target = std::get<Place>(std::move(resolved));
    const PlaceKey key{target.document, target.pointer};
    // A model whose schema takes null too (type: [object, null]) is an Optional model where used.
    const bool nullable = declaresNull(target.value());
    if (const auto known = modelsByPlace_.find(key); known != modelsByPlace_.end()) {
        TypeSpec type = TypeSpec::object(known->second);
        type.nullable = nullable;
        return type;
    }
    if (objectLike(target)) {
        // A model of its own, named after the last token of where it lives.
        std::string name = nameHint;
        const std::size_t slash = target.pointer.rfind('/');
        if (slash != std::string::npos && slash + 1 < target.pointer.size()) {
            name = pascalCase(target.pointer.substr(slash + 1));
        } else {
            const std::string& location = context_.documents().location(target.document);
            std::string stem = location.substr(location.find_last_of("/\\") + 1);
            stem = stem.substr(0, stem.find('.'));
            if (!stem.empty()) name = pascalCase(stem);
        }
        TypeSpec type = TypeSpec::object(modelFor(target, name.empty() ? nameHint : name));
        type.nullable = nullable;
        return type;
    }
    if (!inlining_.insert(key).second) {
        context_.loss(schema,
                      "a schema that contains itself without an object in between has no type in the design");
        return std::nullopt;
    }
    std::optional<TypeSpec> result = type(target, nameHint, Annotated::Yes);
    inlining_.erase(key);
    inlined_.insert(key);
    return result;
}

std::optional<TypeSpec> SchemaImporter::intersection(const Place& schema, const std::string& nameHint,
                                                     Annotated annotated) {
    const Json& value = schema.value();
    const Json& list = value.at("allOf");
    if (!list.is_array() || list.empty()) {
        context_.loss(schema, "allOf", "allOf must be a non-empty list; not kept");
        return std::nullopt;
    }
    // The common idiom allOf: [{$ref: X}] (or with annotation-only siblings such
    // as {nullable: true} or {description: ...}) means X itself.
    const Place parts = schema.child("allOf");
    std::optional<std::size_t> substantial;
    bool single = true;
    bool nullable = declaresNull(value);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Json& part = list.at(i);
        bool annotationOnly = part.is_object() && !part.contains("$ref");
        if (part.is_object()) {
            for (const auto& [key, ignored] : part.items()) {
                if (!isAnnotationKey(key) && key != "nullable") annotationOnly = false;
            }
        }
        if (annotationOnly) {
            nullable = nullable || declaresNull(part);
            continue;
        }
        if (substantial) single = false;
        substantial = i;
    }
    const bool ownStructure = value.contains("properties") || value.contains("type");
    if (single && substantial && !ownStructure) {
        std::set<std::string> used{"allOf",   "nullable", "description", "default",
                                   "example", "examples", "title"};
        reportUnused(schema, used, annotated);
        std::optional<TypeSpec> result = type(parts.at(*substantial), nameHint, Annotated::Yes);
        if (result && nullable && result->kind != TypeKind::Any) result->nullable = true;
        return result;
    }
    if (objectLike(schema)) {
        TypeSpec model = TypeSpec::object(modelFor(schema, nameHint));
        model.nullable = nullable;
        return model;
    }
    context_.loss(schema, "allOf",
                  "allOf of schemas that are not objects is not kept; the first part is used");
    return type(parts.at(substantial.value_or(0)), nameHint, Annotated::Yes);
}

std::optional<TypeSpec> SchemaImporter::enumeration(const Place& schema, std::set<std::string>& used) {
    const Json& value = schema.value();
    const bool isConst = !value.contains("enum");
    const char* keyword = isConst ? "const" : "enum";
    used.insert(keyword);
    std::vector<Json> values;
    if (isConst) {
        values.push_back(value.at("const"));
    } else if (value.at("enum").is_array()) {
        values.assign(value.at("enum").begin(), value.at("enum").end());
    } else {
        context_.loss(schema, "enum", "enum must be a list; not kept");
        return std::nullopt;
    }
    std::vector<Json> kept;
    bool nullable = false;
    for (const Json& each : values) {
        if (each.is_null()) {
            nullable = true;
        } else if (each.is_object() || each.is_array()) {
            context_.loss(schema, keyword,
                          "the value " + each.dump() + " is not kept: the design's literals are scalars");
        } else if (!each.is_string() && !each.is_number_integer() && values.size() > 1) {
            context_.loss(schema, keyword,
                          "the value " + each.dump() +
                              " is not kept: enum values are text or integers (a single value of any "
                              "scalar is a literal)");
        } else {
            kept.push_back(each);
        }
    }
    if (kept.empty()) {
        context_.loss(schema, keyword,
                      nullable ? "a schema that only accepts null has no type in the design"
                               : "no enum value the design can hold; not kept");
        return std::nullopt;
    }
    context_.keptConstraint(schema, keyword);
    // An enum lists its values; constraints beside them add nothing the design checks.
    for (const char* key : {"format", "minLength", "maxLength", "pattern", "minimum", "maximum"}) {
        if (value.contains(key)) {
            used.insert(key);
            context_.loss(schema, key, std::string(key) + " is not kept beside the enum's values");
        }
    }
    // One value (const, or an enum of one) is Pydantic's Literal.
    TypeSpec type =
        kept.size() == 1 ? TypeSpec::literal(kept.front()) : TypeSpec::enumeration(std::move(kept));
    type.nullable = nullable;
    return type;
}

std::optional<TypeSpec> SchemaImporter::byKind(const Place& schema, const std::string& kind,
                                               const std::string& nameHint, std::set<std::string>& used) {
    const Json& value = schema.value();
    TypeSpec type;
    if (kind == "string") {
        type = TypeSpec::scalar(TypeKind::String);
        stringConstraints(schema, type.constraints, used);
    } else if (kind == "integer" || kind == "number") {
        type = TypeSpec::scalar(kind == "integer" ? TypeKind::Integer : TypeKind::Number);
        numberConstraints(schema, type.constraints, used);
    } else if (kind == "boolean") {
        type = TypeSpec::scalar(TypeKind::Boolean);
    } else if (kind == "array") {
        used.insert("items");
        // An array without items holds any values.
        std::optional<TypeSpec> items = TypeSpec::any();
        if (value.contains("items"))
            items = this->type(schema.child("items"), nameHint + "Item", Annotated::No);
        if (!items) return std::nullopt;
        type = TypeSpec::arrayOf(*items);
        for (const char* key : {"minItems", "maxItems"}) {
            if (!value.contains(key)) continue;
            used.insert(key);
            const std::optional<std::int64_t> n = count(value.at(key));
            if (!n) {
                context_.loss(schema, key, std::string(key) + " must be a count; not kept");
                continue;
            }
            (std::string_view(key) == "minItems" ? type.constraints.minItems : type.constraints.maxItems) = n;
            context_.keptConstraint(schema, key);
        }
        if (value.contains("uniqueItems")) {
            used.insert("uniqueItems");
            if (value.at("uniqueItems") == true) {
                type.constraints.uniqueItems = true;
                context_.keptConstraint(schema, "uniqueItems");
            }
        }
    } else if (kind == "object") {
        // An object without properties is a map: additionalProperties is the value type
        // (none, true or {}: any value).
        used.insert("additionalProperties");
        std::optional<TypeSpec> values = TypeSpec::any();
        if (value.contains("additionalProperties") && value.at("additionalProperties") != true)
            values = this->type(schema.child("additionalProperties"), nameHint + "Value", Annotated::No);
        if (!values) return std::nullopt;
        type = TypeSpec::mapOf(*values);
    } else if (kind == "null") {
        context_.loss(schema, "a schema that only accepts null has no type in the design");
        return std::nullopt;
    } else {
        used.insert("type");
        context_.loss(schema, "type", "unknown type \"" + kind + "\"; not kept");
        return std::nullopt;
    }
    return type;
}

void SchemaImporter::stringConstraints(const Place& schema, Constraints& c, std::set<std::string>& used) {
    const Json& value = schema.value();
    for (const char* key : {"minLength", "maxLength"}) {
        if (!value.contains(key)) continue;
        used.insert(key);
        const std::optional<std::int64_t> n = count(value.at(key));
        if (!n) {
            context_.loss(schema, key, std::string(key) + " must be a count; not kept");
            continue;
        }
        (std::string_view(key) == "minLength" ? c.minLength : c.maxLength) = n;
        context_.keptConstraint(schema, key);
    }
    if (value.contains("pattern")) {
        used.insert("pattern");
        const Json& pattern = value.at("pattern");
        if (!pattern.is_string()) {
            context_.loss(schema, "pattern", "pattern must be text; not kept");
        } else {
            RE2::Options options;
            options.set_log_errors(false);
            const RE2 re(pattern.get<std::string>(), options);
            if (re.ok()) {
                c.pattern = pattern.get<std::string>();
                context_.keptConstraint(schema, "pattern");
            } else {
                context_.loss(
                    schema, "pattern",
                    "the pattern is not kept: RE2 (linear-time, as the server checks patterns) cannot run "
                    "it: " +
                        re.error());
            }
        }
    }
    if (value.contains("format")) {
        used.insert("format");
        const Json& format = value.at("format");
        const std::optional<model::StringFormat> known =
            format.is_string() ? model::parseStringFormat(format.get<std::string>()) : std::nullopt;
        if (known) {
            c.format = *known;
            context_.keptConstraint(schema, "format");
        } else {
            otherFormat(schema, c);
        }
    }
}

// A format the design does not check ("password", "int64") is kept as written
// and shown as not checked.
void SchemaImporter::otherFormat(const Place& schema, Constraints& c) {
    const Json& format = schema.value().at("format");
    if (!format.is_string() || format.get<std::string>().empty()) {
        context_.loss(schema, "format", "format must be text; not kept");
        return;
    }
    c.otherFormat = format.get<std::string>();
    context_.keptConstraint(schema, "format");
}

void SchemaImporter::numberConstraints(const Place& schema, Constraints& c, std::set<std::string>& used) {
    const Json& value = schema.value();
    const auto number = [&](const char* key) -> std::optional<double> {
        if (!value.contains(key)) return std::nullopt;
        used.insert(key);
        const std::optional<double> n = finiteNumber(value.at(key));
        if (!n) context_.loss(schema, key, std::string(key) + " must be a number; not kept");
        return n;
    };
    // 3.0 spells an exclusive bound as a flag beside minimum/maximum, 3.1 as a number.
    const auto bound = [&](const char* inclusiveKey, const char* exclusiveKey,
                           std::optional<double>& inclusive, std::optional<double>& exclusive) {
        const std::optional<double> plain = number(inclusiveKey);
        bool exclusiveFlag = false;
        if (value.contains(exclusiveKey)) {
            const Json& flag = value.at(exclusiveKey);
            if (flag.is_boolean()) {
                used.insert(exclusiveKey);
                exclusiveFlag = flag.get<bool>();
                if (exclusiveFlag && !plain) {
                    context_.loss(
                        schema, exclusiveKey,
                        std::string(exclusiveKey) + " without " + inclusiveKey + " says nothing; ignored");
                }
            } else if (const std::optional<double> n = number(exclusiveKey)) {
                exclusive = n;
                context_.keptConstraint(schema, exclusiveKey);
            }
        }
        if (!plain) return;
        if (exclusiveFlag) {
            exclusive = plain;
            context_.keptConstraint(schema, exclusiveKey);
        } else {
            inclusive = plain;
        }
        context_.keptConstraint(schema, inclusiveKey);
    };
    bound("minimum", "exclusiveMinimum", c.ge, c.gt);
    bound("maximum", "exclusiveMaximum", c.le, c.lt);
    if (const std::optional<double> n = number("multipleOf")) {
        if (*n > 0) {
            c.multipleOf = n;
            context_.keptConstraint(schema, "multipleOf");
        } else {
            context_.loss(schema, "multipleOf", "multipleOf must be greater than 0; not kept");
        }
    }
    if (value.contains("format")) {
        used.insert("format");
        otherFormat(schema, c);
    }
}

void SchemaImporter::reportUnused(const Place& schema, const std::set<std::string>& used,
                                  Annotated annotated) {
    for (const auto& [key, ignored] : schema.value().items()) {
        if (used.contains(key) || silentlyIgnored(key)) continue;
        if (key == "nullable" || key == "readOnly" || key == "writeOnly" || key == "deprecated" ||
            key == "uniqueItems") {
            if (schema.value().at(key) == false) continue;
        }
        if (annotated == Annotated::No && isAnnotationKey(key)) {
            context_.loss(schema, key, "the " + key + " of this schema is not kept");
            continue;
        }
        context_.loss(schema, key, unsupportedKeyword(key));
    }
}

}  // namespace loadstar::openapi::detail
