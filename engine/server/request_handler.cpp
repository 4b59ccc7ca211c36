#include "engine/server/request_handler.h"

#include <algorithm>
#include <array>
#include <chrono>

#include "engine/schema/base64_text.h"
#include "engine/schema/cookie_header.h"
#include "engine/schema/query_string.h"
#include "engine/server/docs_page.h"

namespace loadstar::server {

namespace {

constexpr std::string_view kJson = "application/json";

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               const auto lower = [](char c) {
                   return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
               };
               return lower(x) == lower(y);
           });
}

std::shared_ptr<const PreparedResponse> detail(int status, std::string_view message,
                                               const Headers& headers = {}) {
    return prepareResponse(status, kJson,
                           Json{{"detail", message}}.dump(-1, ' ', false, Json::error_handler_t::replace),
                           headers);
}

// Compares in time that depends only on the lengths, so a key cannot be guessed
// byte by byte from response times.
bool constantTimeEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char difference = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        difference = static_cast<unsigned char>(
            difference | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i])));
    }
    return difference == 0;
}

// The API key where the settings say it travels: a header, a query parameter (the
// last of repeated ones, as Starlette reads them) or a cookie.
std::string presentedApiKey(const model::Auth& auth, const Request& request) {
    switch (auth.apiKeyIn) {
        case model::ApiKeyLocation::Header:
            return std::string(findHeader(request.headers, auth.apiKeyName));
        case model::ApiKeyLocation::Query: {
            const std::size_t question = request.target.find('?');
            if (question == std::string_view::npos) return {};
            std::string key;
            for (const auto& [name, value] : schema::parseQueryString(request.target.substr(question + 1))) {
                if (name == auth.apiKeyName) key = value;
            }
            return key;
        }
        case model::ApiKeyLocation::Cookie: {
            std::string key;
            for (const auto& [name, value] :
                 schema::parseCookieHeader(findHeader(request.headers, "Cookie"))) {
                if (name == auth.apiKeyName) key = value;
            }
            return key;
        }
    }
    return {};
}

bool anyMatches(const std::vector<std::string>& accepted, std::string_view presented) {
    bool found = false;
    for (const std::string& candidate : accepted)
        found = constantTimeEquals(candidate, presented) || found;
    return found;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) out += ", ";
        out += item;
    }
    return out;
}

