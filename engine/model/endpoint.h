#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/model/behaviour.h"
#include "engine/model/json.h"
#include "engine/model/parameter.h"
#include "engine/model/type_spec.h"

namespace loadstar::model {

// What a call must carry: an API key (where ServerSettings::auth says), a bearer
// token, or HTTP basic credentials.
enum class AuthRequirement { None, ApiKey, Bearer, Basic };

struct RequestBody {
    TypeSpec type;  // usually an Object (a model reference); may be an array of models
    bool required = true;
    std::string description;

    bool operator==(const RequestBody&) const = default;
};

struct Response {
    int status = 200;
    std::string description;
    std::optional<TypeSpec> body;  // none: an empty body
    std::optional<Json> example;

    bool operator==(const Response&) const = default;
};

// One operation: a method on a path template such as /books/{book_id}.
struct Endpoint {
    std::string id;              // operationId; unique in the project
    std::string method = "GET";  // upper case
    std::string path = "/";
    std::vector<Parameter> parameters;
    std::optional<RequestBody> requestBody;
    std::vector<Response> responses;
    std::vector<std::string> tags;
    std::string summary;
    std::string description;
    AuthRequirement auth = AuthRequirement::None;
    bool deprecated = false;  // still served; OpenAPI marks it, clients are told to move away
    Behaviour behaviour;

    // The first 2xx response (what a successful call answers), or null.
    const Response* successResponse() const;
    const Parameter* parameter(std::string_view name, ParamLocation in) const;
    bool operator==(const Endpoint&) const = default;
};

const char* toString(AuthRequirement auth);  // "none", "api_key", "bearer", "basic"
std::optional<AuthRequirement> parseAuthRequirement(std::string_view text);

// The names in a path template, in order: "/a/{x}/b/{y}" -> {"x", "y"}.
// Returns nullopt when the template is malformed (unbalanced braces, empty names).
std::optional<std::vector<std::string>> pathTemplateParams(std::string_view path);

// The template with every parameter name erased: "/a/{x}" -> "/a/{}". Two routes
// with the same method and the same shape are duplicates.
std::string pathTemplateShape(std::string_view path);

}  // namespace loadstar::model
