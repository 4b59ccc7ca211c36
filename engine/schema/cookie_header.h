#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace loadstar::schema {

// A Cookie header's pairs as Starlette's cookie_parser reads them: split at ';',
// each piece at its first '=', both sides stripped of whitespace, a "quoted" value
// unquoted as Python's http.cookies does (\" \\ and three-digit octal escapes).
// Pieces without '=' have an empty name. Pairs keep their order; a reader that
// wants one value per name takes the last.
std::vector<std::pair<std::string, std::string>> parseCookieHeader(std::string_view header);

}  // namespace loadstar::schema
