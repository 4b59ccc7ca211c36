// SchemaImporter's half that turns anyOf / oneOf into unions, nullable types and
// tagged unions (a discriminator).
#include <algorithm>

#include "engine/model/discriminator.h"
#include "engine/openapi/schema_importer.h"

namespace loadstar::openapi::detail {

using model::TypeKind;
using model::TypeSpec;

namespace {

std::string refOf(const Json& schema) {
    return schema.is_object() && schema.contains("$ref") && schema.at("$ref").is_string()
               ? schema.at("$ref").get<std::string>()
               : std::string();
}

// A mapping value names a schema by reference ("#/components/schemas/Cat") or by
// its bare name ("Cat").
bool mappingNames(const std::string& target, const std::string& ref) {
    if (ref.empty()) return false;
    if (target == ref) return true;
    return target.find('/') == std::string::npos && ref.size() > target.size() && ref.ends_with("/" + target);
}

}  // namespace

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
    bool nullable = declaresNull(value);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Place variant = variants.at(i);
        auto resolved = context_.documents().resolve(variant);
        if (const auto* failure = std::get_if<std::string>(&resolved)) {
            context_.error(variant.child("$ref"), *failure);
            return std::nullopt;
        }
        if (isNullSchema(std::get<Place>(resolved).value())) {
            nullable = true;  // Optional[X]: anyOf [X, {type: null}]
        } else {
            kept.push_back(variant);
        }
    }
    std::set<std::string> used{keyword,   "discriminator", "nullable", "description",
                               "default", "example",       "examples", "title"};
    reportUnused(schema, used, Annotated::Yes);
    if (kept.empty()) {
        context_.loss(schema, "a schema that only accepts null has no type in the design");
        return std::nullopt;
    }
    std::optional<TypeSpec> result;
    if (kept.size() == 1) {
        result = type(kept.front(), nameHint, Annotated::Yes);
        if (result && value.contains("discriminator")) {
            context_.loss(schema, "discriminator",
                          "a discriminator of a single alternative says nothing; ignored");
        }
    } else {
        std::vector<TypeSpec> types;
        std::vector<std::string> refs;
        for (std::size_t i = 0; i < kept.size(); ++i) {
            std::optional<TypeSpec> variant = type(kept[i], nameHint + std::to_string(i + 1), Annotated::No);
            if (!variant) {
                context_.loss(kept[i], "the alternative is not kept: values of its shape are refused");
                continue;
            }
            types.push_back(std::move(*variant));
            refs.push_back(refOf(kept[i].value()));
        }
        if (types.empty()) return std::nullopt;
        if (types.size() == 1) {
            result = std::move(types.front());
        } else {
            result = TypeSpec::unionOf(std::move(types), std::string_view(keyword) == "oneOf");
            if (value.contains("discriminator")) result->discriminator = discriminator(schema, *result, refs);
        }
    }
    if (result && nullable && result->kind != TypeKind::Any) result->nullable = true;
    return result;
}

// The discriminator with its whole mapping in model names; minimiseDiscriminators()
// drops what the models say anyway once they are all built.
std::optional<model::Discriminator> SchemaImporter::discriminator(const Place& schema,
                                                                  const TypeSpec& unionType,
                                                                  const std::vector<std::string>& refs) {
    const Place place = schema.child("discriminator");
    const Json& value = place.value();
    if (!value.is_object() || !value.contains("propertyName") || !value.at("propertyName").is_string() ||
        value.at("propertyName").get<std::string>().empty()) {
        context_.loss(place, "a discriminator needs a propertyName; not kept");
        return std::nullopt;
    }
    const bool models =
        std::all_of(unionType.variants.begin(), unionType.variants.end(),
                    [](const TypeSpec& v) { return v.kind == TypeKind::Object && !v.nullable; });
    if (!models) {
        context_.loss(place, "the discriminator is not kept: only a union of models can be tagged");
        return std::nullopt;
    }
    model::Discriminator out;
    out.property = value.at("propertyName").get<std::string>();
    for (const auto& [key, ignored] : value.items()) {
        if (key != "propertyName" && key != "mapping")
            context_.loss(place, key, "the keyword \"" + key + "\" is not kept");
    }
    if (!value.contains("mapping")) {
        discriminatorPlaces_.emplace(discriminatorKey(out.property, unionType), place);
        return out;
    }
    const Place mapping = place.child("mapping");
    if (!mapping.value().is_object()) {
        context_.loss(mapping, "mapping must be a map of tags to schemas; not kept");
        return out;
    }
    for (const auto& [tag, target] : mapping.value().items()) {
        std::optional<std::size_t> variant;
        for (std::size_t i = 0; i < refs.size() && !variant && target.is_string(); ++i) {
            if (mappingNames(target.get<std::string>(), refs[i])) variant = i;
        }
        if (!variant) {
            context_.loss(mapping, tag, "the tag names no alternative of the union; not kept");
            continue;
        }
        out.mapping.emplace_back(tag, unionType.variants[*variant].modelRef);
    }
    discriminatorPlaces_.emplace(discriminatorKey(out.property, unionType), place);
    return out;
}

