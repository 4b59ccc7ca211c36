#pragma once

#include <random>

#include "engine/model/behaviour.h"

namespace loadstar::server {

// Draws simulated I/O waits: a fixed value, or a log-normal distribution through the
// given p50 and p99 (service latencies are right-skewed; a log-normal is the usual fit
// and is fully determined by two percentiles).
class LatencyDistribution {
  public:
    explicit LatencyDistribution(const model::Latency& latency);

    model::Duration sample(std::mt19937_64& random) const;
    bool isZero() const { return kind_ == model::Latency::Kind::None; }

  private:
    model::Latency::Kind kind_;
    model::Duration fixed_;
    double mu_ = 0;     // ln(p50 in µs)
    double sigma_ = 0;  // (ln p99 - ln p50) / z(0.99)
};

}  // namespace loadstar::server
