#include "engine/openapi/exporter.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <string_view>

#include "engine/openapi/title.h"
#include "engine/openapi/type_schema.h"

namespace loadstar::openapi {

using model::Endpoint;
using model::Field;
using model::Parameter;
using model::ParamLocation;
using model::Project;
using model::Response;
using model::TypeKind;
using model::TypeSpec;

namespace {

constexpr const char* kJsonMediaType = "application/json";
// FastAPI's security classes name their schemes after themselves.
constexpr const char* kBearerSchemeName = "HTTPBearer";
constexpr const char* kBasicSchemeName = "HTTPBasic";

Json singleExample(const Json& example) {
    Json examples = Json::array();
    examples.push_back(example);
    return examples;
}

Json fieldSchema(const Project& project, const Field& field) {
    Json schema = plainSchema(project, field.type);
    // Pydantic leaves the title to the referenced model.
    if (!schema.contains("$ref")) schema["title"] = titleFromName(field.name);
    if (!field.description.empty()) schema["description"] = field.description;
    // FastAPI drops None-valued keys, so a null default is never printed.
    if (field.defaultValue && !field.defaultValue->is_null()) schema["default"] = *field.defaultValue;
    if (field.example) schema["examples"] = singleExample(*field.example);
    return schema;
}

Json parameterObject(const Project& project, const Parameter& parameter) {
    Json schema = plainSchema(project, parameter.type);
    if (!parameter.description.empty()) schema["description"] = parameter.description;
    if (parameter.example) schema["examples"] = singleExample(*parameter.example);
    if (parameter.defaultValue && !parameter.defaultValue->is_null()) {
        schema["default"] = *parameter.defaultValue;
    }
    if (!schema.contains("$ref")) schema["title"] = titleFromName(parameter.name);

    Json object = Json::object();
    object["name"] = parameter.name;
    object["in"] = model::toString(parameter.in);
    object["required"] = parameter.in == ParamLocation::Path || parameter.required;
    object["schema"] = ordered(schema, SchemaStyle::Parameter);
    if (!parameter.description.empty()) object["description"] = parameter.description;
    return object;
}

// FastAPI lists path parameters first, then query, header and cookie ones.
Json parameterList(const Project& project, const Endpoint& endpoint) {
    Json list = Json::array();
    for (const ParamLocation in :
         {ParamLocation::Path, ParamLocation::Query, ParamLocation::Header, ParamLocation::Cookie}) {
        for (const Parameter& parameter : endpoint.parameters) {
            if (parameter.in == in) list.push_back(parameterObject(project, parameter));
        }
    }
    return list;
}

Json jsonContent(Json schema, const std::optional<Json>& example) {
    Json media = Json::object();
    media["schema"] = std::move(schema);
    if (example) media["example"] = *example;
    Json content = Json::object();
    content[kJsonMediaType] = std::move(media);
    return content;
}

Json requestBodyObject(const Project& project, const model::RequestBody& body) {
    Json object = Json::object();
    if (!body.description.empty()) object["description"] = body.description;
    object["content"] =
        jsonContent(ordered(plainSchema(project, body.type), SchemaStyle::Component), std::nullopt);
    if (body.required) object["required"] = true;
    return object;
}

const char* reasonPhrase(int status) {
    static const std::map<int, const char*> kPhrases{
        {100, "Continue"},
        {101, "Switching Protocols"},
        {200, "OK"},
        {201, "Created"},
        {202, "Accepted"},
        {203, "Non-Authoritative Information"},
        {204, "No Content"},
        {205, "Reset Content"},
        {206, "Partial Content"},
        {300, "Multiple Choices"},
        {301, "Moved Permanently"},
        {302, "Found"},
        {303, "See Other"},
        {304, "Not Modified"},
        {307, "Temporary Redirect"},
        {308, "Permanent Redirect"},
        {400, "Bad Request"},
        {401, "Unauthorized"},
        {402, "Payment Required"},
        {403, "Forbidden"},
        {404, "Not Found"},
        {405, "Method Not Allowed"},
        {406, "Not Acceptable"},
        {408, "Request Timeout"},
        {409, "Conflict"},
        {410, "Gone"},
        {411, "Length Required"},
        {412, "Precondition Failed"},
        {413, "Request Entity Too Large"},
        {414, "Request-URI Too Long"},
        {415, "Unsupported Media Type"},
        {416, "Requested Range Not Satisfiable"},
        {417, "Expectation Failed"},
        {418, "I'm a Teapot"},
        {422, "Unprocessable Entity"},
        {423, "Locked"},
        {425, "Too Early"},
        {426, "Upgrade Required"},
        {428, "Precondition Required"},
        {429, "Too Many Requests"},
        {431, "Request Header Fields Too Large"},
        {451, "Unavailable For Legal Reasons"},
        {500, "Internal Server Error"},
        {501, "Not Implemented"},
        {502, "Bad Gateway"},
        {503, "Service Unavailable"},
        {504, "Gateway Timeout"},
        {505, "HTTP Version Not Supported"},
    };
    const auto it = kPhrases.find(status);
    return it == kPhrases.end() ? nullptr : it->second;
}

// OpenAPI requires a description on every response. FastAPI gives the route's
// own (2xx) response "Successful Response" and any other one the status's
// reason phrase (http.client.responses), else "Additional Response".
std::string responseDescription(const Response& response) {
    if (!response.description.empty()) return response.description;
    return defaultResponseDescription(response.status);
}

Json responseObject(const Project& project, const Endpoint& endpoint, const Response& response) {
    Json object = Json::object();
    object["description"] = responseDescription(response);
    if (response.body) {
        Json schema = plainSchema(project, *response.body);
        // FastAPI names a response field "Response_<operation id>" (extra
        // responses "Response_<status>_<operation id>") and titles it.
        if (!schema.contains("$ref")) {
            const bool isRouteResponse = &response == endpoint.successResponse();
            const std::string fieldName =
                isRouteResponse ? "Response_" + endpoint.id
                                : "Response_" + std::to_string(response.status) + "_" + endpoint.id;
            schema["title"] = titleFromName(fieldName);
        }
        object["content"] = jsonContent(ordered(schema, SchemaStyle::Component), response.example);
    }
    return object;
}

Json validationErrorResponse() {
    Json schema = Json::object();
    schema["$ref"] = schemaRef("HTTPValidationError");
    Json object = Json::object();
    object["description"] = "Validation Error";
    object["content"] = jsonContent(std::move(schema), std::nullopt);
    return object;
}

// Exactly the two definitions FastAPI adds for its 422 responses.
Json httpValidationErrorSchema() {
    return Json::parse(R"({
        "properties": {
            "detail": {
                "items": {"$ref": "#/components/schemas/ValidationError"},
                "type": "array",
                "title": "Detail"
            }
        },
        "type": "object",
        "title": "HTTPValidationError"
    })");
}

Json validationErrorSchema() {
    return Json::parse(R"({
        "properties": {
            "loc": {
                "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                "type": "array",
                "title": "Location"
            },
            "msg": {"type": "string", "title": "Message"},
            "type": {"type": "string", "title": "Error Type"}
        },
        "type": "object",
        "required": ["loc", "msg", "type"],
        "title": "ValidationError"
    })");
}

