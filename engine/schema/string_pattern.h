#pragma once

// The tree StringGenerator walks, and the reader that makes it from a pattern:
// shared by string_generator.cpp and string_pattern.cpp only.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/schema/string_generator.h"

namespace loadstar::schema {

// Lengths above this count as unbounded; it keeps sums and products far from overflow.
inline constexpr std::int64_t kUnboundedLength = std::int64_t{1} << 40;

struct StringGenerator::Node {
    enum class Kind { Chars, Concat, Alternate, Repeat, ZeroWidth };
    Kind kind = Kind::Concat;
    std::string chars;           // Chars: what to draw from
    std::vector<Node> children;  // Concat, Alternate; Repeat has exactly one
    std::int64_t repeatMin = 0;
    std::int64_t repeatMax = kUnboundedLength;
    bool filler = false;  // padding around an unanchored pattern: grows only when it must
    char anchor = 0;      // ZeroWidth: '^' (start of text), '$' (end of text), 0 otherwise
    std::int64_t shortest = 0;
    std::int64_t longest = 0;

    static Node ofKind(Kind k) {
        Node n;
        n.kind = k;
        return n;
    }
};

// The tree of a pattern RE2 has accepted, its bounds not yet computed; nullopt when
// the pattern uses syntax the reader does not know.
std::optional<StringGenerator::Node> readPattern(std::string_view pattern);

// One character drawn from the letters and digits.
StringGenerator::Node alnumChar();

}  // namespace loadstar::schema
