#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include "engine/model/json.h"

namespace loadstar::openapi {

// Why a document's text is not JSON or YAML, and where (1-based, columns in
// characters as editors count them; 0 when the place is unknown).
struct SyntaxError {
    std::size_t line = 0;
    std::size_t column = 0;
    std::string message;

    std::string where() const;  // "line 3, column 7", or "" when unknown
};

// Bounds that keep hostile text from exhausting the stack or the memory.
struct ParseLimits {
    std::size_t maxDepth = 256;  // nesting of objects and arrays
    // YAML aliases copy what their anchor holds; the copies together may add at
    // most this many values (a "billion laughs" document is refused, not expanded).
    std::size_t maxAliasValues = 1'000'000;
};

// Reads a JSON or YAML document. Text whose first non-blank character is '{' or
// '[' is read as JSON (so that a broken JSON file gets JSON's error), anything
// else as YAML 1.2 with its core schema: plain scalars become null, booleans,
// integers or floats only in YAML 1.2's spellings ("yes", "0x1F" and "12:30"
// stay strings, as they do for JSON-minded readers), quoted and block scalars are
// strings, and map keys are their text. Anchors and aliases, merge keys (<<) and
// one document per file are supported; tags other than the core ones are ignored.
std::variant<Json, SyntaxError> parseDocumentText(std::string_view text, const ParseLimits& limits = {});

// "line L, column C" of a byte offset, counting characters rather than bytes.
SyntaxError syntaxErrorAt(std::string_view text, std::size_t byteOffset, std::string message);

}  // namespace loadstar::openapi
