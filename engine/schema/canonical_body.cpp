#include "engine/schema/canonical_body.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <vector>

#include "engine/schema/utf8_text.h"
#include "engine/schema/value_validator.h"

namespace loadstar::schema {

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// Well-formed UTF-8 without control characters: what nlohmann's dump writes back
// unchanged (it escapes only controls, '"' and '\', which decline before this).
bool isPlainText(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x20 &&
           static_cast<unsigned char>(text[i]) < 0x80) {
        ++i;  // printable ASCII, the common case
    }
    const std::string_view rest = text.substr(i);
    for (const char c : rest) {
        if (static_cast<unsigned char>(c) < 0x20) return false;
    }
    return isValidUtf8(rest);
}

class CanonicalScanner {
  public:
    CanonicalScanner(std::string_view text, int maxDepth, std::string& out)
        : body_(text), maxDepth_(maxDepth), out_(out), validator_(errors_), loc_(Json::array()) {}

    bool document(const CompiledType& type) {
        if (!value(type, 0)) return false;
        skipSpace();
        return pos_ == body_.size();
    }

  private:
    bool value(const CompiledType& type, int depth) {
        skipSpace();
        if (pos_ >= body_.size()) return false;
        switch (body_[pos_]) {
            case '{':
                return object(type, depth + 1);
            case '[':
                return array(type, depth + 1);
            case '"': {
                std::string_view raw;
                if (!string(raw)) return false;
                // One string value reused for every leaf: its buffer stops growing early.
                text_.get_ref<std::string&>().assign(raw);
                return leaf(type, text_, raw, true);
            }
            case 't':
                return literal("true") && leaf(type, Json(true), "true", false);
            case 'f':
                return literal("false") && leaf(type, Json(false), "false", false);
            case 'n':
                return literal("null") && leaf(type, Json(nullptr), "null", false);
            default:
                return number(type);
        }
    }

    bool object(const CompiledType& type, int depth) {
        if (depth > maxDepth_ || type.kind != model::TypeKind::Object || type.model == nullptr) return false;
        ++pos_;
        out_ += '{';
        bool first = true;
        for (const CompiledField& field : type.model->fields) {
            skipSpace();
            if (!first) {
                if (!consume(',')) return false;
                out_ += ',';
                skipSpace();
            }
            first = false;
            std::string_view key;
            if (!string(key) || key != field.field->name) return false;
            skipSpace();
            if (!consume(':')) return false;
            out_ += '"';
            out_ += key;
            out_ += "\":";
            skipSpace();
            if (field.acceptsNull && body_.substr(pos_, 4) == "null") {
                pos_ += 4;
                out_ += "null";
                continue;
            }
            if (!value(*field.type, depth)) return false;
        }
        skipSpace();
        if (!consume('}')) return false;
        out_ += '}';
        return true;
    }

    bool array(const CompiledType& type, int depth) {
        if (depth > maxDepth_ || type.kind != model::TypeKind::Array || type.items == nullptr) return false;
        ++pos_;
        out_ += '[';
        std::int64_t count = 0;
        skipSpace();
        if (!consume(']')) {
            while (true) {
                if (!value(*type.items, depth)) return false;
                ++count;
                skipSpace();
                if (consume(']')) break;
                if (!consume(',')) return false;
                out_ += ',';
            }
        }
        out_ += ']';
        const model::Constraints& c = *type.constraints;
        return !(c.maxItems && count > *c.maxItems) && !(c.minItems && count < *c.minItems);
    }

