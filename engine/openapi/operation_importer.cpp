#include "engine/openapi/operation_importer.h"

#include <algorithm>
#include <array>

#include "engine/openapi/exporter.h"
#include "engine/openapi/title.h"

namespace loadstar::openapi::detail {

using model::Endpoint;
using model::Parameter;
using model::ParamLocation;
using model::Response;
using model::TypeKind;

namespace {

constexpr std::array<std::string_view, 8> kMethods{"get",     "put",  "post",  "delete",
                                                   "options", "head", "patch", "trace"};

bool isMethod(std::string_view key) {
    return std::find(kMethods.begin(), kMethods.end(), key) != kMethods.end();
}

std::string upper(std::string text) {
    for (char& c : text) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return text;
}

std::string lower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

std::string text(const Json& object, const char* key) {
    return object.contains(key) && object.at(key).is_string() ? object.at(key).get<std::string>()
                                                              : std::string();
}

// What a parameter can hold (as the design checks say): text-like values, and
// unions of them.
bool isScalar(const model::TypeSpec& type) {
    switch (type.kind) {
        case TypeKind::Array:
        case TypeKind::Object:
        case TypeKind::Map:
        case TypeKind::Any:
            return false;
        case TypeKind::Union:
            return !type.variants.empty() &&
                   std::all_of(type.variants.begin(), type.variants.end(), isScalar);
        default:
            return true;
    }
}

}  // namespace

void OperationImporter::importPaths() {
    const Place root = context_.documents().root();
    if (!root.value().contains("paths")) return;
    const Place paths = root.child("paths");
    if (!paths.value().is_object()) {
        context_.loss(paths, "paths must be a map of path items; not kept");
        return;
    }
    for (const auto& [path, value] : paths.value().items()) {
        const Place item = paths.entry(path, value);
        if (path.starts_with("x-")) {
            context_.loss(item, "the extension " + path + " is not kept");
            continue;
        }
        if (!path.starts_with("/")) {
            // Found by the fuzzer: the design (and OpenAPI) only has paths from the root.
            if (value.is_object()) {
                for (const auto& [key, ignored] : value.items())
                    operationsFound_ += isMethod(key) ? 1u : 0u;
            }
            context_.loss(item, "a path must start with \"/\"; its operations are not kept");
            continue;
        }
        auto resolved = context_.documents().resolve(item);
        if (const auto* failure = std::get_if<std::string>(&resolved)) {
            context_.error(item.child("$ref"), *failure);
            continue;
        }
        importPathItem(path, std::get<Place>(resolved));
    }
}

std::vector<Place> OperationImporter::parameterList(const Place& owner) {
    std::vector<Place> list;
    if (!owner.value().contains("parameters")) return list;
    const Place parameters = owner.child("parameters");
    if (!parameters.value().is_array()) {
        context_.loss(parameters, "parameters must be a list; not kept");
        return list;
    }
    for (std::size_t i = 0; i < parameters.value().size(); ++i) {
        auto resolved = context_.documents().resolve(parameters.at(i));
        if (const auto* failure = std::get_if<std::string>(&resolved)) {
            context_.error(parameters.at(i).child("$ref"), *failure);
            continue;
        }
        list.push_back(std::get<Place>(std::move(resolved)));
    }
    return list;
}

void OperationImporter::importPathItem(const std::string& path, const Place& item) {
    if (!item.value().is_object()) {
        context_.loss(item, "a path item must be an object; not kept");
        return;
    }
    const std::vector<Place> pathParameters = parameterList(item);
    for (const auto& [key, value] : item.value().items()) {
        if (isMethod(key)) {
            ++operationsFound_;
            importOperation(path, key, item.entry(key, value), pathParameters);
        } else if (key == "summary" || key == "description") {
            context_.loss(item, key, "the path's own " + key + " is not kept (its operations' are)");
        } else if (key == "servers") {
            context_.loss(item, key, "servers for one path are not kept");
        } else if (key != "parameters" && key != "$ref") {
            context_.loss(item, key,
                          key.starts_with("x-")
                              ? "the extension " + key + " is not kept"
                              : "\"" + key + "\" is not an HTTP method the design serves; not kept");
        }
    }
}

std::optional<OperationImporter::ParameterKey> OperationImporter::parameterKey(const Place& parameter) {
    const Json& value = parameter.value();
    if (!value.is_object() || !value.contains("name") || !value.at("name").is_string() ||
        !value.contains("in") || !value.at("in").is_string()) {
        context_.loss(parameter, "a parameter needs a name and a place (in); not kept");
        return std::nullopt;
    }
    std::string name = value.at("name").get<std::string>();
    const std::string in = value.at("in").get<std::string>();
    if (in == "header") name = lower(name);
    return ParameterKey{in, name};
}

void OperationImporter::importOperation(const std::string& path, const std::string& method,
                                        const Place& operation, const std::vector<Place>& pathParameters) {
    const Json& value = operation.value();
    if (!value.is_object()) {
        context_.loss(operation, "an operation must be an object; not kept");
        return;
    }
    Endpoint endpoint;
    endpoint.method = upper(method);
    endpoint.path = path;
    endpoint.id = endpointId(operation, method, path);
    const std::string hint = SchemaImporter::pascalCase(endpoint.id);

    // The operation's parameters replace the path item's of the same name and place.
    std::vector<Place> parameters = parameterList(operation);
    std::set<ParameterKey> own;
    for (const Place& p : parameters) {
        if (const auto key = parameterKey(p)) own.insert(*key);
    }
    for (const Place& p : pathParameters) {
        const auto key = parameterKey(p);
        if (key && !own.contains(*key)) parameters.push_back(p);
    }
    std::set<ParameterKey> seen;
    for (const Place& place : parameters) {
        ++parametersFound_;
        const auto key = parameterKey(place);
        if (!key) continue;
        if (!seen.insert(*key).second) {
            context_.loss(place, "the same parameter is declared twice; the first is kept");
            continue;
        }
        std::optional<Parameter> imported = parameter(place, hint + SchemaImporter::pascalCase(key->name));
        if (!imported) continue;
        context_.origin("param:" + endpoint.id + "/" + model::toString(imported->in) + "/" + imported->name,
                        place);
        endpoint.parameters.push_back(std::move(*imported));
    }
    // Path, query, header, then cookie parameters, as FastAPI (and the exporter) list them.
    std::stable_sort(endpoint.parameters.begin(), endpoint.parameters.end(),
                     [](const Parameter& a, const Parameter& b) { return a.in < b.in; });

    if (value.contains("requestBody")) {
        auto resolved = context_.documents().resolve(operation.child("requestBody"));
        if (const auto* failure = std::get_if<std::string>(&resolved)) {
            context_.error(operation.child("requestBody").child("$ref"), *failure);
        } else {
            const Place body = std::get<Place>(std::move(resolved));
            endpoint.requestBody = requestBody(body, hint + "Request");
            if (endpoint.requestBody) context_.origin("body:" + endpoint.id, body);
        }
    }
    endpoint.auth = security_.operationAuth(operation);
    endpoint.tags.clear();
    if (value.contains("tags") && value.at("tags").is_array()) {
        for (const Json& tag : value.at("tags")) {
            if (tag.is_string()) endpoint.tags.push_back(tag.get<std::string>());
        }
    }
    endpoint.summary = text(value, "summary");
    // FastAPI's default summary is the operation's name, title-cased; the exporter makes it again.
    if (endpoint.summary == titleFromName(endpoint.id)) endpoint.summary.clear();
    endpoint.description = text(value, "description");
    endpoint.deprecated = value.contains("deprecated") && value.at("deprecated") == true;
    const bool takesInput = !endpoint.parameters.empty() || endpoint.requestBody.has_value();
    if (value.contains("responses")) {
        responses(operation.child("responses"), endpoint, takesInput);
    }
    for (const auto& [key, ignored] : value.items()) {
        if (key == "tags" || key == "summary" || key == "description" || key == "operationId" ||
            key == "parameters" || key == "requestBody" || key == "responses" || key == "security") {
            continue;
        }
        if (key == "deprecated" && value.at(key).is_boolean()) continue;
        std::string why = key == "callbacks"
                              ? "callbacks are not kept: the design serves requests, it sends none"
                          : key == "deprecated"   ? "deprecated must be true or false; not kept"
                          : key == "servers"      ? "servers for one operation are not kept"
                          : key == "externalDocs" ? "externalDocs is not kept"
                          : key.starts_with("x-") ? "the extension " + key + " is not kept"
                                                  : "the keyword \"" + key + "\" is not kept";
        context_.loss(operation, key, std::move(why));
    }
    checkPathTemplate(endpoint, operation);
    if (!routes_.emplace(endpoint.method, model::pathTemplateShape(endpoint.path)).second) {
        context_.loss(operation, "the same route as an earlier operation (" + endpoint.method + " " + path +
                                     " differs only in parameter names); not kept");
        return;
    }
    ids_.insert(endpoint.id);
    context_.origin("endpoint:" + endpoint.id, operation);
    context_.project().endpoints.push_back(std::move(endpoint));
}

std::string OperationImporter::endpointId(const Place& operation, const std::string& method,
                                          const std::string& path) {
    std::string id = text(operation.value(), "operationId");
    if (id.empty()) {
        // Like FastAPI's generated ids: the method and path, anything but letters and digits as "_".
        id = method;
        bool underscore = true;
        for (const char c : path) {
            const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (word) {
                if (underscore) id.push_back('_');
                id.push_back(c);
                underscore = false;
            } else {
                underscore = true;
            }
        }
    }
    std::string unique = id;
    for (int n = 2; ids_.contains(unique); ++n)
        unique = id + "_" + std::to_string(n);
    if (unique != id && operation.value().contains("operationId")) {
        context_.loss(operation, "operationId",
                      "the operationId " + id + " is used twice; this one is " + unique);
    }
    return unique;
}

void OperationImporter::checkPathTemplate(Endpoint& endpoint, const Place& operation) {
    const std::optional<std::vector<std::string>> names = model::pathTemplateParams(endpoint.path);
    if (!names) return;  // the design check names a malformed template
    std::erase_if(endpoint.parameters, [&](const Parameter& p) {
        const bool stray =
            p.in == ParamLocation::Path && std::find(names->begin(), names->end(), p.name) == names->end();
        if (stray) {
            context_.loss(operation, "the path parameter " + p.name + " is not in the path " + endpoint.path +
                                         "; not kept");
        }
        return stray;
    });
    std::size_t inserted = 0;
    for (const std::string& name : *names) {
        if (endpoint.parameter(name, ParamLocation::Path)) continue;
        context_.loss(operation, "the path parameter {" + name +
                                     "} is not declared; the design takes it as text (a string)");
        Parameter added;
        added.name = name;
        added.in = ParamLocation::Path;
        added.type = model::TypeSpec::scalar(TypeKind::String);
        added.required = true;
        endpoint.parameters.insert(endpoint.parameters.begin() + long(inserted++), std::move(added));
    }
}

std::optional<Parameter> OperationImporter::parameter(const Place& place, const std::string& nameHint) {
    const Json& value = place.value();
    Parameter parameter;
    parameter.name = value.at("name").get<std::string>();
    const std::string in = value.at("in").get<std::string>();
    const std::optional<ParamLocation> location = model::parseParamLocation(in);
    if (!location) {
        context_.loss(place, "in", "unknown place \"" + in + "\"; not kept");
        return std::nullopt;
    }
    parameter.in = *location;
    if (parameter.name.empty()) {
        context_.loss(place, "name", "a parameter needs a name; not kept");
        return std::nullopt;
    }
    if (parameter.in == ParamLocation::Header) {
        const std::string name = lower(parameter.name);
        if (name == "accept" || name == "content-type" || name == "authorization") {
            context_.loss(place,
                          "a header parameter named " + parameter.name + " is ignored, as OpenAPI says");
            return std::nullopt;
        }
    }
    std::optional<Place> schema;
    if (value.contains("schema")) {
        schema = place.child("schema");
    } else if (value.contains("content")) {
        context_.loss(place, "content", "a parameter sent as a serialised document (content) is not kept");
        return std::nullopt;
    } else {
        context_.loss(place, "a parameter without a schema is not kept");
        return std::nullopt;
    }
    std::optional<model::TypeSpec> type = schemas_.type(*schema, nameHint, Annotated::Yes);
    if (!type) return std::nullopt;
    const bool queryArray = parameter.in == ParamLocation::Query && type->kind == TypeKind::Array &&
                            type->items && isScalar(*type->items);
    if (!isScalar(*type) && !queryArray) {
        context_.loss(
            place, "schema",
            "a " + in + " parameter of " + model::describe(*type) + " is not kept: the design takes " +
                (parameter.in == ParamLocation::Query ? "scalars and arrays of scalars" : "scalars") +
                " there");
        return std::nullopt;
    }
    parameter.type = std::move(*type);
    parameter.required =
        parameter.in == ParamLocation::Path || (value.contains("required") && value.at("required") == true);
    const SchemaAnnotations notes = schemas_.annotations(*schema);
    parameter.description = text(value, "description");
    if (parameter.description.empty()) parameter.description = notes.description;
    parameter.defaultValue = notes.defaultValue;
    parameter.example = notes.example;
    if (value.contains("example")) parameter.example = value.at("example");
    if (value.contains("examples") && value.at("examples").is_object() && !value.at("examples").empty()) {
        if (const std::optional<Json> first = mediaExample(place)) parameter.example = first;
    }
    if (!notes.title.empty() && notes.title != titleFromName(parameter.name)) {
        context_.loss(schema->child("title"),
                      "the title is not kept (the design titles parameters after their names)");
    }
    const bool arrayInQuery = parameter.type.kind == TypeKind::Array;
    for (const auto& [key, field] : value.items()) {
        if (key == "name" || key == "in" || key == "description" || key == "required" || key == "schema" ||
            key == "example" || key == "examples") {
            continue;
        }
        if (key == "style") {
            const std::string style = field.is_string() ? field.get<std::string>() : "";
            const bool usual = (parameter.in == ParamLocation::Query && style == "form") ||
                               (parameter.in != ParamLocation::Query && style == "simple");
            if (usual || !arrayInQuery) continue;
            context_.loss(place, key,
                          "the style " + style + " is not kept: the design reads arrays as repeated keys");
        } else if (key == "explode") {
            if (field == true || !arrayInQuery) continue;
            context_.loss(place, key,
                          "explode: false is not kept: the design reads arrays as repeated keys (a=1&a=2)");
        } else if ((key == "deprecated" || key == "allowEmptyValue" || key == "allowReserved") &&
                   field == false) {
            continue;
        } else {
            context_.loss(place, key,
                          key.starts_with("x-") ? "the extension " + key + " is not kept"
                                                : key + " is not kept for parameters");
        }
    }
    return parameter;
}

}  // namespace loadstar::openapi::detail
