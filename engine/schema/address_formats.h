#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace loadstar::schema {

// Checks for the network formats a string may declare. Each returns nullopt for a
// valid value, otherwise why it is not one.

// Python's ipaddress.IPv4Address: four decimal octets 0-255, no leading zeros.
std::optional<std::string> ipv4Problem(std::string_view text);

// Python's ipaddress.IPv6Address: eight hex groups, one "::" for a run of zero
// groups, an IPv4 address as the last 32 bits, an optional "%scope".
std::optional<std::string> ipv6Problem(std::string_view text);

// An RFC 1123 host name (JSON Schema's "hostname"): dot-separated labels of
// letters, digits and hyphens, 1-63 characters each, no hyphen at either end,
// 253 characters in all; one trailing dot is allowed.
std::optional<std::string> hostnameProblem(std::string_view text);

}  // namespace loadstar::schema
