#include "engine/openapi/yaml_writer.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace loadstar::openapi {

namespace {

// Plain scalars that YAML 1.1 or 1.2 resolves to null, a boolean or a merge /
// value key rather than a string.
bool isReservedWord(std::string_view text) {
    static constexpr std::array<std::string_view, 29> kWords{
        "~",  "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
        "y",  "Y",    "yes",  "Yes",  "YES",  "n",    "N",    "no",    "No",    "NO",
        "on", "On",   "ON",   "off",  "Off",  "OFF",  "=",    "<<",    ""};
    for (const std::string_view word : kWords) {
        if (text == word) return true;
    }
    return false;
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// True when a plain scalar with this text could be read as something other than
// a string: a number in any YAML spelling (1_000, 0x1F, 1e3, .5, .inf, 12:30, a
// timestamp) or a reserved word. yaml-cpp's emitter does not check this itself.
// Quoting a few strings that did not need it costs nothing.
bool needsQuotes(std::string_view text) {
    if (isReservedWord(text)) return true;
    const char first = text.front();
    if (isDigit(first) || first == '.') return true;
    if ((first == '+' || first == '-') && text.size() > 1 && (isDigit(text[1]) || text[1] == '.'))
        return true;
    return false;
}

// Decodes one UTF-8 sequence at `i`; returns its code point and advances `i`,
// or returns -1 for an invalid sequence.
long nextCodePoint(std::string_view text, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    long codePoint = 0;
    if (lead < 0x80) {
        ++i;
        return lead;
    } else if ((lead & 0xE0) == 0xC0) {
        length = 2;
        codePoint = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        codePoint = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        codePoint = lead & 0x07;
    } else {
        return -1;
    }
    if (i + length > text.size()) return -1;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return -1;
        codePoint = (codePoint << 6) | (byte(i + k) & 0x3F);
    }
    i += length;
    return codePoint;
}

// What YAML allows unescaped in any scalar: tab, line feed and printable
// characters. Carriage returns, other control characters, byte-order marks,
// invalid UTF-8, and NEL and the Unicode line/paragraph separators (line breaks
// in YAML 1.1, folded away by its readers) must be escaped.
bool allPrintable(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const long c = nextCodePoint(text, i);
        const bool printable = c == '\t' || c == '\n' || (c >= 0x20 && c <= 0x7E) ||
                               (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029) ||
                               (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) || (c >= 0x10000 && c <= 0x10FFFF);
        if (!printable) return false;
    }
    return true;
}

// A literal block keeps text as it is, so it takes multi-line text with nothing
// to escape, except text that is only line breaks (a block of empty lines reads
// back as ""), text whose first line starts with white space (the block's
// indentation would be misread) and text with trailing white space on a line
// (easy to lose in editors). Those go in double quotes.
bool fitsLiteralBlock(std::string_view text) {
    if (text.find('\n') == std::string_view::npos || !allPrintable(text)) return false;
    const std::size_t firstText = text.find_first_not_of('\n');
    if (firstText == std::string_view::npos || text[firstText] == ' ' || text[firstText] == '\t')
        return false;
    std::size_t lineStart = 0;
    while (lineStart <= text.size()) {
        std::size_t lineEnd = text.find('\n', lineStart);
        if (lineEnd == std::string_view::npos) lineEnd = text.size();
        if (lineEnd > lineStart && (text[lineEnd - 1] == ' ' || text[lineEnd - 1] == '\t')) return false;
        lineStart = lineEnd + 1;
    }
    return true;
}

// Floats in the spelling nlohmann_json uses ("1.0", "0.1", "1e-07"), with a
// decimal point before any exponent so that YAML 1.1 readers see a float too.
std::string floatText(double value) {
    std::string text = Json(value).dump();
    const std::size_t exponent = text.find_first_of("eE");
    if (exponent != std::string::npos && text.find('.') == std::string::npos) text.insert(exponent, ".0");
    return text;
}

void collectStrings(const Json& value, std::vector<std::string_view>& strings) {
    if (value.is_string()) {
        strings.emplace_back(value.get_ref<const std::string&>());
    } else if (value.is_object()) {
        for (const auto& [key, member] : value.items()) {
            strings.emplace_back(key);
            collectStrings(member, strings);
        }
    } else if (value.is_array()) {
        for (const Json& element : value)
            collectStrings(element, strings);
    }
}

// yaml-cpp 0.7 writes literal blocks without chomping or indentation indicators,
// so "a\nb" would read back as "a\nb\n". We let it write a unique plain
// placeholder for each multi-line value and put the literal block in ourselves.
class Writer {
  public:
    explicit Writer(const Json& document) {
        std::vector<std::string_view> strings;
        collectStrings(document, strings);
        placeholderPrefix_ = "loadstar-literal-";
        for (bool clash = true; clash;) {
            clash = false;
            for (const std::string_view text : strings) {
                if (text.find(placeholderPrefix_) != std::string_view::npos) {
                    placeholderPrefix_ += 'x';
                    clash = true;
                    break;
                }
            }
        }
    }

