#pragma once

#include <string_view>

namespace loadstar::schema {

// ASCII-only text helpers for HTTP tokens (header names, media types) and for
// Pydantic's lax parsing of numbers and booleans, which ignore locale.

inline char asciiLower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (asciiLower(a[i]) != asciiLower(b[i])) return false;
    }
    return true;
}

// Python's str.strip() for the ASCII whitespace that matters in requests.
inline std::string_view trimWhitespace(std::string_view s) {
    const auto space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    while (!s.empty() && space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && space(s.back()))
        s.remove_suffix(1);
    return s;
}

}  // namespace loadstar::schema
