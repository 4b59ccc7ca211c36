#include "engine/server/router.h"

#include <algorithm>
#include <array>

#include "engine/schema/utf8_text.h"
#include "engine/server/docs_page.h"
#include "engine/text/percent_decoding.h"

namespace loadstar::server {

namespace {

// Allow lists methods in this order, then any others in declaration order.
constexpr std::array<std::string_view, 7> kMethodOrder{"GET",   "HEAD",   "POST",   "PUT",
                                                       "PATCH", "DELETE", "OPTIONS"};

std::string joinMethods(std::vector<std::string> methods) {
    const auto rank = [](const std::string& m) {
        const auto it = std::find(kMethodOrder.begin(), kMethodOrder.end(), m);
        return static_cast<std::size_t>(it - kMethodOrder.begin());
    };
    std::stable_sort(methods.begin(), methods.end(),
                     [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
    methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
    std::string joined;
    for (const std::string& m : methods) {
        if (!joined.empty()) joined += ", ";
        joined += m;
    }
    return joined;
}

// The path of an origin-form or absolute-form target, without the query.
std::optional<std::string_view> targetPath(std::string_view target) {
    const std::size_t query = target.find('?');
    std::string_view path = target.substr(0, query);
    for (const std::string_view scheme : {std::string_view("http://"), std::string_view("https://")}) {
        if (path.size() >= scheme.size() &&
            std::equal(scheme.begin(), scheme.end(), path.begin(),
                       [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b); })) {
            const std::size_t slash = path.find('/', scheme.size());
            path = slash == std::string_view::npos ? std::string_view("/") : path.substr(slash);
            break;
        }
    }
    if (path.empty() || path.front() != '/') return std::nullopt;
    return path;
}

// The index of the docs asset `segments` names under kDocsAssetsPath.
std::optional<std::size_t> docsAssetIndex(const std::vector<std::string>& segments) {
    static const std::vector<std::string> prefix = *splitPath(kDocsAssetsPath);
    if (segments.size() != prefix.size() + 1 || !std::equal(prefix.begin(), prefix.end(), segments.begin()))
        return std::nullopt;
    const std::span<const DocsAsset> assets = docsAssets();
    for (std::size_t i = 0; i < assets.size(); ++i) {
        if (assets[i].name == segments.back()) return i;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::vector<std::string>> splitPath(std::string_view path) {
    if (path.empty() || path.front() != '/') return std::nullopt;
    std::vector<std::string> segments;
    std::size_t start = 1;
    while (start <= path.size()) {
        const std::size_t slash = std::min(path.find('/', start), path.size());
        std::optional<std::string> decoded = text::percentDecode(path.substr(start, slash - start));
        if (!decoded || !schema::isValidUtf8(*decoded) || decoded->find('\0') != std::string::npos)
            return std::nullopt;
        segments.push_back(std::move(*decoded));
        start = slash + 1;
    }
    if (!segments.empty() && segments.back().empty()) segments.pop_back();
    return segments;
}

Router::Router(const model::Project& project) : builtins_(project.server.builtins) {
    for (std::size_t i = 0; i < project.endpoints.size(); ++i) {
        const model::Endpoint& endpoint = project.endpoints[i];
        Route route;
        route.endpointIndex = i;
        route.method = endpoint.method;
        std::string_view path = endpoint.path;
        std::size_t start = 1;
        while (start <= path.size()) {
            const std::size_t slash = std::min(path.find('/', start), path.size());
            const std::string_view text = path.substr(start, slash - start);
            Segment segment;
            const std::size_t open = text.find('{');
            const std::size_t close = text.find('}');
            if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
                segment.isParam = true;
                segment.prefix = text.substr(0, open);
                segment.name = text.substr(open + 1, close - open - 1);
                segment.suffix = text.substr(close + 1);
            } else {
                segment.prefix = text::percentDecode(text).value_or(std::string(text));
                ++route.literalCount;
            }
            route.segments.push_back(std::move(segment));
            start = slash + 1;
        }
        if (!route.segments.empty() && !route.segments.back().isParam &&
            route.segments.back().prefix.empty()) {
            route.segments.pop_back();
            --route.literalCount;
        }
        routes_.push_back(std::move(route));
    }
    std::stable_sort(routes_.begin(), routes_.end(),
                     [](const Route& a, const Route& b) { return a.literalCount > b.literalCount; });

    // A built-in whose path the design serves moves under /_loadstar, so the design
    // is served exactly as written and the built-in stays reachable.
    for (std::string* path :
         {&builtins_.openapi, &builtins_.docs, &builtins_.metrics, &builtins_.health, &builtins_.redoc}) {
        const std::optional<std::vector<std::string>> segments = splitPath(*path);
        const bool taken = segments && std::any_of(routes_.begin(), routes_.end(), [&](const Route& route) {
                               return route.literalCount == route.segments.size() &&
                                      matchSegments(route, *segments, nullptr);
                           });
        if (taken) *path = "/_loadstar" + *path;
        builtinSegments_.push_back(splitPath(*path).value_or(std::vector<std::string>{}));
    }

    for (const Route& route : routes_) {
        if (route.literalCount != route.segments.size()) continue;
        std::string key;
        for (const Segment& segment : route.segments) {
            key += '/';
            key += segment.prefix;
        }
        // A path a built-in answers stays with the general match, which checks built-ins first.
        const bool builtin = std::any_of(builtinSegments_.begin(), builtinSegments_.end(),
                                         [&](const std::vector<std::string>& segments) {
                                             return matchSegments(route, segments, nullptr);
                                         });
        if (!builtin) literalRoutes_[key].push_back({route.method, route.endpointIndex});
    }
}

std::optional<RouteMatch> Router::matchLiteral(std::string_view method, std::string_view target) const {
    // HEAD may be served by a HEAD route of any kind before a GET one: the general match decides.
    if (literalRoutes_.empty() || method == "HEAD") return std::nullopt;
    const std::optional<std::string_view> path = targetPath(target);
    if (!path) return std::nullopt;
    // Printable ASCII without escapes decodes to itself, valid UTF-8 without NUL.
    if (!std::all_of(path->begin(), path->end(), [](char c) { return c > ' ' && c < 0x7f && c != '%'; }))
        return std::nullopt;
    std::string_view key = *path;
    if (key.ends_with('/')) key.remove_suffix(1);  // as splitPath drops one trailing empty segment
    const auto found = literalRoutes_.find(key);
    if (found == literalRoutes_.end()) return std::nullopt;
    for (const LiteralRoute& route : found->second) {
        if (route.method != method) continue;
        RouteMatch result;
        result.kind = RouteMatch::Kind::Endpoint;
        result.endpointIndex = route.endpointIndex;
        return result;
    }
    return std::nullopt;
}

bool Router::matchSegments(const Route& route, const std::vector<std::string>& segments,
                           std::vector<std::pair<std::string, std::string>>* params) const {
    if (route.segments.size() != segments.size()) return false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const Segment& pattern = route.segments[i];
        const std::string& value = segments[i];
        if (!pattern.isParam) {
            if (pattern.prefix != value) return false;
            continue;
        }
        // A parameter matches at least one character, like Starlette's default converter.
        if (value.size() <= pattern.prefix.size() + pattern.suffix.size() ||
            !value.starts_with(pattern.prefix) || !value.ends_with(pattern.suffix)) {
            return false;
        }
    }
    if (params != nullptr) {
        params->clear();
        for (std::size_t i = 0; i < segments.size(); ++i) {
            const Segment& pattern = route.segments[i];
            if (!pattern.isParam) continue;
            const std::string& value = segments[i];
            params->emplace_back(pattern.name,
                                 value.substr(pattern.prefix.size(),
                                              value.size() - pattern.prefix.size() - pattern.suffix.size()));
        }
    }
    return true;
}

RouteMatch Router::match(std::string_view method, std::string_view target) const {
    if (std::optional<RouteMatch> literal = matchLiteral(method, target)) return std::move(*literal);
    RouteMatch result;
    const std::optional<std::string_view> path = targetPath(target);
    const std::optional<std::vector<std::string>> segments = path ? splitPath(*path) : std::nullopt;
    if (!segments) {
        result.kind = RouteMatch::Kind::BadPath;
        return result;
    }
    const bool isHead = method == "HEAD";

    const auto builtin = [&](Builtin which) {
        if (method == "GET" || isHead) {
            result.kind = RouteMatch::Kind::Builtin;
            result.builtin = which;
            result.head = isHead;
        } else {
            result.kind = RouteMatch::Kind::MethodNotAllowed;
            result.allow = "GET, HEAD";
        }
        return result;
    };
    for (std::size_t b = 0; b < kBuiltinCount; ++b) {
        if (builtinSegments_[b] == *segments) return builtin(static_cast<Builtin>(b));
    }
    if (const std::optional<std::size_t> asset = docsAssetIndex(*segments)) {
        result.asset = *asset;
        return builtin(Builtin::DocsAsset);
    }

    std::vector<std::string> methods;
    const Route* getRoute = nullptr;
    for (const Route& route : routes_) {
        if (!matchSegments(route, *segments, nullptr)) continue;
        if (route.method == method) {
            result.kind = RouteMatch::Kind::Endpoint;
            result.endpointIndex = route.endpointIndex;
            matchSegments(route, *segments, &result.pathParams);
            return result;
        }
        if (isHead && route.method == "GET" && getRoute == nullptr) getRoute = &route;
        methods.push_back(route.method);
        if (route.method == "GET") methods.emplace_back("HEAD");
    }
    if (getRoute != nullptr) {
        result.kind = RouteMatch::Kind::Endpoint;
        result.endpointIndex = getRoute->endpointIndex;
        result.head = true;
        matchSegments(*getRoute, *segments, &result.pathParams);
        return result;
    }
    if (!methods.empty()) {
        result.kind = RouteMatch::Kind::MethodNotAllowed;
        result.allow = joinMethods(std::move(methods));
    }
    return result;
}

}  // namespace loadstar::server
