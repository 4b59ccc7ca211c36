#include "engine/openapi/document_census.h"

#include <array>

namespace loadstar::openapi::detail {

namespace {

constexpr int kMaxDepth = 128;

constexpr std::array<std::string_view, 8> kMethods{"get",     "put",  "post",  "delete",
                                                   "options", "head", "patch", "trace"};

bool has(const Place& place, const char* key) {
    return place.value().is_object() && place.value().contains(key);
}

}  // namespace

bool isConstraintKeyword(std::string_view key, const Json& value) {
    constexpr std::array<std::string_view, 16> kKeywords{
        "minimum",   "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength",
        "maxLength", "pattern", "format",           "minItems",         "maxItems",   "uniqueItems",
        "enum",      "const",   "minProperties",    "maxProperties"};
    bool known = false;
    for (const std::string_view keyword : kKeywords)
        known = known || keyword == key;
    if (!known) return false;
    // A flag that is off says nothing (3.0's exclusiveMinimum: false, uniqueItems: false).
    return value != false;
}

void DocumentCensus::countEach(const Place& map, void (DocumentCensus::*count)(const Place&)) {
    if (!map.value().is_object()) return;
    for (const auto& [key, value] : map.value().items()) {
        if (!key.starts_with("x-")) (this->*count)(map.entry(key, value));
    }
}

void DocumentCensus::countDocument(const Place& root) {
    if (!root.value().is_object()) return;
    if (has(root, "paths")) countEach(root.child("paths"), &DocumentCensus::countPathItem);
    if (has(root, "webhooks")) countEach(root.child("webhooks"), &DocumentCensus::countPathItem);
    if (!has(root, "components")) return;
    const Place components = root.child("components");
    if (!components.value().is_object()) return;
    if (has(components, "schemas") && components.value().at("schemas").is_object()) {
        const Place schemas = components.child("schemas");
        for (const auto& [key, value] : schemas.value().items())
            countSchema(schemas.entry(key, value));
    }
    if (has(components, "parameters"))
        countEach(components.child("parameters"), &DocumentCensus::countParameterLike);
    if (has(components, "headers"))
        countEach(components.child("headers"), &DocumentCensus::countParameterLike);
    if (has(components, "requestBodies")) {
        const Place bodies = components.child("requestBodies");
        if (bodies.value().is_object()) {
            for (const auto& [key, body] : bodies.value().items()) {
                if (body.is_object() && body.contains("content"))
                    countContent(bodies.child(key).child("content"));
            }
        }
    }
    if (has(components, "responses")) {
        const Place responses = components.child("responses");
        if (responses.value().is_object()) {
            for (const auto& [key, response] : responses.value().items()) {
                if (response.is_object() && response.contains("content"))
                    countContent(responses.child(key).child("content"));
                if (response.is_object() && response.contains("headers"))
                    countEach(responses.child(key).child("headers"), &DocumentCensus::countParameterLike);
            }
        }
    }
    if (has(components, "pathItems"))
        countEach(components.child("pathItems"), &DocumentCensus::countPathItem);
    if (has(components, "callbacks")) {
        const Place callbacks = components.child("callbacks");
        if (callbacks.value().is_object()) {
            for (const auto& [key, ignored] : callbacks.value().items())
                countEach(callbacks.child(key), &DocumentCensus::countPathItem);
        }
    }
}

void DocumentCensus::countPathItem(const Place& item) {
    if (!item.value().is_object()) return;
    if (has(item, "parameters") && item.value().at("parameters").is_array()) {
        const Place parameters = item.child("parameters");
        for (std::size_t i = 0; i < parameters.value().size(); ++i)
            countParameterLike(parameters.at(i));
    }
    for (const std::string_view method : kMethods) {
        if (has(item, std::string(method).c_str())) countOperation(item.child(method));
    }
}

void DocumentCensus::countOperation(const Place& operation) {
    if (!operation.value().is_object()) return;
    if (has(operation, "parameters") && operation.value().at("parameters").is_array()) {
        const Place parameters = operation.child("parameters");
        for (std::size_t i = 0; i < parameters.value().size(); ++i)
            countParameterLike(parameters.at(i));
    }
    if (has(operation, "requestBody")) {
        const Place body = operation.child("requestBody");
        if (has(body, "content")) countContent(body.child("content"));
    }
    if (has(operation, "responses") && operation.value().at("responses").is_object()) {
        const Place responses = operation.child("responses");
        for (const auto& [status, response] : responses.value().items()) {
            if (!response.is_object()) continue;
            const Place place = responses.entry(status, response);
            if (response.contains("content")) countContent(place.child("content"));
            if (response.contains("headers"))
                countEach(place.child("headers"), &DocumentCensus::countParameterLike);
        }
    }
    if (has(operation, "callbacks") && operation.value().at("callbacks").is_object()) {
        const Place callbacks = operation.child("callbacks");
        for (const auto& [name, ignored] : callbacks.value().items())
            countEach(callbacks.child(name), &DocumentCensus::countPathItem);
    }
}

void DocumentCensus::countContent(const Place& content) {
    if (!content.value().is_object()) return;
    for (const auto& [type, media] : content.value().items()) {
        if (media.is_object() && media.contains("schema"))
            countSchema(content.entry(type, media).child("schema"));
    }
}

void DocumentCensus::countParameterLike(const Place& parameter) {
    if (has(parameter, "schema")) countSchema(parameter.child("schema"));
    if (has(parameter, "content")) countContent(parameter.child("content"));
}

void DocumentCensus::countSchema(const Place& schema, int depth) {
    const Json& value = schema.value();
    if (!value.is_object() || depth > kMaxDepth) return;
    for (const auto& [document, pointer] : skipped) {
        if (schema.document == document && schema.pointer == pointer) return;
    }
    for (const auto& [key, keyword] : value.items()) {
        if (isConstraintKeyword(key, keyword))
            constraints.insert(placeHash(schema.document, schema.pointer + "/" + escapePointerToken(key)));
    }
    const auto sub = [&](const char* key) {
        if (has(schema, key)) countSchema(schema.child(key), depth + 1);
    };
    const auto list = [&](const char* key) {
        if (!has(schema, key) || !value.at(key).is_array()) return;
        const Place entries = schema.child(key);
        for (std::size_t i = 0; i < entries.value().size(); ++i)
            countSchema(entries.at(i), depth + 1);
    };
    const auto map = [&](const char* key, bool areProperties) {
        if (!has(schema, key) || !value.at(key).is_object()) return;
        const Place entries = schema.child(key);
        for (const auto& [name, member] : entries.value().items()) {
            const Place entry = entries.entry(name, member);
            if (areProperties) properties.insert(placeHash(entry.document, entry.pointer));
            countSchema(entry, depth + 1);
        }
    };
    map("properties", true);
    map("patternProperties", false);
    map("$defs", false);
    map("dependentSchemas", false);
    for (const char* key : {"items", "additionalProperties", "not", "contains", "if", "then", "else",
                            "propertyNames", "unevaluatedProperties", "unevaluatedItems"}) {
        sub(key);
    }
    for (const char* key : {"allOf", "anyOf", "oneOf", "prefixItems"})
        list(key);
}

}  // namespace loadstar::openapi::detail