std::string SchemaImporter::discriminatorKey(const std::string& property, const TypeSpec& unionType) {
    std::string key = property;
    for (const TypeSpec& variant : unionType.variants)
        key += "|" + variant.modelRef;
    return key;
}

// Once every model is built: a discriminator whose models do not all carry a text
// tag field cannot choose among them and is dropped (reported); the others keep
// only the mapping entries the models do not say themselves.
void SchemaImporter::finishDiscriminators(TypeSpec& type) {
    for (TypeSpec& variant : type.variants)
        finishDiscriminators(variant);
    if (type.items) {
        TypeSpec items = *type.items;
        finishDiscriminators(items);
        if (!(items == *type.items)) type.items = std::make_shared<TypeSpec>(std::move(items));
    }
    if (!type.discriminator) return;
    const model::Project& project = context_.project();
    const std::string& property = type.discriminator->property;
    for (const TypeSpec& variant : type.variants) {
        const model::Model* m = project.model(variant.modelRef);
        const model::Field* tag = m ? m->field(property) : nullptr;
        const bool text = tag && (tag->type.kind == TypeKind::String || tag->type.kind == TypeKind::Literal ||
                                  tag->type.kind == TypeKind::Enum);
        if (text) continue;
        const auto place = discriminatorPlaces_.find(discriminatorKey(property, type));
        if (place != discriminatorPlaces_.end() && reportedDiscriminators_.insert(place->first).second) {
            context_.loss(place->second, "the discriminator is not kept: model " + variant.modelRef +
                                             (tag ? " has no text field " : " has no field ") + property +
                                             " to carry the tag (the union is kept untagged)");
        }
        type.discriminator.reset();
        return;
    }
    if (type.discriminator->mapping.empty()) return;
    TypeSpec implicit = type;
    implicit.discriminator->mapping.clear();
    const std::vector<model::DiscriminatorTag> derived = model::discriminatorTags(project, implicit);
    std::vector<std::pair<std::string, std::string>> kept;
    for (std::size_t v = 0; v < type.variants.size(); ++v) {
        const std::string& name = type.variants[v].modelRef;
        std::vector<std::string> written;
        for (const auto& [tag, target] : type.discriminator->mapping) {
            if (target == name) written.push_back(tag);
        }
        std::vector<std::string> said;
        for (const model::DiscriminatorTag& tag : derived) {
            if (tag.variant == v) said.push_back(tag.tag);
        }
        if (written == said) continue;
        for (const std::string& tag : written)
            kept.emplace_back(tag, name);
    }
    type.discriminator->mapping = std::move(kept);
}

void SchemaImporter::finishDiscriminators() {
    model::Project& project = context_.project();
    for (std::size_t m = 0; m < project.models.size(); ++m) {
        for (std::size_t f = 0; f < project.models[m].fields.size(); ++f)
            finishDiscriminators(project.models[m].fields[f].type);
    }
    for (model::Endpoint& endpoint : project.endpoints) {
        for (model::Parameter& parameter : endpoint.parameters)
            finishDiscriminators(parameter.type);
        if (endpoint.requestBody) finishDiscriminators(endpoint.requestBody->type);
        for (model::Response& response : endpoint.responses) {
            if (response.body) finishDiscriminators(*response.body);
        }
    }
}

}  // namespace loadstar::openapi::detail
