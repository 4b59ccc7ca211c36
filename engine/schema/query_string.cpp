#include "engine/schema/query_string.h"

#include "engine/schema/utf8_text.h"
#include "engine/text/percent_decoding.h"

namespace loadstar::schema {

std::string decodeQueryComponent(std::string_view component) {
    // A query decoding keeps a malformed escape as it is: it always decodes.
    return toValidUtf8(text::percentDecode(component, text::kQueryDecoding).value_or(std::string(component)));
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
