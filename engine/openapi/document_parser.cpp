#include "engine/openapi/document_parser.h"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <map>
#include <sstream>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "engine/schema/utf8_text.h"

namespace loadstar::openapi {

namespace {

// ------------------------------------------------------------------ JSON

// nlohmann's DOM builder behind a depth check: the parser itself is iterative,
// but everything that walks the result afterwards recurses.
class DepthLimitedJsonBuilder {
  public:
    DepthLimitedJsonBuilder(Json& root, std::size_t maxDepth) : dom_(root, false), maxDepth_(maxDepth) {}

    bool null() { return dom_.null(); }
    bool boolean(bool value) { return dom_.boolean(value); }
    bool number_integer(Json::number_integer_t value) { return dom_.number_integer(value); }
    bool number_unsigned(Json::number_unsigned_t value) { return dom_.number_unsigned(value); }
    bool number_float(Json::number_float_t value, const Json::string_t& text) {
        return dom_.number_float(value, text);
    }
    bool string(Json::string_t& value) { return dom_.string(value); }
    bool binary(Json::binary_t& value) { return dom_.binary(value); }
    bool key(Json::string_t& value) { return dom_.key(value); }
    bool start_object(std::size_t size) { return enter() && dom_.start_object(size); }
    bool end_object() {
        --depth_;
        return dom_.end_object();
    }
    bool start_array(std::size_t size) { return enter() && dom_.start_array(size); }
    bool end_array() {
        --depth_;
        return dom_.end_array();
    }
    bool parse_error(std::size_t position, const std::string& /*lastToken*/,
                     const nlohmann::detail::exception& e) {
        errorByte_ = position;
        error_ = e.what();
        return false;
    }

    bool tooDeep() const { return tooDeep_; }
    std::size_t errorByte() const { return errorByte_; }
    const std::string& error() const { return error_; }

  private:
    bool enter() {
        if (++depth_ > maxDepth_) {
            tooDeep_ = true;
            return false;
        }
        return true;
    }

    nlohmann::detail::json_sax_dom_parser<Json> dom_;
    std::size_t maxDepth_;
    std::size_t depth_ = 0;
    bool tooDeep_ = false;
    std::size_t errorByte_ = 0;
    std::string error_;
};

std::variant<Json, SyntaxError> parseJson(std::string_view text, const ParseLimits& limits) {
    Json root;
    DepthLimitedJsonBuilder builder(root, limits.maxDepth);
    const bool ok = Json::sax_parse(text.begin(), text.end(), &builder);
    if (ok) return root;
    if (builder.tooDeep()) {
        return SyntaxError{
            0, 0, "objects and arrays nest deeper than " + std::to_string(limits.maxDepth) + " levels"};
    }
    // nlohmann's text is "[json.exception.parse_error.101] parse error at line 1, column 2: <reason>".
    std::string reason = builder.error();
    if (const std::size_t colon = reason.find(": "); colon != std::string::npos)
        reason = reason.substr(colon + 2);
    const bool truncated = builder.errorByte() >= text.size();
    const std::size_t at = builder.errorByte() == 0 ? 0 : builder.errorByte() - 1;
    return syntaxErrorAt(text, at,
                         truncated ? "the document ends too early (truncated?): " + reason : reason);
}

// ------------------------------------------------------------------ YAML

bool allDigits(std::string_view text, int base) {
    if (text.empty()) return false;
    for (const char c : text) {
        const bool ok = base == 8 ? (c >= '0' && c <= '7')
                        : base == 16
                            ? ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
                            : (c >= '0' && c <= '9');
        if (!ok) return false;
    }
    return true;
}

// [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool isCoreFloat(std::string_view text) {
    std::size_t i = 0;
    const auto digits = [&] {
        const std::size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9')
            ++i;
        return i - start;
    };
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    std::size_t mantissa = digits();
    if (i < text.size() && text[i] == '.') {
        ++i;
        mantissa += digits();
    }
    if (mantissa == 0) return false;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
        if (digits() == 0) return false;
    }
    return i == text.size();
}

