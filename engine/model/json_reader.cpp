#include "engine/model/json_reader.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace loadstar::model {

namespace {
const char* jsonTypeName(const Json& value) {
    switch (value.type()) {
        case Json::value_t::null:
            return "null";
        case Json::value_t::boolean:
            return "a boolean";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float:
            return "a number";
        case Json::value_t::string:
            return "a string";
        case Json::value_t::array:
            return "an array";
        case Json::value_t::object:
            return "an object";
        default:
            return "an unsupported value";
    }
}
}  // namespace

JsonReader::JsonReader(const Json& value, std::string pointer)
    : value_(value), pointer_(std::move(pointer)) {}

JsonReader readObject(const Json& value, const std::string& pointer) {
    if (!value.is_object()) {
        throw JsonReadError(pointer.empty() ? "/" : pointer,
                            std::string("expected an object, found ") + jsonTypeName(value));
    }
    return JsonReader(value, pointer);
}

std::string JsonReader::escape(std::string_view key) {
    std::string out;
    for (const char c : key) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

std::string JsonReader::pointerTo(std::string_view key) const {
    return pointer_ + "/" + escape(key);
}

void JsonReader::fail(std::string_view key, const std::string& message) const {
    throw JsonReadError(pointerTo(key), message);
}

bool JsonReader::has(std::string_view key) const {
    return value_.find(std::string(key)) != value_.end();
}

void JsonReader::markSeen(std::string_view key) const {
    if (std::find(seen_.begin(), seen_.end(), key) == seen_.end()) seen_.emplace_back(key);
}

const Json& JsonReader::get(std::string_view key) const {
    markSeen(key);
    const auto it = value_.find(std::string(key));
    if (it == value_.end())
        throw JsonReadError(pointer_.empty() ? "/" : pointer_, "missing \"" + std::string(key) + "\"");
    return *it;
}

std::string JsonReader::string(std::string_view key) const {
    const Json& v = get(key);
    if (!v.is_string()) fail(key, std::string("expected a string, found ") + jsonTypeName(v));
    return v.get<std::string>();
}

std::string JsonReader::string(std::string_view key, std::string_view fallback) const {
    markSeen(key);
    return has(key) ? string(key) : std::string(fallback);
}

bool JsonReader::boolean(std::string_view key, bool fallback) const {
    markSeen(key);
    if (!has(key)) return fallback;
    const Json& v = get(key);
    if (!v.is_boolean()) fail(key, std::string("expected true or false, found ") + jsonTypeName(v));
    return v.get<bool>();
}

std::int64_t JsonReader::integer(std::string_view key) const {
    const Json& v = get(key);
    if (v.is_number_integer()) return v.get<std::int64_t>();
    if (v.is_number_unsigned()) fail(key, "number too large");
    fail(key, std::string("expected an integer, found ") + jsonTypeName(v));
}

std::int64_t JsonReader::integer(std::string_view key, std::int64_t fallback) const {
    markSeen(key);
    return has(key) ? integer(key) : fallback;
}

int JsonReader::smallInt(std::string_view key, int fallback, int min, int max) const {
    const std::int64_t v = integer(key, fallback);
    if (v < min || v > max) {
        fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
    return static_cast<int>(v);
}

double JsonReader::number(std::string_view key, double fallback) const {
    const std::optional<double> v = optionalNumber(key);
    return v ? *v : fallback;
}

std::optional<double> JsonReader::optionalNumber(std::string_view key) const {
    markSeen(key);
    if (!has(key)) return std::nullopt;
    const Json& v = get(key);
    if (!v.is_number()) fail(key, std::string("expected a number, found ") + jsonTypeName(v));
    const double d = v.get<double>();
    if (!std::isfinite(d)) fail(key, "expected a finite number");
    return d;
}

std::optional<std::int64_t> JsonReader::optionalCount(std::string_view key) const {
    markSeen(key);
    if (!has(key)) return std::nullopt;
    const std::int64_t v = integer(key);
    if (v < 0) fail(key, "must not be negative");
    return v;
}

Duration JsonReader::duration(std::string_view key, Duration fallback) const {
    markSeen(key);
    if (!has(key)) return fallback;
    const Json& v = get(key);
    if (!v.is_string()) fail(key, "expected a duration such as \"50ms\" or \"2s\"");
    const std::optional<Duration> d = parseDuration(v.get<std::string>());
    if (!d) fail(key, "\"" + v.get<std::string>() + "\" is not a duration (use e.g. 250us, 50ms, 1.5s, 2m)");
    return *d;
}

std::optional<Json> JsonReader::any(std::string_view key) const {
    markSeen(key);
    if (!has(key)) return std::nullopt;
    return get(key);
}

const Json& JsonReader::array(std::string_view key) const {
    const Json& v = get(key);
    if (!v.is_array()) fail(key, std::string("expected an array, found ") + jsonTypeName(v));
    return v;
}

const Json* JsonReader::optionalArray(std::string_view key) const {
    markSeen(key);
    return has(key) ? &array(key) : nullptr;
}

JsonReader JsonReader::object(std::string_view key) const {
    return readObject(get(key), pointerTo(key));
}

std::optional<JsonReader> JsonReader::optionalObject(std::string_view key) const {
    markSeen(key);
    if (!has(key)) return std::nullopt;
    return object(key);
}

void JsonReader::finish() const {
    for (auto it = value_.begin(); it != value_.end(); ++it) {
        if (std::find(seen_.begin(), seen_.end(), it.key()) == seen_.end()) {
            throw JsonReadError(pointerTo(it.key()), "unknown key \"" + it.key() + "\"");
        }
    }
}

}  // namespace loadstar::model
