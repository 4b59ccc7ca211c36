#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace loadstar::schema {

// Splits a raw query string (the part after '?') into decoded name/value pairs
// in order, as Starlette does (urllib's parse_qsl with keep_blank_values): '&'
// separates pairs, '+' is a space, %XX is decoded, a malformed escape is kept
// literally, invalid UTF-8 becomes U+FFFD, "a" alone is ("a", ""), empty pieces
// are skipped. Repeated names stay repeated.
std::vector<std::pair<std::string, std::string>> parseQueryString(std::string_view query);

// Percent-decoding of one component ('+' means space).
std::string decodeQueryComponent(std::string_view component);

}  // namespace loadstar::schema
