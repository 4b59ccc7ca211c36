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
    static constexpr std::array<Known, 17> kKnown{{
        {"nullable", "null is not accepted: the design has no nullable types yet"},
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

// A schema that only says "null" (3.1's {type: null}, or an enum of null alone).
bool isNullSchema(const Json& schema) {
    if (!schema.is_object()) return false;
    if (schema.contains("type") && schema.at("type") == "null") return true;
    if (schema.contains("enum") && schema.at("enum").is_array() && schema.at("enum").size() == 1 &&
        schema.at("enum").front().is_null()) {
        return true;
    }
    return false;
}

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
        context_.loss(schema, value.get<bool>()
                                  ? "a schema that accepts anything (true) has no type in the design"
                                  : "a schema that accepts nothing (false) has no type in the design");
        return std::nullopt;
    }
    if (!value.is_object()) {
        context_.loss(schema, "a schema must be an object; not kept");
        return std::nullopt;
    }
    if (value.contains("$ref")) return referenced(schema, nameHint, annotated);
    if (value.contains("properties")) return TypeSpec::object(modelFor(schema, nameHint));
    if (value.contains("allOf")) return intersection(schema, nameHint, annotated);
    if (value.contains("anyOf") || value.contains("oneOf")) return alternatives(schema, nameHint);
    if (objectLike(schema)) return TypeSpec::object(modelFor(schema, nameHint));

    std::set<std::string> used{"type", "nullable"};
    if (value.contains("nullable") && value.at("nullable") == true) {
        context_.loss(schema, "nullable", "null is not accepted: the design has no nullable types yet");
    }
    std::optional<TypeSpec> result;
    if (value.contains("enum") || value.contains("const")) {
        result = enumeration(schema, used);
    } else {
        std::string kind;
        const Json* typeValue = value.contains("type") ? &value.at("type") : nullptr;
        if (typeValue && typeValue->is_string()) {
            kind = typeValue->get<std::string>();
        } else if (typeValue && typeValue->is_array()) {
            std::vector<std::string> kinds;
            for (const Json& each : *typeValue) {
                if (each.is_string() && each != "null") kinds.push_back(each.get<std::string>());
                if (each == "null") {
                    context_.loss(schema, "type",
                                  "null is not accepted: the design has no nullable types yet");
                }
            }
            if (!kinds.empty()) kind = kinds.front();
            if (kinds.size() > 1) {
                context_.loss(
                    schema, "type",
                    "only the first of several types (" + kind + ") is kept: the design has no unions yet");
            }
        } else if (value.contains("items")) {
            kind = "array";
        }
        if (kind.empty()) {
            context_.loss(schema, "a schema without a type (any JSON value) has no type in the design yet");
            reportUnused(schema, used, annotated);
            return std::nullopt;
        }
        result = byKind(schema, kind, nameHint, used);
    }
    if (annotated == Annotated::Yes) {
        for (const char* key : {"description", "default", "example", "examples", "title"})
            used.insert(key);
    } else {
        used.insert("title");  // an anonymous schema's title only names things
    }
    reportUnused(schema, used, annotated);
    return result;
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
    if (const auto known = modelsByPlace_.find(key); known != modelsByPlace_.end()) {
        return TypeSpec::object(known->second);
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
        return TypeSpec::object(modelFor(target, name.empty() ? nameHint : name));
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

std::optional<TypeSpec> SchemaImporter::alternatives(const Place& schema, const std::string& nameHint) {
    const Json& value = schema.value();
    const char* keyword = value.contains("anyOf") ? "anyOf" : "oneOf";
    const Json& list = value.at(keyword);
    if (!list.is_array() || list.empty()) {
        context_.loss(schema, keyword, std::string(keyword) + " must be a non-empty list; not kept");
        return std::nullopt;
    }
    const Place variants = schema.child(keyword);
    std::vector<Place> kept;
    bool nullable = false;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Place variant = variants.at(i);
        auto resolved = context_.documents().resolve(variant);
        if (const auto* failure = std::get_if<std::string>(&resolved)) {
            context_.error(variant.child("$ref"), *failure);
            return std::nullopt;
        }
        if (isNullSchema(std::get<Place>(resolved).value())) {
            nullable = true;
        } else {
            kept.push_back(variant);
        }
    }
    if (nullable)
        context_.loss(schema, keyword, "null is not accepted: the design has no nullable types yet");
    if (value.contains("discriminator")) {
        context_.loss(schema, "discriminator",
                      "the discriminator is not kept: the design has no tagged unions yet");
    }
    if (kept.empty()) {
        context_.loss(schema, "a schema that only accepts null has no type in the design");
        return std::nullopt;
    }
    if (kept.size() > 1) {
        context_.loss(schema, keyword,
                      "only the first of " + std::to_string(kept.size()) +
                          " alternatives is kept: the design has no unions yet");
    }
    std::set<std::string> used{keyword,   "discriminator", "description", "default",
                               "example", "examples",      "title"};
    reportUnused(schema, used, Annotated::Yes);
    return type(kept.front(), nameHint, Annotated::Yes);
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
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Json& part = list.at(i);
        bool annotationOnly = part.is_object() && !part.contains("$ref");
        if (part.is_object()) {
            for (const auto& [key, ignored] : part.items()) {
                if (!isAnnotationKey(key) && key != "nullable") annotationOnly = false;
            }
        }
        if (annotationOnly) {
            if (part.contains("nullable") && part.at("nullable") == true) {
                context_.loss(parts.at(i), "nullable",
                              "null is not accepted: the design has no nullable types yet");
            }
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
        return type(parts.at(*substantial), nameHint, Annotated::Yes);
    }
    if (objectLike(schema)) return TypeSpec::object(modelFor(schema, nameHint));
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
        } else if (each.is_string() || each.is_number_integer()) {
            kept.push_back(each);
        } else {
            context_.loss(schema, keyword,
                          "the value " + each.dump() + " is not kept: enum values are text or integers");
        }
    }
    if (nullable)
        context_.loss(schema, keyword, "null is not accepted: the design has no nullable types yet");
    if (kept.empty()) {
        context_.loss(schema, keyword, "no enum value the design can hold; not kept");
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
    return TypeSpec::enumeration(std::move(kept));
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
        std::optional<TypeSpec> items;
        if (value.contains("items")) {
            items = this->type(schema.child("items"), nameHint + "Item", Annotated::No);
        } else {
            context_.loss(schema, "an array without items (of any values) has no type in the design yet");
        }
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
        if (value.contains("uniqueItems") && value.at("uniqueItems") == true) {
            used.insert("uniqueItems");
            context_.loss(schema, "uniqueItems", "uniqueItems is not kept: the design has no sets yet");
        } else if (value.contains("uniqueItems")) {
            used.insert("uniqueItems");
        }
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
            context_.loss(schema, "format",
                          "the format " + format.dump() +
                              " is not kept: the design checks email, uuid, date-time, "
                              "date and uri");
        }
    }
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
        context_.loss(
            schema, "format",
            "the format " + value.at("format").dump() + " is not kept: the design has no number formats yet");
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