const char* securitySchemeName(const Project& project, model::AuthRequirement auth) {
    switch (auth) {
        case model::AuthRequirement::ApiKey:
            switch (project.server.auth.apiKeyIn) {
                case model::ApiKeyLocation::Header:
                    return "APIKeyHeader";
                case model::ApiKeyLocation::Query:
                    return "APIKeyQuery";
                case model::ApiKeyLocation::Cookie:
                    return "APIKeyCookie";
            }
            return "APIKeyHeader";
        case model::AuthRequirement::Bearer:
            return kBearerSchemeName;
        case model::AuthRequirement::Basic:
            return kBasicSchemeName;
        case model::AuthRequirement::None:
            break;
    }
    return nullptr;
}

Json securityScheme(const Project& project, model::AuthRequirement auth) {
    Json scheme = Json::object();
    if (auth == model::AuthRequirement::ApiKey) {
        scheme["type"] = "apiKey";
        scheme["in"] = model::toString(project.server.auth.apiKeyIn);
        scheme["name"] = project.server.auth.apiKeyName;
    } else {
        scheme["type"] = "http";
        scheme["scheme"] = auth == model::AuthRequirement::Basic ? "basic" : "bearer";
    }
    return scheme;
}

// The path item keys in the order OpenAPI (and FastAPI's PathItem model) lists
// them. Methods outside this list have no place in an OpenAPI document.
constexpr std::array<std::string_view, 8> kMethodOrder{"get",     "put",  "post",  "delete",
                                                       "options", "head", "patch", "trace"};

