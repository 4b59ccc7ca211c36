#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace loadstar::load {

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

// Error text for a person on failure ("expected http:// or https://").
std::variant<TargetUrl, std::string> parseTargetUrl(std::string_view url);

}  // namespace loadstar::load
