#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace loadstar::model {

// An http:// or https:// URL split for connecting: host (IPv6 without brackets),
// port, and the path + query to request.
struct TargetUrl {
    bool tls = false;
    std::string host;
    std::uint16_t port = 80;
    std::string target = "/";  // path and query, as sent

    // The Host header: brackets for IPv6, the port when not the scheme's default.
    std::string hostHeader() const;
    // scheme://host[:port] without the path.
    std::string origin() const;
};

// Error text for a person on failure ("expected http:// or https://"). Parsing
// applies no policy: where load may go is loopbackRefusal's question.
std::variant<TargetUrl, std::string> parseTargetUrl(std::string_view url);

// The same split, for reading one document from a server (`loadstar import URL`,
// redirects), which sends no load.
std::variant<TargetUrl, std::string> parseHttpUrl(std::string_view url);

// Why `host` may not receive load, or nullopt. Load goes only to this machine unless
// the user allowed the host by name (`allowedHost`: `--allow-remote HOST`, or the
// workbench's confirmation stored in the scenario; compared as sameHost does).
// Literal addresses must be loopback (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104); a name
// passes here and every address it resolves to must be loopback (load::resolveTarget
// checks that before anything is sent).
std::optional<std::string> loopbackRefusal(std::string_view host, std::string_view allowedHost = {});

// The same host as a user would mean it: names compared case-insensitively, IPv6
// literals with or without brackets and in any spelling ("::1" == "[0:0::1]").
bool sameHost(std::string_view a, std::string_view b);

// True for 127.0.0.0/8, ::1 and IPv4-mapped 127.0.0.0/8; false for every other
// literal and for anything that is not a literal address.
bool isLoopbackLiteral(std::string_view address);

// The policy, as the refusals state it.
inline constexpr std::string_view kLoopbackOnly =
    "Loadstar sends load only to this machine (127.0.0.0/8, ::1) or to a host allowed by name";

}  // namespace loadstar::model
