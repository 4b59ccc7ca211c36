// SchemaImporter's half that turns object schemas into models.
#include "engine/openapi/schema_importer.h"
#include "engine/openapi/title.h"

namespace loadstar::openapi::detail {

using model::Field;
using model::Model;

namespace {

// OpenAPI allows only [A-Za-z0-9._-] in component names, so a model name that
// keeps to them exports under the same name.
std::string componentSafe(std::string_view name) {
    std::string out(name);
    for (char& c : out) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                             c == '.' || c == '-' || c == '_';
        if (!allowed) c = '_';
    }
    return out;
}

bool isUnderComponents(const Place& place) {
    return place.pointer.starts_with("/components/schemas/");
}

// The two schemas FastAPI adds for its 422 responses. They are built only if
// something other than such a 422 (which the exporter adds again) uses them.
bool isFastApiValidationSchema(const std::string& key, const Json& schema) {
    if (key != "HTTPValidationError" && key != "ValidationError") return false;
    if (!schema.is_object() || !schema.contains("properties") || !schema.at("properties").is_object())
        return false;
    const Json& properties = schema.at("properties");
    if (key == "HTTPValidationError") return properties.size() == 1 && properties.contains("detail");
    return properties.contains("loc") && properties.contains("msg") && properties.contains("type");
}

}  // namespace

bool isMapSchema(const Json& schema) {
    if (!schema.is_object()) return false;
    for (const char* key : {"properties", "allOf", "anyOf", "oneOf", "$ref", "items", "enum", "const"}) {
        if (schema.contains(key)) return false;
    }
    if (schema.contains("additionalProperties") && schema.at("additionalProperties") == false) return false;
    if (!schema.contains("type")) return schema.contains("additionalProperties");
    const Json& type = schema.at("type");
    if (type == "object") return true;
    if (!type.is_array()) return false;
    bool object = false;
    for (const Json& each : type) {
        if (each != "object" && each != "null") return false;
        object = object || each == "object";
    }
    return object;
}

bool SchemaImporter::objectLike(const Place& schema, int depth) {
    const Json& value = schema.value();
    if (!value.is_object() || value.contains("$ref") || depth > 16) return false;
    if (isMapSchema(value)) return false;
    if (value.contains("type")) {
        const Json& type = value.at("type");
        if (type == "object") return true;
        if (type.is_array()) {
            bool object = false;
            bool other = false;
            for (const Json& each : type) {
                if (each == "object") object = true;
                if (each != "object" && each != "null") other = true;
            }
            return object && !other;
        }
        if (type.is_string()) return false;
    }
    if (value.contains("properties")) return true;
    if (value.contains("additionalProperties") && !value.contains("items")) return true;
    if (value.contains("allOf") && value.at("allOf").is_array()) {
        const Place parts = schema.child("allOf");
        for (std::size_t i = 0; i < value.at("allOf").size(); ++i) {
            auto resolved = context_.documents().resolve(parts.at(i));
            if (const auto* target = std::get_if<Place>(&resolved)) {
                if (objectLike(*target, depth + 1)) return true;
            }
        }
    }
    return false;
}

std::string SchemaImporter::uniqueModelName(const std::string& wanted) {
    std::string base = componentSafe(wanted);
    if (base.empty()) base = "Model";
    std::string name = base;
    for (int n = 2; modelNames_.contains(name); ++n)
        name = base + std::to_string(n);
    modelNames_.insert(name);
    return name;
}

std::string SchemaImporter::componentModelName(const std::string& key, const Json& schema) const {
    // Pydantic titles a model with its class name and FastAPI names the component
    // after it; a title that spells the key is the better name ("Book", not a
    // sanitised "Book_").
    if (schema.is_object() && schema.contains("title") && schema.at("title").is_string()) {
        const std::string title = schema.at("title").get<std::string>();
        if (!title.empty() && componentSafe(title) == key) return title;
    }
    return key;
}

