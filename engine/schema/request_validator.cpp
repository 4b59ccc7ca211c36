#include "engine/schema/request_validator.h"

#include <string>
#include <unordered_map>

#include "engine/schema/ascii_text.h"
#include "engine/schema/canonical_body.h"
#include "engine/schema/cookie_header.h"
#include "engine/schema/json_body_parser.h"
#include "engine/schema/pydantic_errors.h"
#include "engine/schema/query_string.h"
#include "engine/schema/type_store.h"
#include "engine/schema/utf8_text.h"
#include "engine/schema/value_validator.h"

namespace loadstar::schema {

namespace {

using model::TypeKind;

struct CompiledParam {
    const model::Parameter* param = nullptr;
    const CompiledType* type = nullptr;
    std::string headerKey;  // lower case, '_' as '-' (FastAPI's convert_underscores)
};

struct CompiledEndpoint {
    std::vector<CompiledParam> path;
    std::vector<CompiledParam> query;
    std::vector<CompiledParam> headers;
    std::vector<CompiledParam> cookies;
    const CompiledType* body = nullptr;
    bool bodyRequired = false;
};

CompiledEndpoint compileEndpoint(const model::Endpoint& endpoint, TypeStore& store) {
    CompiledEndpoint compiled;
    for (const model::Parameter& param : endpoint.parameters) {
        CompiledParam entry{&param, store.compile(param.type), {}};
        switch (param.in) {
            case model::ParamLocation::Path:
                compiled.path.push_back(std::move(entry));
                break;
            case model::ParamLocation::Query:
                compiled.query.push_back(std::move(entry));
                break;
            case model::ParamLocation::Header:
                for (const char c : param.name) {
                    entry.headerKey += c == '_' ? '-' : asciiLower(c);
                }
                compiled.headers.push_back(std::move(entry));
                break;
            case model::ParamLocation::Cookie:
                compiled.cookies.push_back(std::move(entry));
                break;
        }
    }
    if (endpoint.requestBody) {
        compiled.body = store.compile(endpoint.requestBody->type);
        compiled.bodyRequired = endpoint.requestBody->required;
    }
    return compiled;
}

// "application/json; charset=utf-8" -> is JSON; as FastAPI: application/json or
// application/<anything>+json, and a missing Content-Type is read as JSON too.
bool isJsonContentType(std::string_view contentType) {
    contentType = trimWhitespace(contentType.substr(0, contentType.find(';')));
    if (contentType.empty()) return true;
    const std::size_t slash = contentType.find('/');
    if (slash == std::string_view::npos) return false;
    const std::string_view main = trimWhitespace(contentType.substr(0, slash));
    const std::string_view sub = trimWhitespace(contentType.substr(slash + 1));
    if (!equalsIgnoreCase(main, "application")) return false;
    if (equalsIgnoreCase(sub, "json")) return true;
    return sub.size() >= 5 && equalsIgnoreCase(sub.substr(sub.size() - 5), "+json");
}

// Starlette's Request.cookies: the first Cookie header (latin-1, as every header).
std::vector<std::pair<std::string, std::string>> parseCookies(const RequestParts& request) {
    for (const auto& [name, raw] : request.headers) {
        if (equalsIgnoreCase(name, "cookie")) return parseCookieHeader(latin1ToUtf8(raw));
    }
    return {};
}

Json absentValue(const std::optional<Json>& defaultValue) {
    return defaultValue.value_or(Json());
}

}  // namespace

class RequestValidator::Compiled {
  public:
    Compiled(std::shared_ptr<const model::Project> projectPtr, ValidatorOptions validatorOptions)
        : project(projectPtr ? std::move(projectPtr) : std::make_shared<const model::Project>()),
          options(validatorOptions),
          store(&modelIndex, project.get()) {
        models.resize(project->models.size());
        for (std::size_t i = 0; i < project->models.size(); ++i) {
            models[i].model = &project->models[i];
            modelIndex.emplace(project->models[i].name, &models[i]);  // the first of a duplicated name wins
        }
        // Fields compile after every model is indexed so that references (even
        // cyclic ones) resolve to pointers.
        for (CompiledModel& compiled : models) {
            for (const model::Field& field : compiled.model->fields) {
                const CompiledType* type = store.compile(field.type);
                compiled.fields.push_back({&field, type, !field.required && !field.defaultValue});
            }
        }
        endpoints.reserve(project->endpoints.size());
        for (const model::Endpoint& endpoint : project->endpoints) {
            endpointIndex.emplace(&endpoint, endpoints.size());
            endpoints.push_back(compileEndpoint(endpoint, store));
        }
    }

