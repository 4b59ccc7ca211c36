#include "engine/schema/query_string.h"

#include "engine/schema/utf8_text.h"

namespace loadstar::schema {

namespace {
int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

std::string decodeQueryComponent(std::string_view component) {
    std::string bytes;
    bytes.reserve(component.size());
    for (std::size_t i = 0; i < component.size(); ++i) {
        const char c = component[i];
        if (c == '+') {
            bytes += ' ';
        } else if (c == '%' && i + 2 < component.size() && hexValue(component[i + 1]) >= 0 &&
                   hexValue(component[i + 2]) >= 0) {
            bytes += static_cast<char>(hexValue(component[i + 1]) * 16 + hexValue(component[i + 2]));
            i += 2;
        } else {
            bytes += c;
        }
    }
    return toValidUtf8(bytes);
}

std::vector<std::pair<std::string, std::string>> parseQueryString(std::string_view query) {
    std::vector<std::pair<std::string, std::string>> pairs;
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view piece = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (piece.empty()) continue;
        const std::size_t eq = piece.find('=');
        if (eq == std::string_view::npos) {
            pairs.emplace_back(decodeQueryComponent(piece), std::string{});
        } else {
            pairs.emplace_back(decodeQueryComponent(piece.substr(0, eq)),
                               decodeQueryComponent(piece.substr(eq + 1)));
        }
    }
    return pairs;
}

}  // namespace loadstar::schema