std::string SchemaImporter::modelFor(const Place& objectSchema, const std::string& nameHint) {
    const PlaceKey key{objectSchema.document, objectSchema.pointer};
    if (const auto known = modelsByPlace_.find(key); known != modelsByPlace_.end()) return known->second;
    std::string wanted = nameHint;
    const Json& value = objectSchema.value();
    if (value.contains("title") && value.at("title").is_string()) {
        const std::string title = value.at("title").get<std::string>();
        if (!title.empty() && componentSafe(title) == title) wanted = title;
    }
    const std::string name = uniqueModelName(wanted);
    modelsByPlace_.emplace(key, name);
    const std::size_t index = context_.project().models.size();
    context_.project().models.push_back(Model{name, {}, {}, model::ExtraFields::Ignore});
    buildModel(index, objectSchema);
    return name;
}

void SchemaImporter::importComponents() {
    const Place root = context_.documents().root();
    if (!root.value().contains("components") || !root.value().at("components").is_object()) return;
    const Place components = root.child("components");
    if (!components.value().contains("schemas")) return;
    const Place schemas = components.child("schemas");
    if (!schemas.value().is_object()) {
        context_.loss(schemas, "components/schemas must be a map of schemas; not kept");
        return;
    }
    std::vector<std::pair<std::size_t, Place>> declared;
    for (const auto& [key, value] : schemas.value().items()) {
        const Place place = schemas.entry(key, value);
        if (isFastApiValidationSchema(key, value)) {
            context_.excludeFromStatistics(place);
            continue;
        }
        if (objectLike(place)) {
            const std::string name = uniqueModelName(componentModelName(key, value));
            modelsByPlace_.emplace(PlaceKey{place.document, place.pointer}, name);
            declared.emplace_back(context_.project().models.size(), place);
            context_.project().models.push_back(Model{name, {}, {}, model::ExtraFields::Ignore});
        } else if (!value.is_object() || !value.contains("$ref")) {
            namedTypes_.push_back(place);
        }
    }
    for (const auto& [index, place] : declared)
        buildModel(index, place);
}

void SchemaImporter::reportNamedTypes() {
    for (const Place& place : namedTypes_) {
        const std::string name = place.pointer.substr(place.pointer.rfind('/') + 1);
        if (inlined_.contains(PlaceKey{place.document, place.pointer})) {
            context_.loss(place,
                          "the schema is written out where it is used; its name is not kept "
                          "(the design names only object types)");
        } else {
            // Read it anyway so that what it holds is reported too.
            type(place, name, Annotated::Yes);
            context_.loss(place,
                          "not used by any operation or model, and the design names only object types; "
                          "not kept");
        }
    }
}

SchemaImporter::Flattened SchemaImporter::flatten(const Place& schema) {
    Flattened out;
    std::set<PlaceKey> seen;
    flattenInto(schema, out, seen);
    return out;
}

void SchemaImporter::flattenInto(const Place& schema, Flattened& out, std::set<PlaceKey>& seen) {
    if (!seen.emplace(schema.document, schema.pointer).second) {
        context_.loss(schema, "allOf includes itself; the repetition is ignored");
        return;
    }
    out.parts.push_back(schema);
    const Json& value = schema.value();
    if (!value.contains("allOf")) return;
    const Json& list = value.at("allOf");
    if (!list.is_array()) {
        context_.loss(schema, "allOf", "allOf must be a list; not kept");
        return;
    }
    const Place parts = schema.child("allOf");
    for (std::size_t i = 0; i < list.size(); ++i) {
        auto resolved = context_.documents().resolve(parts.at(i));
        if (const auto* failure = std::get_if<std::string>(&resolved)) {
            context_.error(parts.at(i).child("$ref"), *failure);
            out.complete = false;
            continue;
        }
        const Place target = std::get<Place>(std::move(resolved));
        if (!target.value().is_object()) {
            context_.loss(target, "a part of allOf must be an object schema; not kept");
            continue;
        }
        if (!objectLike(target) && !isMapSchema(target.value()) && !target.value().contains("allOf")) {
            std::set<std::string> used{"description", "title", "nullable", "default", "example", "examples"};
            reportUnused(target, used, Annotated::Yes);
            continue;
        }
        flattenInto(target, out, seen);
    }
}