std::optional<std::string> pathItemKey(std::string_view method) {
    std::string lower(method);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    for (const std::string_view known : kMethodOrder) {
        if (lower == known) return lower;
    }
    return std::nullopt;
}

struct BuiltOperation {
    Json operation;
    bool documentsValidationError = false;  // we added the 422 that needs the two components
};

BuiltOperation buildOperation(const Project& project, const Endpoint& endpoint) {
    BuiltOperation built;
    Json& operation = built.operation;
    operation = Json::object();
    if (!endpoint.tags.empty()) operation["tags"] = endpoint.tags;
    // FastAPI's default summary is the function name, title-cased.
    operation["summary"] = endpoint.summary.empty() ? titleFromName(endpoint.id) : endpoint.summary;
    if (!endpoint.description.empty()) operation["description"] = endpoint.description;
    operation["operationId"] = endpoint.id;
    if (endpoint.deprecated) operation["deprecated"] = true;

    const Json parameters = parameterList(project, endpoint);
    if (!parameters.empty()) operation["parameters"] = parameters;
    if (endpoint.requestBody) operation["requestBody"] = requestBodyObject(project, *endpoint.requestBody);

    Json responses = Json::object();
    for (const Response& response : endpoint.responses) {
        const std::string status = std::to_string(response.status);
        if (!responses.contains(status)) responses[status] = responseObject(project, endpoint, response);
    }
    // OpenAPI requires at least one response; FastAPI always documents one.
    if (endpoint.responses.empty()) responses["200"] = Json{{"description", "Successful Response"}};
    if (endpoint.auth != model::AuthRequirement::None && !responses.contains("401")) {
        responses["401"] = Json{{"description", "Not authenticated"}};
    }
    const bool takesInput = !parameters.empty() || endpoint.requestBody.has_value();
    if (takesInput && !responses.contains("422") && !responses.contains("4XX") &&
        !responses.contains("default")) {
        responses["422"] = validationErrorResponse();
        built.documentsValidationError = true;
    }
    operation["responses"] = std::move(responses);

    if (const char* scheme = securitySchemeName(project, endpoint.auth)) {
        Json requirement = Json::object();
        requirement[scheme] = Json::array();
        operation["security"] = Json::array({requirement});
    }
    return built;
}

std::string defaultServerUrl(const model::ServerSettings& server) {
    // A server listening on every interface is reached through loopback.
    std::string host = server.host;
    if (host.empty() || host == "0.0.0.0") host = "127.0.0.1";
    if (host == "::") host = "::1";
    if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";
    return "http://" + host + ":" + std::to_string(server.port);
}

}  // namespace

Json typeSchema(const Project& project, const TypeSpec& type) {
    return ordered(plainSchema(project, type), SchemaStyle::Component);
}