Json integerOrFloat(std::string_view digits, bool negative, int base) {
    std::uint64_t value = 0;
    bool overflow = false;
    for (const char c : digits) {
        const unsigned digit = c <= '9' ? unsigned(c - '0') : unsigned((c | 0x20) - 'a' + 10);
        if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / unsigned(base)) {
            overflow = true;
            break;
        }
        value = value * unsigned(base) + digit;
    }
    if (!overflow) {
        if (!negative) {
            if (value <= std::uint64_t(std::numeric_limits<std::int64_t>::max())) return std::int64_t(value);
            return value;
        }
        if (value <= std::uint64_t(std::numeric_limits<std::int64_t>::max()) + 1) {
            return value == std::uint64_t(std::numeric_limits<std::int64_t>::max()) + 1
                       ? std::numeric_limits<std::int64_t>::min()
                       : -std::int64_t(value);
        }
    }
    // Past 64 bits a number is kept as a float, as JSON readers do.
    double approx = 0;
    for (const char c : digits) {
        const unsigned digit = c <= '9' ? unsigned(c - '0') : unsigned((c | 0x20) - 'a' + 10);
        approx = approx * base + digit;
    }
    return negative ? -approx : approx;
}

// A plain scalar under YAML 1.2's core schema.
Json resolvePlain(const std::string& text) {
    if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return nullptr;
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
    std::string_view body(text);
    const bool negative = body.front() == '-';
    const bool signed_ = negative || body.front() == '+';
    if (signed_) body.remove_prefix(1);
    if (allDigits(body, 10)) return integerOrFloat(body, negative, 10);
    if (!signed_ && body.size() > 2 && body[0] == '0' && body[1] == 'o' && allDigits(body.substr(2), 8))
        return integerOrFloat(body.substr(2), false, 8);
    if (!signed_ && body.size() > 2 && body[0] == '0' && body[1] == 'x' && allDigits(body.substr(2), 16))
        return integerOrFloat(body.substr(2), false, 16);
    if (isCoreFloat(text)) {
        errno = 0;
        const double value = std::strtod(text.c_str(), nullptr);
        if (std::isfinite(value)) return value;
    }
    // .inf and .nan have no JSON spelling; they stay text.
    return text;
}

Json resolveTagged(const std::string& tag, const std::string& value) {
    constexpr std::string_view kCore = "tag:yaml.org,2002:";
    if (tag == "?") return resolvePlain(value);
    if (tag.starts_with(kCore)) {
        const std::string_view kind = std::string_view(tag).substr(kCore.size());
        if (kind == "null" || kind == "bool" || kind == "int" || kind == "float") {
            Json resolved = resolvePlain(value);
            if (!resolved.is_string()) return resolved;
        }
    }
    return value;
}

struct YamlAbort {
    YAML::Mark mark;
    std::string message;
};

// Builds JSON from yaml-cpp's events, so that no node tree is held beside the
// result (yaml-cpp's nodes take many times the text's size).
class YamlJsonBuilder : public YAML::EventHandler {
  public:
    explicit YamlJsonBuilder(const ParseLimits& limits) : limits_(limits) {}

    Json takeRoot() { return std::move(root_); }
    bool done() const { return done_; }

