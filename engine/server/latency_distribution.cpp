#include "engine/server/latency_distribution.h"

#include <algorithm>
#include <cmath>

namespace loadstar::server {

namespace {
constexpr double kZ99 = 2.3263478740408408;  // the standard normal's 0.99 quantile
}

LatencyDistribution::LatencyDistribution(const model::Latency& latency)
    : kind_(latency.kind), fixed_(latency.fixed) {
    if (kind_ == model::Latency::Kind::Fixed && fixed_.count() <= 0) kind_ = model::Latency::Kind::None;
    if (kind_ != model::Latency::Kind::Distribution) return;
    const double p50 = std::max<double>(1.0, static_cast<double>(latency.p50.count()));
    const double p99 = std::max<double>(p50, static_cast<double>(latency.p99.count()));
    mu_ = std::log(p50);
    sigma_ = (std::log(p99) - mu_) / kZ99;
}

model::Duration LatencyDistribution::sample(std::mt19937_64& random) const {
    switch (kind_) {
        case model::Latency::Kind::None:
            return model::Duration(0);
        case model::Latency::Kind::Fixed:
            return fixed_;
        case model::Latency::Kind::Distribution:
            break;
    }
    std::normal_distribution<double> normal(0.0, 1.0);
    const double micros = std::exp(mu_ + sigma_ * normal(random));
    // An hour caps the tail so that a wild sample cannot park a request forever.
    return model::Duration(static_cast<std::int64_t>(std::min(micros, 3.6e9)));
}

}  // namespace loadstar::server
