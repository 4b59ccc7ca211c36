#include "engine/server/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace loadstar::server {

RateLimiter::RateLimiter(const model::RateLimit& settings)
    : rate_(std::max(settings.requestsPerSecond, 1e-6)), burst_(std::max(1, settings.burst)) {}

std::optional<std::chrono::milliseconds> RateLimiter::acquire(std::string_view client,
                                                              Clock::time_point now) {
    Shard& shard = shards_[std::hash<std::string_view>{}(client) % kShards];
    const std::lock_guard lock(shard.mutex);
    auto it = shard.buckets.find(std::string(client));
    if (it == shard.buckets.end()) {
        if (shard.buckets.size() >= kMaxBucketsPerShard) {
            std::erase_if(shard.buckets, [&](const auto& entry) {
                const double elapsed = std::chrono::duration<double>(now - entry.second.updated).count();
                return entry.second.tokens + elapsed * rate_ >= burst_;
            });
        }
        it = shard.buckets.emplace(std::string(client), Bucket{burst_, now}).first;
    }
    Bucket& bucket = it->second;
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    if (elapsed > 0) {
        bucket.tokens = std::min(burst_, bucket.tokens + elapsed * rate_);
        bucket.updated = now;
    }
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return std::nullopt;
    }
    const double wait = (1.0 - bucket.tokens) / rate_;
    return std::chrono::milliseconds(static_cast<std::int64_t>(std::ceil(wait * 1000.0)));
}

}  // namespace loadstar::server