Json modelSchema(const Project& project, const model::Model& model) {
    Json schema = Json::object();
    Json properties = Json::object();
    Json required = Json::array();
    for (const Field& field : model.fields) {
        if (properties.contains(field.name)) continue;
        properties[field.name] = fieldSchema(project, field);
        if (field.required) required.push_back(field.name);
    }
    schema["properties"] = std::move(properties);
    if (model.extra == model::ExtraFields::Forbid) schema["additionalProperties"] = false;
    if (model.extra == model::ExtraFields::Allow) schema["additionalProperties"] = true;
    schema["type"] = "object";
    if (!required.empty()) schema["required"] = std::move(required);
    schema["title"] = model.name;
    if (!model.description.empty()) schema["description"] = model.description;
    return ordered(schema, SchemaStyle::Component);
}

Json operationFragment(const Project& project, const Endpoint& endpoint) {
    Json pathItem = Json::object();
    if (const auto key = pathItemKey(endpoint.method))
        pathItem[*key] = buildOperation(project, endpoint).operation;
    Json fragment = Json::object();
    fragment[endpoint.path] = std::move(pathItem);
    return fragment;
}

Json exportDocument(const Project& project, const ExportOptions& options) {
    Json info = Json::object();
    info["title"] = project.name;
    if (!project.description.empty()) info["description"] = project.description;
    info["version"] = project.version;

    Json servers = Json::array();
    if (options.servers.empty() && !project.servers.empty()) {
        for (const model::ApiServer& server : project.servers) {
            Json entry = Json{{"url", server.url}};
            if (!server.description.empty()) entry["description"] = server.description;
            servers.push_back(std::move(entry));
        }
    } else if (options.servers.empty()) {
        servers.push_back(Json{{"url", defaultServerUrl(project.server)}});
    } else {
        for (const std::string& url : options.servers)
            servers.push_back(Json{{"url", url}});
    }

    Json paths = Json::object();
    bool documentsValidationError = false;
    Json securitySchemes = Json::object();
    for (const Endpoint& endpoint : project.endpoints) {
        const auto key = pathItemKey(endpoint.method);
        if (!key) continue;
        Json& pathItem = paths[endpoint.path];
        if (pathItem.is_null()) pathItem = Json::object();
        if (pathItem.contains(*key)) continue;  // a duplicate route; the design checks report it
        BuiltOperation built = buildOperation(project, endpoint);
        pathItem[*key] = std::move(built.operation);
        documentsValidationError = documentsValidationError || built.documentsValidationError;
        if (const char* scheme = securitySchemeName(project, endpoint.auth)) {
            if (!securitySchemes.contains(scheme))
                securitySchemes[scheme] = securityScheme(project, endpoint.auth);
        }
    }
    for (auto& [path, pathItem] : paths.items()) {
        Json sorted = Json::object();
        for (const std::string_view method : kMethodOrder) {
            const std::string name(method);
            if (pathItem.contains(name)) sorted[name] = std::move(pathItem[name]);
        }
        pathItem = std::move(sorted);
    }

    // FastAPI sorts the component schemas by name.
    std::map<std::string, Json> schemas;
    for (const model::Model& model : project.models)
        schemas.try_emplace(componentName(model.name), modelSchema(project, model));
    if (documentsValidationError) {
        schemas["HTTPValidationError"] = httpValidationErrorSchema();
        schemas["ValidationError"] = validationErrorSchema();
    }
    Json components = Json::object();
    if (!schemas.empty()) {
        Json& schemaObject = components["schemas"];
        schemaObject = Json::object();
        for (auto& [name, schema] : schemas)
            schemaObject[name] = std::move(schema);
    }
    if (!securitySchemes.empty()) components["securitySchemes"] = std::move(securitySchemes);

    Json document = Json::object();
    document["openapi"] = "3.1.0";
    document["info"] = std::move(info);
    document["servers"] = std::move(servers);
    document["paths"] = std::move(paths);
    if (!components.empty()) document["components"] = std::move(components);
    return document;
}

std::string defaultResponseDescription(int status) {
    if (status >= 200 && status < 300) return "Successful Response";
    if (const char* phrase = reasonPhrase(status)) return phrase;
    return "Additional Response";
}

std::string toJsonText(const Json& document) {
    return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace loadstar::openapi
