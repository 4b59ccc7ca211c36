#include "engine/model/duration.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace loadstar::model {

std::optional<Duration> parseDuration(std::string_view text) {
    if (text.empty()) return std::nullopt;
    std::size_t unitStart = 0;
    while (unitStart < text.size() &&
           ((text[unitStart] >= '0' && text[unitStart] <= '9') || text[unitStart] == '.')) {
        ++unitStart;
    }
    const std::string_view number = text.substr(0, unitStart);
    const std::string_view unit = text.substr(unitStart);
    if (number.empty() || number.front() == '.' || number.back() == '.') return std::nullopt;
    double value = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec != std::errc{} || end != number.data() + number.size()) return std::nullopt;

    double microsPerUnit = 0;
    if (unit == "us" || unit == "µs") {
        microsPerUnit = 1;
    } else if (unit == "ms" || unit.empty()) {
        microsPerUnit = 1e3;
    } else if (unit == "s") {
        microsPerUnit = 1e6;
    } else if (unit == "m") {
        microsPerUnit = 60e6;
    } else if (unit == "h") {
        microsPerUnit = 3600e6;
    } else {
        return std::nullopt;
    }
    const double micros = std::round(value * microsPerUnit);
    // Ten years is more than any run or latency anyone means; beyond it is a typo.
    if (!std::isfinite(micros) || micros > 3.2e14) return std::nullopt;
    return Duration(static_cast<std::int64_t>(micros));
}

std::string formatDuration(Duration d) {
    const std::int64_t us = d.count();
    struct Unit {
        std::int64_t micros;
        const char* suffix;
    };
    // Largest unit that expresses the value exactly with at most three decimals.
    static constexpr Unit kUnits[] = {
        {3600'000'000, "h"}, {60'000'000, "m"}, {1'000'000, "s"}, {1'000, "ms"}};
    for (const Unit& unit : kUnits) {
        if (us != 0 && us % unit.micros == 0) return std::to_string(us / unit.micros) + unit.suffix;
        if (unit.micros >= 1'000'000 && us >= unit.micros && us % (unit.micros / 1000) == 0) {
            const std::int64_t whole = us / unit.micros;
            std::string fraction = std::to_string((us % unit.micros) / (unit.micros / 1000));
            fraction.insert(0, 3 - fraction.size(), '0');
            while (fraction.back() == '0')
                fraction.pop_back();
            return std::to_string(whole) + "." + fraction + unit.suffix;
        }
    }
    if (us == 0) return "0ms";
    if (us % 1000 != 0 && us > 1000 && us % 100 == 0) {
        return std::to_string(us / 1000) + "." + std::to_string((us % 1000) / 100) + "ms";
    }
    return std::to_string(us) + "us";
}

}  // namespace loadstar::model
