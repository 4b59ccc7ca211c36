#include "engine/schema/random.h"

#include <limits>

namespace loadstar::schema {

std::uint64_t Random::below(std::uint64_t bound) {
    // Reject the low values that would make the modulo uneven: 2^64 mod bound of them.
    const std::uint64_t threshold = (0 - bound) % bound;
    std::uint64_t x = next();
    while (x < threshold)
        x = next();
    return x % bound;
}

std::int64_t Random::between(std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    const std::uint64_t offset = span == std::numeric_limits<std::uint64_t>::max() ? next() : below(span + 1);
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + offset);
}

std::size_t Random::index(std::size_t size) {
    if (size == 0) return 0;
    return static_cast<std::size_t>(below(size));
}

bool Random::chance(std::uint64_t numerator, std::uint64_t denominator) {
    if (denominator == 0 || numerator >= denominator) return numerator > 0;
    return below(denominator) < numerator;
}

double Random::unit() {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

}  // namespace loadstar::schema
