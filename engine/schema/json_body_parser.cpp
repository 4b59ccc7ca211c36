#include "engine/schema/json_body_parser.h"

#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/schema/utf8_text.h"

namespace loadstar::schema {

namespace {

std::size_t charOffset(std::string_view body, std::size_t byteOffset) {
    if (byteOffset > body.size()) byteOffset = body.size();
    std::size_t chars = 0;
    for (std::size_t i = 0; i < byteOffset; ++i) {
        if ((static_cast<unsigned char>(body[i]) & 0xC0) != 0x80) ++chars;
    }
    return chars;
}

// Byte offset of the first bracket that opens level maxDepth + 1. The SAX builder
// only knows that the limit was hit, not where, so this finds it afterwards.
std::size_t offsetBeyondDepth(std::string_view body, int maxDepth) {
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return body.size();
}

// Strips nlohmann's "[json.exception.parse_error.101] parse error at line 1,
// column 7: " so that the reason reads on its own. The rest quotes the bytes
// last read, which may be invalid UTF-8 and must not break the error's JSON.
std::string reasonOf(const std::string& what) {
    std::string_view reason = what;
    const std::size_t column = reason.find("column ");
    const std::size_t colon = column == std::string_view::npos ? column : reason.find(": ", column);
    if (colon != std::string_view::npos) {
        reason.remove_prefix(colon + 2);
    } else if (const std::size_t bracket = reason.find("] "); bracket != std::string_view::npos) {
        reason.remove_prefix(bracket + 2);
    }
    return toValidUtf8(reason);
}

class DomBuilder {
  public:
    using number_integer_t = Json::number_integer_t;
    using number_unsigned_t = Json::number_unsigned_t;
    using number_float_t = Json::number_float_t;
    using string_t = Json::string_t;
    using binary_t = Json::binary_t;

    explicit DomBuilder(int maxDepth) : maxDepth_(maxDepth) {}

    bool null() { return put(Json(nullptr)) != nullptr; }
    bool boolean(bool value) { return put(Json(value)) != nullptr; }
    bool number_integer(number_integer_t value) { return put(Json(value)) != nullptr; }
    bool number_unsigned(number_unsigned_t value) { return put(Json(value)) != nullptr; }
    bool number_float(number_float_t value, const string_t&) { return put(Json(value)) != nullptr; }
    bool string(string_t& value) { return put(Json(std::move(value))) != nullptr; }
    bool binary(binary_t&) { return false; }  // JSON text never produces binary values

    bool start_object(std::size_t) { return open(Json::object()); }
    bool key(string_t& name) {
        frames_.back().key = std::move(name);
        return true;
    }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(Json::array()); }
    bool end_array() { return close(); }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error) {
        errorPosition_ = position;
        errorText_ = reasonOf(error.what());
        return false;
    }

    bool depthExceeded() const { return depthExceeded_; }
    std::optional<std::size_t> errorPosition() const { return errorPosition_; }
    const std::string& errorText() const { return errorText_; }
    Json takeRoot() { return std::move(root_); }

  private:
    // Objects index their keys once they grow past a few entries, so that a body
    // with 100,000 keys is not quadratic (ordered_json's own insert is).
    static constexpr std::size_t kIndexThreshold = 16;

    struct Frame {
        Json* container;
        std::string key;
        std::unique_ptr<std::unordered_map<std::string, std::size_t>> index;
    };

    bool open(Json container) {
        if (static_cast<int>(frames_.size()) >= maxDepth_) {
            depthExceeded_ = true;
            return false;
        }
        Json* placed = put(std::move(container));
        frames_.push_back(Frame{placed, {}, nullptr});
        return true;
    }

    bool close() {
        frames_.pop_back();
        return true;
    }

    Json* put(Json value) {
        if (frames_.empty()) {
            root_ = std::move(value);
            return &root_;
        }
        Frame& frame = frames_.back();
        if (frame.container->is_array()) {
            auto& array = frame.container->get_ref<Json::array_t&>();
            array.push_back(std::move(value));
            return &array.back();
        }
        // The vector under ordered_map: appending there skips its linear key search.
        auto& object = static_cast<Json::object_t::Container&>(frame.container->get_ref<Json::object_t&>());
        if (auto existing = findKey(frame, object)) {
            object[*existing].second = std::move(value);
            return &object[*existing].second;
        }
        object.emplace_back(frame.key, std::move(value));
        if (frame.index) {
            frame.index->emplace(frame.key, object.size() - 1);
        } else if (object.size() > kIndexThreshold) {
            frame.index = std::make_unique<std::unordered_map<std::string, std::size_t>>();
            for (std::size_t i = 0; i < object.size(); ++i)
                frame.index->emplace(object[i].first, i);
        }
        return &object.back().second;
    }

    static std::optional<std::size_t> findKey(const Frame& frame, const Json::object_t::Container& object) {
        if (frame.index) {
            const auto found = frame.index->find(frame.key);
            if (found == frame.index->end()) return std::nullopt;
            return found->second;
        }
        for (std::size_t i = 0; i < object.size(); ++i) {
            if (object[i].first == frame.key) return i;
        }
        return std::nullopt;
    }

    int maxDepth_;
    Json root_;
    std::vector<Frame> frames_;
    bool depthExceeded_ = false;
    std::optional<std::size_t> errorPosition_;
    std::string errorText_;
};

}  // namespace

std::variant<Json, JsonBodyError> parseJsonBody(std::string_view body, int maxDepth) {
    DomBuilder builder(maxDepth);
    bool ok = false;
    try {
        ok = Json::sax_parse(body.begin(), body.end(), &builder);
    } catch (const std::exception& error) {
        // sax_parse reports through parse_error; anything thrown (allocation) still
        // must not escape validation.
        return JsonBodyError{0, toValidUtf8(error.what())};
    }
    if (ok) return builder.takeRoot();
    if (builder.depthExceeded()) {
        return JsonBodyError{charOffset(body, offsetBeyondDepth(body, maxDepth)),
                             "JSON nested deeper than the limit of " + std::to_string(maxDepth) + " levels"};
    }
    const std::size_t position = builder.errorPosition().value_or(1);
    return JsonBodyError{charOffset(body, position > 0 ? position - 1 : 0), builder.errorText()};
}

}  // namespace loadstar::schema
