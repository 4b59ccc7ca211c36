#include "engine/openapi/title.h"

namespace loadstar::openapi {

namespace {
bool isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char toUpper(char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}
char toLower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
}  // namespace

std::string titleFromName(std::string_view name) {
    std::string title;
    title.reserve(name.size());
    bool inWord = false;
    for (const char c : name) {
        if (isAsciiLetter(c)) {
            title += inWord ? toLower(c) : toUpper(c);
            inWord = true;
        } else if (static_cast<unsigned char>(c) >= 0x80) {
            title += c;
            inWord = true;
        } else {
            title += c == '_' ? ' ' : c;
            inWord = false;
        }
    }
    const auto first = title.find_first_not_of(" \t\n");
    if (first == std::string::npos) return {};
    const auto last = title.find_last_not_of(" \t\n");
    return title.substr(first, last - first + 1);
}

}  // namespace loadstar::openapi