    std::shared_ptr<const model::Project> project;
    ValidatorOptions options;
    std::vector<CompiledModel> models;
    ModelIndex modelIndex;
    TypeStore store;
    std::vector<CompiledEndpoint> endpoints;
    std::unordered_map<const model::Endpoint*, std::size_t> endpointIndex;

    std::variant<ValidatedRequest, std::vector<ValidationError>> validate(const CompiledEndpoint& endpoint,
                                                                          const RequestParts& request) const;

  private:
    std::optional<Json> parseBody(const CompiledEndpoint& endpoint, const RequestParts& request,
                                  std::vector<ValidationError>& errors) const;
};

std::optional<Json> RequestValidator::Compiled::parseBody(const CompiledEndpoint& endpoint,
                                                          const RequestParts& request,
                                                          std::vector<ValidationError>& errors) const {
    if (!endpoint.body || !request.hasBody || request.body.empty()) return std::nullopt;
    std::string_view contentType;
    for (const auto& [name, value] : request.headers) {
        if (equalsIgnoreCase(name, "content-type")) {
            contentType = value;
            break;
        }
    }
    if (!isJsonContentType(contentType)) {
        // FastAPI hands the raw bytes to the model, which refuses them as
        // model_attributes_type with the body text as input.
        return Json(toValidUtf8(request.body));
    }
    auto parsed = parseJsonBody(request.body, options.maxJsonDepth);
    if (auto* error = std::get_if<JsonBodyError>(&parsed)) {
        errors.push_back(pydantic::jsonInvalid(error->charOffset, error->message));
        return std::nullopt;
    }
    return std::move(std::get<Json>(parsed));
}

std::variant<ValidatedRequest, std::vector<ValidationError>> RequestValidator::Compiled::validate(
    const CompiledEndpoint& endpoint, const RequestParts& request) const {
    std::vector<ValidationError> errors;
    // FastAPI decodes the body before anything else and answers a decode error alone.
    std::optional<Json> body = parseBody(endpoint, request, errors);
    if (!errors.empty()) return errors;

    ValidatedRequest out;
    ValueValidator validator(errors);

    for (const CompiledParam& p : endpoint.path) {
        const std::string& name = p.param->name;
        std::optional<std::string_view> received;
        for (const auto& [key, value] : request.pathParams) {
            if (key == name) received = value;
        }
        ErrorLocation loc(Json::array({"path", name}));
        if (!received) {
            errors.push_back(pydantic::missing(loc.get(), Json()));
            continue;
        }
        out.path[name] = validator.validate(*p.type, Json(toValidUtf8(*received)), loc);
    }

    if (!endpoint.query.empty()) {
        const auto pairs = parseQueryString(request.query);
        for (const CompiledParam& p : endpoint.query) {
            const std::string& name = p.param->name;
            ErrorLocation loc(Json::array({"query", name}));
            Json received;
            if (p.type->kind == TypeKind::Array) {
                Json values = Json::array();
                for (const auto& [key, value] : pairs) {
                    if (key == name) values.push_back(value);
                }
                if (!values.empty()) received = std::move(values);
            } else {
                // Starlette's QueryParams keeps the last of repeated keys.
                for (const auto& [key, value] : pairs) {
                    if (key == name) received = value;
                }
            }
            if (received.is_null()) {
                if (p.param->required) {
                    errors.push_back(pydantic::missing(loc.get(), Json()));
                } else {
                    out.query[name] = absentValue(p.param->defaultValue);
                }
                continue;
            }
            out.query[name] = validator.validate(*p.type, received, loc);
        }
    }

    for (const CompiledParam& p : endpoint.headers) {
        const std::string& name = p.param->name;
        ErrorLocation loc(Json::array({"header", name}));
        Json received;
        const bool many = p.type->kind == TypeKind::Array;
        for (const auto& [key, value] : request.headers) {
            if (!equalsIgnoreCase(key, p.headerKey)) continue;
            if (!many) {
                received = latin1ToUtf8(value);  // Starlette's Headers.get gives the first
                break;
            }
            if (received.is_null()) received = Json::array();
            received.push_back(latin1ToUtf8(value));
        }
        if (received.is_null()) {
            if (p.param->required) {
                errors.push_back(pydantic::missing(loc.get(), Json()));
            } else {
                out.headers[name] = absentValue(p.param->defaultValue);
            }
            continue;
        }
        out.headers[name] = validator.validate(*p.type, received, loc);
    }

    if (!endpoint.cookies.empty()) {
        const auto cookies = parseCookies(request);
        for (const CompiledParam& p : endpoint.cookies) {
            const std::string& name = p.param->name;
            ErrorLocation loc(Json::array({"cookie", name}));
            Json received;
            for (const auto& [key, value] : cookies) {
                if (key == name) received = value;  // the last one wins, as in a dict
            }
            if (received.is_null()) {
                if (p.param->required) {
                    errors.push_back(pydantic::missing(loc.get(), Json()));
                } else {
                    out.cookies[name] = absentValue(p.param->defaultValue);
                }
                continue;
            }
            out.cookies[name] = validator.validate(*p.type, received, loc);
        }
    }

    if (endpoint.body) {
        if (!body || body->is_null()) {
            if (endpoint.bodyRequired) {
                errors.push_back(pydantic::missing(Json::array({"body"}), Json()));
            } else if (body) {
                out.body = Json();
            }
        } else {
            ErrorLocation loc(Json::array({"body"}));
            out.body = validator.validate(*endpoint.body, *body, loc);
        }
    }

    if (!errors.empty()) return errors;
    return out;
}

RequestValidator::RequestValidator(std::shared_ptr<const model::Project> project, ValidatorOptions options)
    : compiled_(std::make_unique<const Compiled>(std::move(project), options)) {}

RequestValidator::~RequestValidator() = default;
RequestValidator::RequestValidator(RequestValidator&&) noexcept = default;
RequestValidator& RequestValidator::operator=(RequestValidator&&) noexcept = default;

std::variant<ValidatedRequest, std::vector<ValidationError>> RequestValidator::validate(
    const model::Endpoint& endpoint, const RequestParts& request) const {
    try {
        const auto found = compiled_->endpointIndex.find(&endpoint);
        if (found != compiled_->endpointIndex.end()) {
            return compiled_->validate(compiled_->endpoints[found->second], request);
        }
        TypeStore scratch(&compiled_->modelIndex, compiled_->project.get());
        return compiled_->validate(compileEndpoint(endpoint, scratch), request);
    } catch (const std::exception& error) {
        // Only allocation failure can get here; the client still gets a 422 list.
        return std::vector<ValidationError>{ValidationError{"value_error", Json::array({"body"}),
                                                            std::string("Value error, ") + error.what(),
                                                            Json(), std::nullopt}};
    }
}

std::optional<std::string> RequestValidator::canonicalBody(const model::Endpoint& endpoint,
                                                           const RequestParts& request) const {
    try {
        const auto found = compiled_->endpointIndex.find(&endpoint);
        if (found == compiled_->endpointIndex.end()) return std::nullopt;
        const CompiledEndpoint& compiled = compiled_->endpoints[found->second];
        if (!compiled.path.empty() || !compiled.query.empty() || !compiled.headers.empty() ||
            !compiled.body || !request.hasBody || request.body.empty()) {
            return std::nullopt;
        }
        for (const auto& [name, value] : request.headers) {
            if (equalsIgnoreCase(name, "content-type")) {
                if (!isJsonContentType(value)) return std::nullopt;
                break;
            }
        }
        return schema::canonicalBody(*compiled.body, request.body, compiled_->options.maxJsonDepth);
    } catch (const std::exception&) {
        return std::nullopt;  // allocation failure: the full path reports it
    }
}

Json RequestValidator::validateValue(const model::TypeSpec& type, const Json& value, const Json& loc,
                                     std::vector<ValidationError>& errors) const {
    ValueValidator validator(errors);
    ErrorLocation location(loc.is_array() ? loc : Json::array());
    if (const CompiledType* compiled = compiled_->store.find(type))
        return validator.validate(*compiled, value, location);
    TypeStore scratch(&compiled_->modelIndex, compiled_->project.get());
    return validator.validate(*scratch.compile(type), value, location);
}

}  // namespace loadstar::schema
