#include "engine/schema/cookie_header.h"

#include "engine/schema/ascii_text.h"

namespace loadstar::schema {

namespace {

std::string unquoteCookie(std::string_view value) {
    if (value.size() < 2 || value.front() != '"' || value.back() != '"') return std::string(value);
    value = value.substr(1, value.size() - 2);
    const auto octalLead = [&](std::size_t at) {
        return at < value.size() && value[at] >= '0' && value[at] <= '3';
    };
    const auto octal = [&](std::size_t at) {
        return at < value.size() && value[at] >= '0' && value[at] <= '7';
    };
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '\\' || i + 1 >= value.size()) {
            out += value[i];
        } else if (octalLead(i + 1) && octal(i + 2) && octal(i + 3)) {
            out += static_cast<char>((value[i + 1] - '0') * 64 + (value[i + 2] - '0') * 8 +
                                     (value[i + 3] - '0'));
            i += 3;
        } else {
            out += value[++i];
        }
    }
    return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parseCookieHeader(std::string_view header) {
    std::vector<std::pair<std::string, std::string>> cookies;
    while (true) {
        const std::size_t semicolon = header.find(';');
        const std::string_view chunk = header.substr(0, semicolon);
        const std::size_t equals = chunk.find('=');
        const std::string_view key =
            trimWhitespace(equals == std::string_view::npos ? std::string_view() : chunk.substr(0, equals));
        const std::string_view value =
            trimWhitespace(equals == std::string_view::npos ? chunk : chunk.substr(equals + 1));
        if (!key.empty() || !value.empty()) cookies.emplace_back(std::string(key), unquoteCookie(value));
        if (semicolon == std::string_view::npos) break;
        header.remove_prefix(semicolon + 1);
    }
    return cookies;
}

}  // namespace loadstar::schema
