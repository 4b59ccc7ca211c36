#include "engine/codegen/python_names.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <system_error>
#include <vector>

namespace loadstar::codegen {

namespace {

constexpr std::array<std::string_view, 35> kKeywords{
    "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
    "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
    "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
    "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};

bool isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
char upper(char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

// The words of a name: runs of ASCII letters and digits, split where a lower-case
// letter or digit is followed by an upper-case one ("bookId" -> book, Id).
std::vector<std::string> words(std::string_view name) {
    std::vector<std::string> out;
    std::string word;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (!isAsciiLetter(c) && !isDigit(c)) {
            if (!word.empty()) out.push_back(std::move(word));
            word.clear();
            continue;
        }
        const bool boundary = !word.empty() && c >= 'A' && c <= 'Z' &&
                              ((word.back() >= 'a' && word.back() <= 'z') || isDigit(word.back()));
        if (boundary) {
            out.push_back(std::move(word));
            word.clear();
        }
        word += c;
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

void appendEscaped(std::string& out, unsigned char c, char quote) {
    switch (c) {
        case '\\':
            out += "\\\\";
            return;
        case '\n':
            out += "\\n";
            return;
        case '\r':
            out += "\\r";
            return;
        case '\t':
            out += "\\t";
            return;
        default:
            break;
    }
    if (c == static_cast<unsigned char>(quote)) {
        out += '\\';
        out += quote;
    } else if (c < 0x20 || c == 0x7f) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
        out += buffer;
    } else {
        out += static_cast<char>(c);  // UTF-8 passes through: the source file is UTF-8
    }
}

}  // namespace

bool isPythonKeyword(std::string_view name) {
    for (const std::string_view keyword : kKeywords) {
        if (keyword == name) return true;
    }
    return false;
}

bool isPythonIdentifier(std::string_view name) {
    if (name.empty() || isDigit(name.front())) return false;
    for (const char c : name) {
        if (!isAsciiLetter(c) && !isDigit(c) && c != '_') return false;
    }
    return !isPythonKeyword(name);
}

std::string snakeIdentifier(std::string_view name) {
    std::string out;
    for (const std::string& word : words(name)) {
        if (!out.empty()) out += '_';
        for (const char c : word)
            out += lower(c);
    }
    if (out.empty()) return "value";
    if (isDigit(out.front())) out = "n_" + out;
    if (isPythonKeyword(out)) out += '_';
    return out;
}

std::string className(std::string_view name) {
    if (isPythonIdentifier(name) && name.front() != '_' && isAsciiLetter(name.front()) &&
        name.front() == upper(name.front()) && name.find('_') == std::string_view::npos) {
        return std::string(name);
    }
    std::string out;
    for (const std::string& word : words(name)) {
        out += upper(word.front());
        out += word.substr(1);
    }
    if (out.empty() || isDigit(out.front())) out = "Model" + out;
    return out;
}

std::string uniqueName(const std::string& base, std::set<std::string>& taken) {
    std::string name = base;
    for (int i = 2; taken.count(name) != 0; ++i)
        name = base + "_" + std::to_string(i);
    taken.insert(name);
    return name;
}

std::string pythonString(std::string_view text) {
    std::size_t doubles = 0;
    std::size_t singles = 0;
    for (const char c : text) {
        doubles += c == '"' ? 1 : 0;
        singles += c == '\'' ? 1 : 0;
    }
    const char quote = doubles > singles ? '\'' : '"';
    std::string out(1, quote);
    for (const char c : text)
        appendEscaped(out, static_cast<unsigned char>(c), quote);
    out += quote;
    return out;
}

std::string pythonPattern(std::string_view text) {
    bool raw = text.find('\\') != std::string_view::npos && text.find('"') == std::string_view::npos;
    // A raw string cannot end in an odd run of backslashes or hold control characters.
    std::size_t trailing = 0;
    for (auto it = text.rbegin(); it != text.rend() && *it == '\\'; ++it)
        ++trailing;
    raw = raw && trailing % 2 == 0;
    for (const char c : text)
        raw = raw && static_cast<unsigned char>(c) >= 0x20 && c != 0x7f;
    if (!raw) return pythonString(text);
    return "r\"" + std::string(text) + "\"";
}

std::string pythonFloat(double value) {
    if (std::isnan(value)) return "float(\"nan\")";
    if (std::isinf(value)) return value > 0 ? "float(\"inf\")" : "-float(\"inf\")";
    // The shortest digits that round-trip, then Python's repr layout: positional for
    // decimal exponents in [-4, 16), scientific with a two-digit exponent otherwise.
    std::array<char, 64> buffer{};
    const auto result =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::scientific);
    std::string sci(buffer.data(), result.ptr);
    const bool negative = !sci.empty() && sci.front() == '-';
    if (negative) sci.erase(0, 1);
    const std::size_t e = sci.find('e');
    std::string digits = sci.substr(0, e);
    const int exponent = std::stoi(sci.substr(e + 1));
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    std::string out = negative ? "-" : "";
    if (exponent >= -4 && exponent < 16) {
        if (exponent < 0) {
            out += "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
        } else if (static_cast<std::size_t>(exponent) + 1 >= digits.size()) {
            out += digits + std::string(static_cast<std::size_t>(exponent) + 1 - digits.size(), '0') + ".0";
        } else {
            out += digits.substr(0, static_cast<std::size_t>(exponent) + 1) + "." +
                   digits.substr(static_cast<std::size_t>(exponent) + 1);
        }
        return out;
    }
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exponentText[16];
    std::snprintf(exponentText, sizeof exponentText, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return out + exponentText;
}

std::string pythonNumber(double value) {
    if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 9007199254740992.0) {
        return std::to_string(static_cast<std::int64_t>(value));
    }
    return pythonFloat(value);
}

std::string pythonLiteral(const Json& value) {
    switch (value.type()) {
        case Json::value_t::null:
            return "None";
        case Json::value_t::boolean:
            return value.get<bool>() ? "True" : "False";
        case Json::value_t::number_integer:
            return std::to_string(value.get<std::int64_t>());
        case Json::value_t::number_unsigned:
            return std::to_string(value.get<std::uint64_t>());
        case Json::value_t::number_float:
            return pythonFloat(value.get<double>());
        case Json::value_t::string:
            return pythonString(value.get_ref<const std::string&>());
        case Json::value_t::array: {
            std::string out = "[";
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (i > 0) out += ", ";
                out += pythonLiteral(value[i]);
            }
            return out + "]";
        }
        case Json::value_t::object: {
            std::string out = "{";
            bool first = true;
            for (const auto& [key, item] : value.items()) {
                if (!first) out += ", ";
                first = false;
                out += pythonString(key) + ": " + pythonLiteral(item);
            }
            return out + "}";
        }
        default:
            return "None";
    }
}

}  // namespace loadstar::codegen
