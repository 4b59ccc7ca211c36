#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace loadstar::text {

// How percent-encoded text (RFC 3986, 2.1) is read.
struct PercentDecoding {
    // A path segment is strict: a '%' without two hex digits after it makes the
    // whole text undecodable. A query string is read as browsers and FastAPI read
    // it: '+' is a space, and such a '%' stays as it is.
    bool plusIsSpace = false;
    bool keepMalformed = false;
};
inline constexpr PercentDecoding kStrictDecoding{};
inline constexpr PercentDecoding kQueryDecoding{true, true};

// The bytes the text stands for (not checked to be UTF-8); nullopt for a strict
// decoding of a malformed escape.
std::optional<std::string> percentDecode(std::string_view text, PercentDecoding how = kStrictDecoding);

}  // namespace loadstar::text