// A header value must not smuggle a line break into the response.
bool isSafeHeaderValue(std::string_view value) {
    return std::none_of(value.begin(), value.end(),
                        [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

}  // namespace

std::string_view findHeader(std::span<const std::pair<std::string_view, std::string_view>> headers,
                            std::string_view name) {
    for (const auto& [key, value] : headers) {
        if (equalsIgnoreCase(key, name)) return value;
    }
    return {};
}

RequestHandler::RequestHandler(std::shared_ptr<const model::Project> project, SchemaServices services,
                               const Metrics* metrics)
    : project_(std::move(project)), services_(std::move(services)), metrics_(metrics), router_(*project_) {
    const model::ServerSettings& settings = project_->server;
    for (const model::Endpoint& endpoint : project_->endpoints) {
        PreparedEndpoint prepared;
        prepared.latency = LatencyDistribution(endpoint.behaviour.latency);
        // Nothing declared, nothing to refuse (FastAPI ignores undeclared query keys and
        // headers); echo still wants the validated parts.
        prepared.needsValidation = !endpoint.parameters.empty() || endpoint.requestBody.has_value() ||
                                   endpoint.behaviour.response == model::ResponseSource::Echo;
        const model::Response* success = endpoint.successResponse();
        prepared.successStatus = success != nullptr ? success->status : 200;
        if (endpoint.behaviour.response != model::ResponseSource::Echo) {
            std::string body;
            if (success != nullptr && endpoint.behaviour.response == model::ResponseSource::Example &&
                success->example) {
                body = success->example->dump(-1, ' ', false, Json::error_handler_t::replace);
            } else if (success != nullptr && success->example && !success->body) {
                body = success->example->dump(-1, ' ', false, Json::error_handler_t::replace);
            } else if (success != nullptr && success->body && services_.sample) {
                body = services_.sample(*success->body, endpoint.behaviour.seed)
                           .dump(-1, ' ', false, Json::error_handler_t::replace);
            }
            const std::string_view contentType = body.empty() ? std::string_view() : kJson;
            prepared.success = prepareResponse(prepared.successStatus, contentType, std::move(body));
        }
        prepared.injectedError = detail(endpoint.behaviour.errors.status, "Injected error");
        endpoints_.push_back(std::move(prepared));
        metricsRoutes_.push_back({endpoint.method, endpoint.path});
    }
    const model::BuiltinPaths& paths = router_.builtinPaths();
    // In Builtin's order.
    for (const std::string* path :
         {&paths.openapi, &paths.docs, &paths.metrics, &paths.health, &paths.redoc}) {
        metricsRoutes_.push_back({"GET", *path});
    }
    metricsRoutes_.push_back({"GET", std::string(kDocsAssetsPath) + "{file}"});
    metricsRoutes_.push_back({"", "unmatched"});

    const Json openapi = services_.openapiDocument ? services_.openapiDocument() : Json::object();
    openapi_ = prepareResponse(200, kJson, openapi.dump(2, ' ', false, Json::error_handler_t::replace));
    const Headers docsPolicy = {{"Content-Security-Policy", std::string(kDocsContentSecurityPolicy)}};
    docs_ = prepareResponse(200, "text/html; charset=utf-8", swaggerUiPage(project_->name, paths.openapi),
                            docsPolicy);
    redoc_ = prepareResponse(200, "text/html; charset=utf-8", redocPage(project_->name, paths.openapi),
                             docsPolicy);
    health_ = prepareResponse(200, kJson, R"({"status":"ok"})");
    notFound_ = detail(404, "Not Found");
    badPath_ = detail(400, "Invalid request target");
    methodNotAllowed_ = detail(405, "Method Not Allowed");
    const std::string apiKeyChallenge = std::string("ApiKey ") + model::toString(settings.auth.apiKeyIn) +
                                        "=\"" + settings.auth.apiKeyName + "\"";
    apiKeyMissing_ = detail(401, "Not authenticated", {{"WWW-Authenticate", apiKeyChallenge}});
    bearerMissing_ = detail(401, "Not authenticated", {{"WWW-Authenticate", "Bearer"}});
    basicMissing_ = detail(401, "Not authenticated", {{"WWW-Authenticate", "Basic"}});
    corsRefused_ = detail(400, "Disallowed CORS origin");
    if (settings.rateLimit.enabled) rateLimiter_ = std::make_unique<RateLimiter>(settings.rateLimit);
}

ResponsePlan RequestHandler::plan(const Request& request, std::mt19937_64& random) const {
    const model::Cors& cors = project_->server.cors;
    const std::string_view origin = cors.enabled ? findHeader(request.headers, "Origin") : std::string_view();
    if (!origin.empty() && request.method == "OPTIONS" &&
        !findHeader(request.headers, "Access-Control-Request-Method").empty()) {
        return planPreflight(request, origin);
    }

    RouteMatch match = router_.match(request.method, request.target);
    ResponsePlan plan;
    plan.head = match.head;
    plan.route = unmatchedRoute();
    switch (match.kind) {
        case RouteMatch::Kind::BadPath:
            plan.answer(badPath_);
            break;
        case RouteMatch::Kind::NotFound:
            plan.answer(notFound_);
            break;
        case RouteMatch::Kind::MethodNotAllowed:
            plan.answer(methodNotAllowed_);
            plan.extraHeaders = "Allow: " + match.allow + "\r\n";
            break;
        case RouteMatch::Kind::Builtin:
            plan.route = project_->endpoints.size() + static_cast<std::size_t>(match.builtin);
            switch (match.builtin) {
                case Builtin::OpenApi:
                    plan.answer(openapi_);
                    break;
                case Builtin::Docs:
                    plan.answer(docs_);
                    break;
                case Builtin::ReDoc:
                    plan.answer(redoc_);
                    break;
                case Builtin::DocsAsset:
                    plan.answer(docsAssetResponse(match.asset));
                    break;
                case Builtin::Health:
                    plan.answer(health_);
                    break;
                case Builtin::Metrics:
                    plan.answer(prepareResponse(200, "text/plain; version=0.0.4; charset=utf-8",
                                                metrics_ != nullptr ? metrics_->render() : std::string()));
                    break;
            }
            break;
        case RouteMatch::Kind::Endpoint:
            plan = planEndpoint(request, match, random);
            break;
    }
    if (!origin.empty()) plan.extraHeaders += corsHeaders(origin);
    return plan;
}

ResponsePlan RequestHandler::planEndpoint(const Request& request, RouteMatch& match,
                                          std::mt19937_64& random) const {
    const model::Endpoint& endpoint = project_->endpoints[match.endpointIndex];
    const PreparedEndpoint& prepared = endpoints_[match.endpointIndex];
    ResponsePlan plan;
    plan.head = match.head;
    plan.route = match.endpointIndex;

    if (rateLimiter_) {
        if (const auto wait = rateLimiter_->acquire(request.client, std::chrono::steady_clock::now())) {
            const auto seconds = std::max<std::int64_t>(1, (wait->count() + 999) / 1000);
            plan.answer(detail(429, "Too Many Requests", {{"Retry-After", std::to_string(seconds)}}));
            return plan;
        }
    }
    if (const auto* failure = authFailure(endpoint, request)) {
        plan.answer(*failure);
        return plan;
    }

    std::optional<ValidatedParts> validated;
    std::optional<std::string> echoed;
    if (services_.validate && prepared.needsValidation) {
        RequestParts parts;
        parts.pathParams.reserve(match.pathParams.size());
        for (const auto& [name, value] : match.pathParams)
            parts.pathParams.emplace_back(name, value);
        const std::size_t queryStart = request.target.find('?');
        if (queryStart != std::string_view::npos) parts.query = request.target.substr(queryStart + 1);
        parts.headers.assign(request.headers.begin(), request.headers.end());
        parts.body = request.body;
        parts.hasBody = request.hasBody;
        // An echo of a valid body in canonical form needs no DOM: the common case of a
        // load test, and byte for byte what the full path below would answer.
        if (!prepared.success && services_.canonicalBody) echoed = services_.canonicalBody(endpoint, parts);
        if (!echoed) {
            auto outcome = services_.validate(endpoint, parts);
            if (auto* errors = std::get_if<Json>(&outcome)) {
                plan.answer(prepareResponse(422, kJson,
                                            errors->dump(-1, ' ', false, Json::error_handler_t::replace)));
                return plan;
            }
            validated = std::move(std::get<ValidatedParts>(outcome));
        }
    }

    const model::Behaviour& behaviour = endpoint.behaviour;
    plan.serverTiming = behaviour.serverTiming;
    plan.cost.latency = prepared.latency.sample(random);
    plan.cost.cpu = behaviour.cpu.duration;
    plan.cost.offloadCpu = behaviour.cpu.offload;
    if (behaviour.batching.enabled) {
        plan.cost.batching = &behaviour.batching;
        plan.cost.batchKey = match.endpointIndex;
    }

    if (behaviour.errors.rate > 0 &&
        std::uniform_real_distribution<double>(0.0, 1.0)(random) < behaviour.errors.rate) {
        plan.answer(prepared.injectedError);
    } else if (prepared.success) {
        plan.answer(prepared.success);
    } else if (echoed) {
        plan.answer(prepareResponse(prepared.successStatus, kJson, std::move(*echoed)));
    } else if (!validated) {
        plan.answer(prepareResponse(prepared.successStatus, kJson, std::string(request.body)));
    } else if (validated->body) {
        plan.answer(prepareResponse(prepared.successStatus, kJson,
                                    validated->body->dump(-1, ' ', false, Json::error_handler_t::replace)));
    } else {
        const Json echo{{"path", validated->path}, {"query", validated->query}};
        plan.answer(prepareResponse(prepared.successStatus, kJson,
                                    echo.dump(-1, ' ', false, Json::error_handler_t::replace)));
    }
    return plan;
}

const std::shared_ptr<const PreparedResponse>* RequestHandler::authFailure(const model::Endpoint& endpoint,
                                                                           const Request& request) const {
    const model::Auth& auth = project_->server.auth;
    switch (endpoint.auth) {
        case model::AuthRequirement::None:
            return nullptr;
        case model::AuthRequirement::ApiKey: {
            const std::string key = presentedApiKey(auth, request);
            return !key.empty() && anyMatches(auth.apiKeys, key) ? nullptr : &apiKeyMissing_;
        }
        case model::AuthRequirement::Basic: {
            const std::string_view authorization = findHeader(request.headers, "Authorization");
            constexpr std::string_view kScheme = "basic ";
            if (authorization.size() > kScheme.size() &&
                equalsIgnoreCase(authorization.substr(0, kScheme.size()), kScheme)) {
                const std::optional<std::string> credentials =
                    schema::base64Decode(authorization.substr(kScheme.size()));
                if (credentials && anyMatches(auth.basicUsers, *credentials)) return nullptr;
            }
            return &basicMissing_;
        }
        case model::AuthRequirement::Bearer: {
            const std::string_view authorization = findHeader(request.headers, "Authorization");
            constexpr std::string_view kScheme = "bearer ";
            if (authorization.size() > kScheme.size() &&
                equalsIgnoreCase(authorization.substr(0, kScheme.size()), kScheme) &&
                anyMatches(auth.bearerTokens, authorization.substr(kScheme.size()))) {
                return nullptr;
            }
            return &bearerMissing_;
        }
    }
    return nullptr;
}

std::string RequestHandler::corsHeaders(std::string_view origin) const {
    const model::Cors& cors = project_->server.cors;
    const bool any =
        std::find(cors.allowOrigins.begin(), cors.allowOrigins.end(), "*") != cors.allowOrigins.end();
    if (any) return "Access-Control-Allow-Origin: *\r\n";
    const bool listed =
        std::find(cors.allowOrigins.begin(), cors.allowOrigins.end(), origin) != cors.allowOrigins.end();
    if (!listed || !isSafeHeaderValue(origin)) return {};
    return "Access-Control-Allow-Origin: " + std::string(origin) + "\r\nVary: Origin\r\n";
}

ResponsePlan RequestHandler::planPreflight(const Request& request, std::string_view origin) const {
    const model::Cors& cors = project_->server.cors;
    ResponsePlan plan;
    plan.route = unmatchedRoute();
    const std::string allowOrigin = corsHeaders(origin);
    const RouteMatch match = router_.match("OPTIONS", request.target);
    if (match.kind == RouteMatch::Kind::NotFound || match.kind == RouteMatch::Kind::BadPath) {
        plan.answer(match.kind == RouteMatch::Kind::NotFound ? notFound_ : badPath_);
        return plan;
    }
    if (allowOrigin.empty()) {
        plan.answer(corsRefused_);
        return plan;
    }
    std::string methods = cors.allowMethods.empty() ? match.allow : join(cors.allowMethods);
    if (methods.empty()) methods = "GET, HEAD";
    std::string headers = join(cors.allowHeaders);
    if (headers.empty()) {
        const std::string_view requested = findHeader(request.headers, "Access-Control-Request-Headers");
        if (isSafeHeaderValue(requested)) headers = requested;
    }
    plan.answer(prepareResponse(204, "", ""));
    plan.extraHeaders = allowOrigin + "Access-Control-Allow-Methods: " + methods + "\r\n";
    if (!headers.empty()) plan.extraHeaders += "Access-Control-Allow-Headers: " + headers + "\r\n";
    plan.extraHeaders +=
        "Access-Control-Max-Age: " +
        std::to_string(std::chrono::duration_cast<std::chrono::seconds>(cors.maxAge).count()) + "\r\n";
    return plan;
}

ResponsePlan RequestHandler::protocolError(int status, bool keepOpen) const {
    ResponsePlan plan;
    plan.route = unmatchedRoute();
    plan.close = !keepOpen;
    switch (status) {
        case 413:
            plan.answer(detail(413, "Request body too large"));
            break;
        case 431:
            plan.answer(detail(431, "Request header fields too large"));
            break;
        case 503:
            plan.answer(detail(503, "Server busy: the worker queue is full"));
            break;
        case 500:
            plan.answer(detail(500, "Internal Server Error"));
            break;
        default:
            plan.answer(detail(status, "Malformed request"));
            break;
    }
    return plan;
}

}  // namespace loadstar::server
