#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace loadstar::schema {

// Standard base64 (RFC 4648, "+/" with "=" padding): HTTP basic credentials and
// the "byte" string format.

std::string base64Encode(std::string_view bytes);

// Strict decoding: only the alphabet, whole quanta, padding only at the end.
std::optional<std::string> base64Decode(std::string_view text);

// Why Python's base64.b64decode (what Pydantic's Base64Bytes calls) refuses the
// text, in binascii's words ("Incorrect padding"); nullopt when it decodes. Like
// it, characters outside the alphabet are skipped and padding ends the data.
std::optional<std::string> base64Problem(std::string_view text);

}  // namespace loadstar::schema
