#include "engine/schema/base64_text.h"

#include <cstdint>

namespace loadstar::schema {

namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64Value(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

}  // namespace

std::string base64Encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const auto byte = [&](std::size_t at) {
            return at < bytes.size() ? static_cast<unsigned>(static_cast<unsigned char>(bytes[at])) : 0u;
        };
        const unsigned chunk = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
        out += kAlphabet[(chunk >> 18) & 0x3F];
        out += kAlphabet[(chunk >> 12) & 0x3F];
        out += i + 1 < bytes.size() ? kAlphabet[(chunk >> 6) & 0x3F] : '=';
        out += i + 2 < bytes.size() ? kAlphabet[chunk & 0x3F] : '=';
    }
    return out;
}

std::optional<std::string> base64Decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        const bool last = i + 4 == text.size();
        int values[4] = {0, 0, 0, 0};
        int padding = 0;
        for (std::size_t j = 0; j < 4; ++j) {
            const auto c = static_cast<unsigned char>(text[i + j]);
            if (c == '=' && last && j >= 2) {
                ++padding;
                continue;
            }
            if (padding > 0) return std::nullopt;  // data after padding
            values[j] = base64Value(c);
            if (values[j] < 0) return std::nullopt;
        }
        const auto chunk =
            static_cast<std::uint32_t>((values[0] << 18) | (values[1] << 12) | (values[2] << 6) | values[3]);
        out += static_cast<char>((chunk >> 16) & 0xFF);
        if (padding < 2) out += static_cast<char>((chunk >> 8) & 0xFF);
        if (padding < 1) out += static_cast<char>(chunk & 0xFF);
    }
    return out;
}

std::optional<std::string> base64Problem(std::string_view text) {
    // binascii.a2b_base64 in its default, non-strict mode.
    int quadPos = 0;
    int pads = 0;
    std::int64_t dataCharacters = 0;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '=') {
            if (quadPos >= 2 && quadPos + ++pads >= 4) return std::nullopt;  // padding ends the data
            continue;
        }
        if (base64Value(c) < 0) continue;
        pads = 0;
        ++dataCharacters;
        quadPos = (quadPos + 1) % 4;
    }
    if (quadPos == 1) {
        return "Invalid base64-encoded string: number of data characters (" + std::to_string(dataCharacters) +
               ") cannot be 1 more than a multiple of 4";
    }
    if (quadPos != 0) return "Incorrect padding";
    return std::nullopt;
}

}  // namespace loadstar::schema