    // JSON's number grammar; only forms that nlohmann writes back the same way pass.
    bool number(const CompiledType& type) {
        const std::size_t start = pos_;
        if (pos_ < body_.size() && body_[pos_] == '-') ++pos_;
        if (pos_ >= body_.size() || !isDigit(body_[pos_])) return false;
        if (body_[pos_] == '0') {
            ++pos_;
        } else {
            while (pos_ < body_.size() && isDigit(body_[pos_]))
                ++pos_;
        }
        bool integral = true;
        if (pos_ < body_.size() && body_[pos_] == '.') {
            integral = false;
            ++pos_;
            if (pos_ >= body_.size() || !isDigit(body_[pos_])) return false;
            while (pos_ < body_.size() && isDigit(body_[pos_]))
                ++pos_;
        }
        if (pos_ < body_.size() && (body_[pos_] == 'e' || body_[pos_] == 'E')) {
            integral = false;
            ++pos_;
            if (pos_ < body_.size() && (body_[pos_] == '+' || body_[pos_] == '-')) ++pos_;
            if (pos_ >= body_.size() || !isDigit(body_[pos_])) return false;
            while (pos_ < body_.size() && isDigit(body_[pos_]))
                ++pos_;
        }
        const std::string_view raw = body_.substr(start, pos_ - start);
        const char* first = raw.data();
        const char* last = raw.data() + raw.size();
        if (integral) {
            if (raw == "-0") return false;  // parsed as the integer 0, written back as "0"
            // nlohmann keeps non-negative integers unsigned and negative ones signed.
            if (raw.front() == '-') {
                std::int64_t parsed = 0;
                if (std::from_chars(first, last, parsed).ec != std::errc{}) return false;
                return leaf(type, Json(parsed), raw, false);
            }
            std::uint64_t parsed = 0;
            if (std::from_chars(first, last, parsed).ec != std::errc{}) return false;
            return leaf(type, Json(parsed), raw, false);
        }
        double parsed = 0;
        if (std::from_chars(first, last, parsed).ec != std::errc{} || !std::isfinite(parsed)) return false;
        // "0.870", "1E2": valid, but not written back as given. The text nlohmann's dump()
        // writes for a finite double, without building a serializer for each number.
        std::array<char, 64> written{};
        const char* end = nlohmann::detail::to_chars(written.data(), written.data() + written.size(), parsed);
        if (std::string_view(written.data(), static_cast<std::size_t>(end - written.data())) != raw)
            return false;
        return leaf(type, Json(parsed), raw, false);
    }

    // The scalar through the real validator: accepted, and coerced to exactly itself.
    bool leaf(const CompiledType& type, const Json& input, std::string_view raw, bool quoted) {
        errors_.clear();
        const Json result = validator_.validate(type, input, loc_);
        if (!errors_.empty() || result.type() != input.type() || result != input) return false;
        if (quoted) out_ += '"';
        out_ += raw;
        if (quoted) out_ += '"';
        return true;
    }

    // A string without escapes; `raw` is its content.
    bool string(std::string_view& raw) {
        if (!consume('"')) return false;
        const std::size_t end = body_.find('"', pos_);
        if (end == std::string_view::npos) return false;
        raw = body_.substr(pos_, end - pos_);
        if (raw.find('\\') != std::string_view::npos) return false;
        pos_ = end + 1;
        return isPlainText(raw);
    }

    bool literal(std::string_view word) {
        if (body_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }

    bool consume(char c) {
        if (pos_ >= body_.size() || body_[pos_] != c) return false;
        ++pos_;
        return true;
    }

    void skipSpace() {
        while (pos_ < body_.size() &&
               (body_[pos_] == ' ' || body_[pos_] == '\t' || body_[pos_] == '\n' || body_[pos_] == '\r')) {
            ++pos_;
        }
    }

    std::string_view body_;
    Json text_ = Json(std::string());
    std::size_t pos_ = 0;
    int maxDepth_;
    std::string& out_;
    std::vector<ValidationError> errors_;
    ValueValidator validator_;
    ErrorLocation loc_;
};

}  // namespace

std::optional<std::string> canonicalBody(const CompiledType& type, std::string_view body, int maxDepth) {
    std::string out;
    out.reserve(body.size());
    CanonicalScanner scanner(body, maxDepth, out);
    if (!scanner.document(type)) return std::nullopt;
    return out;
}

}  // namespace loadstar::schema