    std::string write(const Json& document) {
        emitter_.SetIndent(2);
        emit(document);
        return insertLiteralBlocks(emitter_.c_str()) + "\n";
    }

  private:
    void emitScalarText(const std::string& text, bool mayBeBlock) {
        if (mayBeBlock && fitsLiteralBlock(text)) {
            emitter_ << placeholder(literals_.size());
            literals_.push_back(text);
        } else if (!allPrintable(text)) {
            // yaml-cpp escapes control characters itself but writes other
            // non-ASCII as it is unless told to escape it.
            emitter_ << YAML::EscapeNonAscii << YAML::DoubleQuoted << text << YAML::EmitNonAscii;
        } else if (text.empty() || needsQuotes(text) || text.find('\n') != std::string::npos) {
            emitter_ << YAML::DoubleQuoted << text;
        } else {
            emitter_ << text;
        }
    }

    void emit(const Json& value) {
        switch (value.type()) {
            case Json::value_t::object:
                if (value.empty()) {
                    emitter_ << YAML::Flow << YAML::BeginMap << YAML::EndMap;
                    break;
                }
                emitter_ << YAML::BeginMap;
                for (const auto& [key, member] : value.items()) {
                    emitter_ << YAML::Key;
                    emitScalarText(key, false);
                    emitter_ << YAML::Value;
                    emit(member);
                }
                emitter_ << YAML::EndMap;
                break;
            case Json::value_t::array:
                if (value.empty()) {
                    emitter_ << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
                    break;
                }
                emitter_ << YAML::BeginSeq;
                for (const Json& element : value)
                    emit(element);
                emitter_ << YAML::EndSeq;
                break;
            case Json::value_t::string:
                emitScalarText(value.get_ref<const std::string&>(), true);
                break;
            case Json::value_t::boolean:
                emitter_ << YAML::TrueFalseBool << value.get<bool>();
                break;
            case Json::value_t::number_integer:
                emitter_ << value.get<std::int64_t>();
                break;
            case Json::value_t::number_unsigned:
                emitter_ << value.get<std::uint64_t>();
                break;
            case Json::value_t::number_float: {
                const double number = value.get<double>();
                // JSON has no infinities or NaN; nlohmann_json writes them as null.
                if (std::isfinite(number)) {
                    emitter_ << floatText(number);
                } else {
                    emitter_ << YAML::Null;
                }
                break;
            }
            case Json::value_t::null:
            case Json::value_t::binary:
            case Json::value_t::discarded:
                emitter_ << YAML::Null;
                break;
        }
    }

    std::string placeholder(std::size_t index) const {
        return placeholderPrefix_ + std::to_string(index) + "-end";
    }

    // A placeholder is the last thing on its line, after "key: " or "- ". The
    // block's lines are indented two columns past the innermost key or dash on
    // that line, which is deeper than YAML requires and never ambiguous.
    std::string insertLiteralBlocks(const std::string& yaml) const {
        if (literals_.empty()) return yaml;
        std::string result;
        result.reserve(yaml.size());
        std::istringstream lines(yaml);
        std::string line;
        std::size_t next = 0;
        bool firstLine = true;
        while (std::getline(lines, line)) {
            if (!firstLine) result += '\n';
            firstLine = false;
            const std::string token = next < literals_.size() ? placeholder(next) : std::string();
            if (token.empty() || line.size() < token.size() ||
                line.compare(line.size() - token.size(), token.size(), token) != 0) {
                result += line;
                continue;
            }
            std::size_t indent = line.find_first_not_of(' ');
            while (line.compare(indent, 2, "- ") == 0)
                indent += 2;
            indent += 2;
            result += line.substr(0, line.size() - token.size());
            result += literalBlock(literals_[next], indent);
            ++next;
        }
        return result;
    }

    static std::string literalBlock(const std::string& text, std::size_t indent) {
        std::size_t trailingBreaks = 0;
        while (trailingBreaks < text.size() && text[text.size() - 1 - trailingBreaks] == '\n')
            ++trailingBreaks;
        std::string block = trailingBreaks == 0 ? "|-" : trailingBreaks == 1 ? "|" : "|+";
        // The lines of the text; a final line break ends the last line rather
        // than starting an empty one.
        std::string_view rest(text);
        if (!rest.empty() && rest.back() == '\n') rest.remove_suffix(1);
        std::size_t start = 0;
        while (start <= rest.size()) {
            std::size_t end = rest.find('\n', start);
            if (end == std::string_view::npos) end = rest.size();
            block += '\n';
            if (end > start) {
                block.append(indent, ' ');
                block.append(rest.substr(start, end - start));
            }
            start = end + 1;
        }
        return block;
    }

    YAML::Emitter emitter_;
    std::string placeholderPrefix_;
    std::vector<std::string> literals_;
};

}  // namespace

std::string toYaml(const Json& document) {
    return Writer(document).write(document);
}

}  // namespace loadstar::openapi
