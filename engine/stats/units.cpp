#include "engine/stats/units.h"

#include <cmath>
#include <cstdio>

namespace loadstar::stats {

namespace {

const char* const kNotANumber = "–";

std::string fixed(double value, int decimals, const char* unit) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f%s", decimals, value, unit);
    return buffer;
}

}  // namespace

std::string formatLatency(double micros) {
    if (!std::isfinite(micros)) return kNotANumber;
    if (micros >= 1e6) return fixed(micros / 1e6, 2, "s");
    if (micros >= 1e3) return fixed(micros / 1e3, 2, "ms");
    return fixed(micros, 0, "us");
}

std::string formatBytes(double bytes) {
    if (!std::isfinite(bytes)) return kNotANumber;
    constexpr double kKiB = 1024.0;
    constexpr double kMiB = 1024.0 * kKiB;
    constexpr double kGiB = 1024.0 * kMiB;
    if (bytes >= kGiB) return fixed(bytes / kGiB, 2, " GiB");
    if (bytes >= kMiB) return fixed(bytes / kMiB, 1, " MiB");
    if (bytes >= kKiB) return fixed(bytes / kKiB, 1, " KiB");
    return fixed(bytes, 0, " B");
}

}  // namespace loadstar::stats
