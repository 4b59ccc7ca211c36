#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/model/project.h"

namespace loadstar::server {

// The server's own routes. The first kBuiltinCount each live at the path
// ServerSettings::builtins names, unless the design serves that path itself: then the
// design wins and the built-in moves under /_loadstar (see Router::builtinPaths()).
// DocsAsset serves the docs pages' files under kDocsAssetsPath (/_loadstar/static/).
enum class Builtin { OpenApi, Docs, Metrics, Health, ReDoc, DocsAsset };
inline constexpr std::size_t kBuiltinCount = 5;

struct RouteMatch {
    enum class Kind {
        Endpoint,          // endpointIndex and pathParams are set
        Builtin,           // builtin is set
        NotFound,          // 404
        MethodNotAllowed,  // 405; allow lists the path's methods
        BadPath,           // 400: not an origin-form target, bad percent-encoding or invalid UTF-8
    };
    Kind kind = Kind::NotFound;
    std::size_t endpointIndex = 0;
    Builtin builtin = Builtin::Health;
    std::size_t asset = 0;                                        // DocsAsset: the index into docsAssets()
    std::vector<std::pair<std::string, std::string>> pathParams;  // percent-decoded, template order
    std::string allow;                                            // "GET, HEAD, POST"
    bool head = false;  // a HEAD request served by a GET route: answer without a body
};

// Pure routing over a project's endpoints: method + request target -> what serves it.
// Templates are matched segment by segment; a segment may be a literal, a whole
// parameter ("{id}") or a parameter with a literal prefix and suffix ("{name}.json").
// Among several matching templates the one with more literal segments wins, then
// declaration order, so /users/me beats /users/{id} wherever it is declared.
// A trailing slash does not make a different route.
class Router {
  public:
    explicit Router(const model::Project& project);

    RouteMatch match(std::string_view method, std::string_view target) const;

    // The paths the built-ins are served at, after moving any the design uses.
    const model::BuiltinPaths& builtinPaths() const { return builtins_; }

  private:
    struct Segment {
        std::string prefix;  // the whole literal when !isParam
        std::string suffix;
        std::string name;
        bool isParam = false;
    };
    struct Route {
        std::size_t endpointIndex = 0;
        std::string method;
        std::vector<Segment> segments;
        std::size_t literalCount = 0;
    };

    bool matchSegments(const Route& route, const std::vector<std::string>& segments,
                       std::vector<std::pair<std::string, std::string>>* params) const;
    // The common case without allocating: a target whose path needs no decoding and
    // names a route without parameters. nullopt: take the general path.
    std::optional<RouteMatch> matchLiteral(std::string_view method, std::string_view target) const;

    struct PathHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    struct LiteralRoute {
        std::string method;
        std::size_t endpointIndex = 0;
    };

    std::vector<Route> routes_;  // most specific first
    model::BuiltinPaths builtins_;
    std::vector<std::vector<std::string>> builtinSegments_;  // indexed by Builtin
    // Routes without parameters by their path ("/a/b", no trailing slash), most specific first.
    std::unordered_map<std::string, std::vector<LiteralRoute>, PathHash, std::equal_to<>> literalRoutes_;
};

// Splits the path of a request target into percent-decoded segments, dropping one
// trailing empty segment ("/a/b/" -> {"a", "b"}). nullopt for anything that is not an
// origin-form path or that decodes to invalid UTF-8 or contains a NUL.
std::optional<std::vector<std::string>> splitPath(std::string_view path);

}  // namespace loadstar::server