    void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
    void OnDocumentEnd() override { done_ = true; }

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (expectingKey()) return setKey("null", mark);
        remember(anchor, Json(nullptr), 1);
        place(Json(nullptr), mark);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        const auto it = anchors_.find(anchor);
        if (it == anchors_.end()) throw YamlAbort{mark, "unknown alias"};
        aliasValues_ += it->second.values;
        if (aliasValues_ > limits_.maxAliasValues) {
            throw YamlAbort{mark, "aliases expand to more than " + std::to_string(limits_.maxAliasValues) +
                                      " values (refused, as a \"billion laughs\" document would be)"};
        }
        if (expectingKey()) {
            if (!it->second.value.is_string())
                throw YamlAbort{mark, "only text can be a key in this document"};
            return setKey(it->second.value.get<std::string>(), mark);
        }
        place(Json(it->second.value), mark, it->second.values);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        if (!schema::isValidUtf8(value)) throw YamlAbort{mark, "invalid UTF-8 in the text"};
        if (expectingKey()) {
            if (tag == "?" && value == "<<") return startMerge();
            return setKey(value, mark);
        }
        Json resolved = resolveTagged(tag, value);
        remember(anchor, resolved, 1);
        place(std::move(resolved), mark);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value /*style*/) override {
        open(mark, anchor, Json::array());
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value /*style*/) override {
        open(mark, anchor, Json::object());
    }
    void OnMapEnd() override { close(); }

  private:
    struct Frame {
        Json value;
        YAML::anchor_t anchor = 0;
        std::size_t values = 1;  // this value and everything inside it
        std::optional<std::string> key;
        bool merging = false;  // the pending key is "<<"
        YAML::Mark mark;
    };
    struct Anchored {
        Json value;
        std::size_t values = 1;
    };

    bool expectingKey() const {
        return !stack_.empty() && stack_.back().value.is_object() && !stack_.back().key &&
               !stack_.back().merging;
    }

    void setKey(const std::string& key, const YAML::Mark& mark) {
        if (!schema::isValidUtf8(key)) throw YamlAbort{mark, "invalid UTF-8 in a key"};
        stack_.back().key = key;
    }

    void startMerge() { stack_.back().merging = true; }

    void open(const YAML::Mark& mark, YAML::anchor_t anchor, Json value) {
        if (expectingKey()) throw YamlAbort{mark, "a key must be text, not a list or a map"};
        if (stack_.size() >= limits_.maxDepth) {
            throw YamlAbort{
                mark, "lists and maps nest deeper than " + std::to_string(limits_.maxDepth) + " levels"};
        }
        stack_.push_back(Frame{std::move(value), anchor, 1, std::nullopt, false, mark});
    }

    void close() {
        Frame frame = std::move(stack_.back());
        stack_.pop_back();
        remember(frame.anchor, frame.value, frame.values);
        place(std::move(frame.value), frame.mark, frame.values);
    }

    void remember(YAML::anchor_t anchor, const Json& value, std::size_t values) {
        if (anchor != 0) anchors_[anchor] = Anchored{value, values};
    }

    // Merge keys: the merged map's entries that the map does not give itself.
    static void merge(Json& into, const Json& from, const YAML::Mark& mark) {
        if (from.is_object()) {
            for (const auto& [key, value] : from.items()) {
                if (!into.contains(key)) into[key] = value;
            }
            return;
        }
        if (from.is_array()) {
            for (const Json& each : from) {
                if (!each.is_object())
                    throw YamlAbort{mark, "a merge key (<<) takes a map or a list of maps"};
                merge(into, each, mark);
            }
            return;
        }
        throw YamlAbort{mark, "a merge key (<<) takes a map or a list of maps"};
    }

    void place(Json value, const YAML::Mark& mark, std::size_t values = 1) {
        if (stack_.empty()) {
            if (done_ || rootSet_) throw YamlAbort{mark, "more than one YAML document in the file"};
            root_ = std::move(value);
            rootSet_ = true;
            return;
        }
        Frame& top = stack_.back();
        top.values += values;
        if (top.value.is_array()) {
            top.value.push_back(std::move(value));
        } else if (top.merging) {
            merge(top.value, value, mark);
            top.merging = false;
        } else {
            top.value[*top.key] = std::move(value);
            top.key.reset();
        }
    }

    const ParseLimits& limits_;
    std::vector<Frame> stack_;
    std::map<YAML::anchor_t, Anchored> anchors_;
    std::size_t aliasValues_ = 0;
    Json root_;
    bool rootSet_ = false;
    bool done_ = false;
};

std::variant<Json, SyntaxError> parseYaml(std::string_view text, const ParseLimits& limits) {
    std::istringstream stream{std::string(text)};
    YamlJsonBuilder builder(limits);
    try {
        YAML::Parser parser(stream);
        if (!parser.HandleNextDocument(builder)) return SyntaxError{1, 1, "the document is empty"};
        if (parser.HandleNextDocument(builder)) {
            return SyntaxError{0, 0, "more than one YAML document in the file (separated by ---)"};
        }
    } catch (const YamlAbort& abort) {
        return SyntaxError{std::size_t(abort.mark.line + 1), std::size_t(abort.mark.column + 1),
                           abort.message};
    } catch (const YAML::Exception& e) {
        if (e.mark.is_null()) return SyntaxError{0, 0, e.msg};
        return SyntaxError{std::size_t(e.mark.line + 1), std::size_t(e.mark.column + 1), e.msg};
    }
    return builder.takeRoot();
}

}  // namespace

std::string SyntaxError::where() const {
    if (line == 0) return "";
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

SyntaxError syntaxErrorAt(std::string_view text, std::size_t byteOffset, std::string message) {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < byteOffset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;  // count characters, not UTF-8 continuation bytes
        }
    }
    return SyntaxError{line, column, std::move(message)};
}

std::variant<Json, SyntaxError> parseDocumentText(std::string_view text, const ParseLimits& limits) {
    std::string_view body = text;
    if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
    const std::size_t first = body.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return SyntaxError{1, 1, "the document is empty"};
    if (body[first] == '{' || body[first] == '[') return parseJson(text, limits);
    return parseYaml(text, limits);
}

}  // namespace loadstar::openapi
