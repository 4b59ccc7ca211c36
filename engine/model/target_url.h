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

// Error text for a person on failure ("expected http:// or https://"). Loadstar
// sends load only to this machine: a literal address outside loopback is refused
// here (see loopbackRefusal); a name is checked when it is resolved.
std::variant<TargetUrl, std::string> parseTargetUrl(std::string_view url);

// The same split without the loopback policy, for reading one document from a
// server (`loadstar import URL`), which sends no load.
std::variant<TargetUrl, std::string> parseHttpUrl(std::string_view url);

// Why `host` may not receive load, or nullopt. Literal addresses must be loopback
// (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104); a name passes here and every address
// it resolves to must be loopback (the load generator checks that at start).
std::optional<std::string> loopbackRefusal(std::string_view host);

// True for 127.0.0.0/8, ::1 and IPv4-mapped 127.0.0.0/8; false for every other
// literal and for anything that is not a literal address.
bool isLoopbackLiteral(std::string_view address);

// The policy, as the refusals state it.
inline constexpr std::string_view kLoopbackOnly =
    "Loadstar sends load only to this machine (127.0.0.0/8, ::1)";

}  // namespace loadstar::model
