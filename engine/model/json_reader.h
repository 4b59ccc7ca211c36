#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "engine/model/duration.h"
#include "engine/model/json.h"

namespace loadstar::model {

// Thrown while reading a document; `pointer` is the JSON pointer of the offending value.
struct JsonReadError : std::runtime_error {
    JsonReadError(std::string pointerTo, const std::string& message)
        : std::runtime_error(message), pointer(std::move(pointerTo)) {}
    std::string pointer;
};

// A view of one JSON object in a document that knows where it is, so that every
// complaint names its place. Reading a key marks it as seen; finish() refuses keys
// that nobody read, so a typo in a project file is an error, not a silent default.
class JsonReader {
  public:
    JsonReader(const Json& value, std::string pointer);

    const std::string& pointer() const { return pointer_; }
    const Json& value() const { return value_; }
    std::string pointerTo(std::string_view key) const;
    bool has(std::string_view key) const;

    std::string string(std::string_view key) const;  // required
    std::string string(std::string_view key, std::string_view fallback) const;
    bool boolean(std::string_view key, bool fallback) const;
    std::int64_t integer(std::string_view key, std::int64_t fallback) const;
    std::int64_t integer(std::string_view key) const;  // required
    int smallInt(std::string_view key, int fallback, int min, int max) const;
    double number(std::string_view key, double fallback) const;
    std::optional<double> optionalNumber(std::string_view key) const;
    std::optional<std::int64_t> optionalCount(std::string_view key) const;  // integer >= 0
    Duration duration(std::string_view key, Duration fallback) const;
    std::optional<Json> any(std::string_view key) const;
    const Json& array(std::string_view key) const;  // required; must be an array
    const Json* optionalArray(std::string_view key) const;
    JsonReader object(std::string_view key) const;  // required
    std::optional<JsonReader> optionalObject(std::string_view key) const;

    // Refuses any key not read so far.
    void finish() const;

    static std::string escape(std::string_view key);  // JSON pointer escaping (~0, ~1)
    [[noreturn]] void fail(std::string_view key, const std::string& message) const;

  private:
    const Json& get(std::string_view key) const;
    void markSeen(std::string_view key) const;

    const Json& value_;
    std::string pointer_;
    mutable std::vector<std::string> seen_;
};

// Requires `value` to be an object; returns a reader for it.
JsonReader readObject(const Json& value, const std::string& pointer);

}  // namespace loadstar::model
