#include "engine/server/cpu_burner.h"

#include <chrono>

namespace loadstar::server {

std::uint64_t burnCpu(model::Duration duration) {
    const auto end = std::chrono::steady_clock::now() + duration;
    std::uint64_t state = std::uint64_t{0x9E3779B97F4A7C15};
    if (duration.count() <= 0) return state;
    do {
        // A few microseconds of work between clock reads keeps the overshoot small.
        for (int i = 0; i < 2048; ++i) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state = state * std::uint64_t{0x2545F4914F6CDD1D} + static_cast<std::uint64_t>(i);
        }
    } while (std::chrono::steady_clock::now() < end);
    return state;
}

}  // namespace loadstar::server
