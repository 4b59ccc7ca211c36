#pragma once

#include <cstddef>
#include <cstdint>
#include <random>

namespace loadstar::schema {

// The one source of randomness for samples. std::mt19937_64's output sequence is
// fixed by the standard, but the std::uniform_*_distribution mappings are not, so
// ranges are mapped here: the same seed gives the same samples on every platform.
class Random {
  public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}

    std::uint64_t next() { return engine_(); }
    // Uniform in [lo, hi], both included; lo when hi < lo.
    std::int64_t between(std::int64_t lo, std::int64_t hi);
    // Uniform in [0, size); 0 when size is 0.
    std::size_t index(std::size_t size);
    // True with probability numerator / denominator.
    bool chance(std::uint64_t numerator, std::uint64_t denominator);
    // Uniform in [0, 1) with 53 random bits.
    double unit();

  private:
    std::uint64_t below(std::uint64_t bound);  // uniform in [0, bound), bound > 0

    std::mt19937_64 engine_;
};

}  // namespace loadstar::schema