void SchemaImporter::buildModel(std::size_t index, const Place& objectSchema) {
    Model model;
    model.name = context_.project().models[index].name;
    context_.schemaRead(objectSchema);
    context_.origin("model:" + model.name, objectSchema);
    const Flattened flat = flatten(objectSchema);

    std::set<std::string> required;
    for (const Place& part : flat.parts) {
        const Json& value = part.value();
        if (model.description.empty() && value.contains("description") && value.at("description").is_string())
            model.description = value.at("description").get<std::string>();
        if (value.contains("required")) {
            const Json& list = value.at("required");
            if (!list.is_array()) {
                context_.loss(part, "required", "required must be a list of property names; not kept");
            } else {
                for (const Json& name : list) {
                    if (name.is_string()) required.insert(name.get<std::string>());
                }
            }
        }
        if (model.extra == model::ExtraFields::Ignore && value.contains("additionalProperties")) {
            const Json& extra = value.at("additionalProperties");
            if (extra == false) {
                model.extra = model::ExtraFields::Forbid;
            } else if (extra == true || (extra.is_object() && extra.empty())) {
                model.extra = model::ExtraFields::Allow;
            } else {
                model.extra = model::ExtraFields::Allow;
                context_.loss(part, "additionalProperties",
                              "extra properties are accepted, but their type is not kept (a model's extra "
                              "properties have no type; a map without properties has)");
            }
        }
        // null beside the object (type: [object, null], nullable) is kept where the model is used.
        std::set<std::string> used{"type",  "properties",  "required", "additionalProperties",
                                   "allOf", "description", "title",    "nullable"};
        if (!isUnderComponents(part)) {
            for (const char* key : {"default", "example", "examples"})
                used.insert(key);
        }
        if (value.contains("discriminator")) {
            used.insert("discriminator");
            context_.loss(part, "discriminator",
                          "a discriminator beside properties is not kept (a union of models is tagged)");
        }
        if (value.contains("anyOf") || value.contains("oneOf")) {
            const char* keyword = value.contains("anyOf") ? "anyOf" : "oneOf";
            used.insert(keyword);
            context_.loss(part, keyword,
                          std::string(keyword) +
                              " beside properties is not kept: a model is one shape (a union of models is "
                              "written as anyOf/oneOf without properties)");
        }
        if (&part == &flat.parts.front() && value.contains("title") && value.at("title").is_string() &&
            value.at("title").get<std::string>() != model.name) {
            context_.loss(part, "title", "the title is not kept (the model is named " + model.name + ")");
        }
        reportUnused(part, used, Annotated::Yes);
    }
    for (const Place& part : flat.parts)
        addFields(model, part, required);
    for (const std::string& name : required) {
        if (!model.field(name) && !dropped_.contains(model.name + "/" + name)) {
            context_.loss(objectSchema, "required",
                          "\"" + name + "\" is required but is not a property; ignored");
        }
    }
    context_.project().models[index] = std::move(model);
}

void SchemaImporter::addFields(Model& model, const Place& part, const std::set<std::string>& required) {
    const Json& value = part.value();
    if (!value.contains("properties")) return;
    const Place properties = part.child("properties");
    if (!properties.value().is_object()) {
        context_.loss(properties, "properties must be a map of schemas; not kept");
        return;
    }
    for (const auto& [name, schema] : properties.value().items()) {
        const Place property = properties.entry(name, schema);
        if (model.field(name)) {
            context_.loss(property,
                          "\"" + name + "\" is defined by an earlier part of allOf too; the first is kept");
            continue;
        }
        if (name.empty()) {
            context_.loss(property, "a property needs a name; not kept");
            continue;
        }
        std::optional<model::TypeSpec> type =
            this->type(property, model.name + pascalCase(name), Annotated::Yes);
        if (!type) {
            dropped_.insert(model.name + "/" + name);
            continue;
        }
        const SchemaAnnotations notes = annotations(property);
        Field field;
        field.name = name;
        field.type = std::move(*type);
        field.required = required.contains(name);
        field.description = notes.description;
        field.defaultValue = notes.defaultValue;
        field.example = notes.example;
        if (!notes.title.empty() && notes.title != titleFromName(name)) {
            context_.loss(property, "title",
                          "the title is not kept (the design titles fields after their names)");
        }
        context_.keptProperty(property);
        context_.origin("field:" + model.name + "/" + name, property);
        model.fields.push_back(std::move(field));
    }
}

}  // namespace loadstar::openapi::detail
