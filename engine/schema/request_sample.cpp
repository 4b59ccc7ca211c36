#include "engine/schema/request_sample.h"

#include <algorithm>
#include <memory>

#include "engine/schema/base64_text.h"
#include "engine/schema/sample_invalid_variant_builder.h"

namespace loadstar::schema {

using model::Parameter;
using model::ParamLocation;

namespace {

// The parts of a request before they are rendered, so that one part can be
// replaced or dropped to make an invalid variant.
struct RequestParts {
    std::vector<std::pair<const Parameter*, Json>> params;  // in declaration order
    std::optional<Json> body;
};

void appendQuery(std::string& query, const std::string& name, const Json& value) {
    if (value.is_array()) {
        // Lists travel as repeated keys: ?tag=a&tag=b, as FastAPI reads them.
        for (const Json& item : value)
            appendQuery(query, name, item);
        return;
    }
    query += query.empty() ? '?' : '&';
    query += percentEncode(name) + "=" + percentEncode(parameterText(value));
}

// A cookie value travels as it is unless it holds what would end it (';', ',',
// spaces, quotes, backslashes, controls); such a value is sent as a quoted string,
// which Starlette's cookie parser (and the embedded server's) unquotes.
std::string cookieValue(const Json& value) {
    const std::string text = parameterText(value);
    const auto special = [](char c) {
        return c == ';' || c == ',' || c == ' ' || c == '"' || c == '\\' ||
               static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) == 0x7F;
    };
    if (std::none_of(text.begin(), text.end(), special)) return text;
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "\"";
}

std::string pathSegment(const Json& value) {
    const std::string text = parameterText(value);
    // "." and ".." would be folded away by clients and servers that normalise paths.
    if (text == ".") return "%2E";
    if (text == "..") return "%2E%2E";
    return percentEncode(text);
}

RequestSample render(const model::Project& project, const model::Endpoint& endpoint,
                     const RequestParts& parts) {
    RequestSample out;
    out.method = endpoint.method;
    std::string query;
    const std::string& path = endpoint.path;
    for (std::size_t i = 0; i < path.size();) {
        if (path[i] != '{') {
            out.target += path[i++];
            continue;
        }
        const std::size_t close = path.find('}', i);
        if (close == std::string::npos) {
            out.target += path.substr(i);
            break;
        }
        const std::string name = path.substr(i + 1, close - i - 1);
        std::string segment = "sample";
        for (const auto& [param, value] : parts.params) {
            if (param->in == ParamLocation::Path && param->name == name) segment = pathSegment(value);
        }
        out.target += segment;
        i = close + 1;
    }
    std::string cookies;
    const auto addCookie = [&cookies](const std::string& name, const std::string& value) {
        if (!cookies.empty()) cookies += "; ";
        cookies += name + "=" + value;
    };
    for (const auto& [param, value] : parts.params) {
        if (param->in == ParamLocation::Query) appendQuery(query, param->name, value);
        if (param->in == ParamLocation::Cookie) addCookie(param->name, cookieValue(value));
        if (param->in != ParamLocation::Header) continue;
        if (value.is_array()) {
            for (const Json& item : value)
                out.headers.emplace_back(param->name, parameterText(item));
        } else {
            out.headers.emplace_back(param->name, parameterText(value));
        }
    }
    const model::Auth& auth = project.server.auth;
    if (endpoint.auth == model::AuthRequirement::ApiKey && !auth.apiKeys.empty()) {
        switch (auth.apiKeyIn) {
            case model::ApiKeyLocation::Header:
                out.headers.emplace_back(auth.apiKeyName, auth.apiKeys.front());
                break;
            case model::ApiKeyLocation::Query:
                appendQuery(query, auth.apiKeyName, Json(auth.apiKeys.front()));
                break;
            case model::ApiKeyLocation::Cookie:
                addCookie(auth.apiKeyName, cookieValue(Json(auth.apiKeys.front())));
                break;
        }
    } else if (endpoint.auth == model::AuthRequirement::Bearer && !auth.bearerTokens.empty()) {
        out.headers.emplace_back("Authorization", "Bearer " + auth.bearerTokens.front());
    } else if (endpoint.auth == model::AuthRequirement::Basic && !auth.basicUsers.empty()) {
        out.headers.emplace_back("Authorization", "Basic " + base64Encode(auth.basicUsers.front()));
    }
    out.target += query;
    if (!cookies.empty()) out.headers.emplace_back("Cookie", cookies);
    if (parts.body) out.body = parts.body->dump();
    return out;
}

RequestParts sampleParts(const model::Endpoint& endpoint, SampleGenerator& gen) {
    RequestParts parts;
    for (const Parameter& p : endpoint.parameters) {
        const bool present = p.in == ParamLocation::Path || p.required || gen.options().allOptionalFields ||
                             gen.random().chance(1, 2);
        if (present) parts.params.emplace_back(&p, gen.parameterValue(p));
    }
    if (endpoint.requestBody) parts.body = gen.value(endpoint.requestBody->type);
    return parts;
}

}  // namespace

