#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace loadstar::schema {

// Request bytes become JSON strings in validated values and error inputs, and
// nlohmann refuses to dump invalid UTF-8; these turn arbitrary bytes into valid
// text the way Starlette does before Pydantic sees them.

// Invalid UTF-8 sequences become U+FFFD (Python's errors="replace").
std::string toValidUtf8(std::string_view bytes);

// Header values: Starlette decodes header bytes as Latin-1.
std::string latin1ToUtf8(std::string_view bytes);

// Well-formed UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
bool isValidUtf8(std::string_view text);

// Length in code points, as Python's len(str) counts (input must be valid UTF-8).
std::size_t codePointCount(std::string_view text);

}  // namespace loadstar::schema
