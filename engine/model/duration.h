#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace loadstar::model {

using Duration = std::chrono::microseconds;

// Parses "250us", "50ms", "1.5s", "2m", "1h" (a bare number means milliseconds).
// Returns nullopt for anything else, including negative values.
std::optional<Duration> parseDuration(std::string_view text);

// The shortest exact spelling: 50ms, 1.5s, 250us, 2m.
std::string formatDuration(Duration d);

}  // namespace loadstar::model