std::string percentEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0x0F];
        }
    }
    return out;
}

RequestSample sampleRequest(const model::Project& project, const model::Endpoint& endpoint,
                            SampleGenerator& gen) {
    return render(project, endpoint, sampleParts(endpoint, gen));
}

std::vector<InvalidRequestSample> invalidRequestVariants(const model::Project& project,
                                                         const model::Endpoint& endpoint,
                                                         std::uint64_t seed) {
    // The generator lives only inside this call, so it may borrow the project.
    SampleGenerator gen(
        std::shared_ptr<const model::Project>(std::shared_ptr<const model::Project>(), &project), seed,
        invalidVariantBaseOptions());
    const RequestParts valid = sampleParts(endpoint, gen);
    InvalidVariantBuilder builder(gen);
    std::vector<InvalidRequestSample> out;

    for (std::size_t i = 0; i < valid.params.size(); ++i) {
        const auto& [param, value] = valid.params[i];
        const std::string where = model::toString(param->in);
        if (param->required && param->in != ParamLocation::Path) {
            RequestParts parts = valid;
            parts.params.erase(parts.params.begin() + static_cast<std::ptrdiff_t>(i));
            out.push_back(InvalidRequestSample{render(project, endpoint, parts),
                                               where + " " + param->name + ": required parameter left out",
                                               ExpectedError{"missing", Json::array({where, param->name})}});
        }
        for (const Violation& v : builder.violations(param->type, value, ValueChannel::Text)) {
            RequestParts parts = valid;
            parts.params[i].second = applyViolation(value, v);
            Json loc = Json::array({where, param->name});
            for (const Json& step : v.errorPath())
                loc.push_back(step);
            out.push_back(
                InvalidRequestSample{render(project, endpoint, parts),
                                     where + " " + describeLocation(v.path, param->name) + ": " + v.detail,
                                     ExpectedError{v.errorType, std::move(loc)}});
        }
    }

    if (endpoint.requestBody && valid.body) {
        if (endpoint.requestBody->required) {
            RequestParts parts = valid;
            parts.body.reset();
            out.push_back(InvalidRequestSample{render(project, endpoint, parts),
                                               "body: required body left out",
                                               ExpectedError{"missing", Json::array({"body"})}});
        }
        for (const Violation& v :
             builder.violations(endpoint.requestBody->type, *valid.body, ValueChannel::Body)) {
            RequestParts parts = valid;
            parts.body = applyViolation(*valid.body, v);
            Json loc = Json::array({"body"});
            for (const Json& step : v.errorPath())
                loc.push_back(step);
            out.push_back(InvalidRequestSample{render(project, endpoint, parts),
                                               describeLocation(v.path, "body") + ": " + v.detail,
                                               ExpectedError{v.errorType, std::move(loc)}});
        }
    }
    return out;
}

}  // namespace loadstar::schema
