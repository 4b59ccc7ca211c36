#include "engine/report/units.h"

#include <cmath>
#include <cstdio>

#include "engine/stats/units.h"

namespace loadstar::report {

namespace {

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

// Decimals enough to tell neighbouring ticks apart.
int decimalsFor(double step) {
    if (!(step > 0)) return 0;
    const double digits = -std::floor(std::log10(step) + 1e-9);
    return digits <= 0 ? 0 : static_cast<int>(std::min(digits, 6.0));
}

std::string withDecimals(double value, int decimals, const char* suffix) {
    return fixed(value, decimals) + suffix;
}

std::string clock(double seconds) {
    const long long s = std::llround(seconds);
    char buffer[32];
    if (s >= 3600 && s % 3600 == 0) {
        std::snprintf(buffer, sizeof buffer, "%lldh", s / 3600);
    } else if (s >= 3600) {
        std::snprintf(buffer, sizeof buffer, "%lldh%02lldm", s / 3600, s % 3600 / 60);
    } else if (s >= 60 && s % 60 == 0) {
        std::snprintf(buffer, sizeof buffer, "%lldm", s / 60);
    } else if (s >= 60) {
        std::snprintf(buffer, sizeof buffer, "%lldm%02llds", s / 60, s % 60);
    } else {
        std::snprintf(buffer, sizeof buffer, "%llds", s);
    }
    return buffer;
}

std::string nines(double x) {
    // x = -log10(1 - p): 0 -> 0%, 1 -> 90%, 2 -> 99%, 3 -> 99.9% ...
    if (x < 0.5) return "0%";
    const int n = static_cast<int>(std::lround(x));
    if (n == 1) return "90%";
    if (n == 2) return "99%";
    return "99." + std::string(static_cast<std::size_t>(n - 2), '9') + "%";
}

}  // namespace

std::string groupDigits(unsigned long long n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string formatValue(double value, Unit unit) {
    if (!std::isfinite(value)) return "–";
    switch (unit) {
        case Unit::Micros:
            return stats::formatLatency(value);
        case Unit::Seconds:
            if (value < 60) return fixed(value, 1) + "s";
            return clock(value);
        case Unit::Count:
            return groupDigits(static_cast<unsigned long long>(std::llround(std::max(0.0, value))));
        case Unit::PerSecond:
            if (value >= 100) return groupDigits(static_cast<unsigned long long>(std::llround(value))) + "/s";
            return fixed(value, 1) + "/s";
        case Unit::Percent:
            if (value != 0 && std::fabs(value) < 0.01) return fixed(value, 4) + "%";
            return fixed(value, 2) + "%";
        case Unit::Bytes:
            return stats::formatBytes(value);
        case Unit::Nines:
            return nines(value);
    }
    return fixed(value, 3);
}

std::string formatTick(double value, double step, Unit unit) {
    if (std::fabs(value) < step * 1e-6) value = 0;
    switch (unit) {
        case Unit::Micros:
            if (step >= 1e6 || (value >= 1e6 && std::fmod(step, 1e5) == 0))
                return withDecimals(value / 1e6, decimalsFor(step / 1e6), "s");
            if (step >= 1e3 || value >= 1e3) return withDecimals(value / 1e3, decimalsFor(step / 1e3), "ms");
            return withDecimals(value, decimalsFor(step), "us");
        case Unit::Seconds:
            return step >= 1 ? clock(value) : withDecimals(value, decimalsFor(step), "s");
        case Unit::Count:
            if (step >= 1e6) return withDecimals(value / 1e6, decimalsFor(step / 1e6), "M");
            if (step >= 1e3) return withDecimals(value / 1e3, decimalsFor(step / 1e3), "k");
            return withDecimals(value, decimalsFor(step), "");
        case Unit::PerSecond:
            if (step >= 1e3) return withDecimals(value / 1e3, decimalsFor(step / 1e3), "k/s");
            return withDecimals(value, decimalsFor(step), "/s");
        case Unit::Percent:
            return withDecimals(value, decimalsFor(step), "%");
        case Unit::Bytes: {
            constexpr double kMiB = 1024.0 * 1024;
            if (step >= 1024 * kMiB / 10)
                return withDecimals(value / (1024 * kMiB), decimalsFor(step / (1024 * kMiB)), " GiB");
            if (step >= kMiB / 10) return withDecimals(value / kMiB, decimalsFor(step / kMiB), " MiB");
            if (step >= 1024.0 / 10) return withDecimals(value / 1024, decimalsFor(step / 1024), " KiB");
            return withDecimals(value, 0, " B");
        }
        case Unit::Nines:
            return nines(value);
    }
    return withDecimals(value, decimalsFor(step), "");
}

std::string formatChange(double percent) {
    if (!std::isfinite(percent)) return "n/a";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%+.1f%%", percent);
    return buffer;
}

}  // namespace loadstar::report
