#pragma once

#include <array>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "engine/model/server_settings.h"

namespace loadstar::server {

// A token bucket per client address: `burst` tokens, refilled at `requestsPerSecond`.
// Thread-safe; the buckets are spread over shards so that connections on different
// threads rarely wait for the same lock. Only consulted when rate limiting is on.
class RateLimiter {
  public:
    using Clock = std::chrono::steady_clock;

    explicit RateLimiter(const model::RateLimit& settings);

    // nullopt when the request may go ahead; otherwise how long until a token is free.
    std::optional<std::chrono::milliseconds> acquire(std::string_view client, Clock::time_point now);

  private:
    struct Bucket {
        double tokens = 0;
        Clock::time_point updated;
    };
    struct Shard {
        std::mutex mutex;
        std::unordered_map<std::string, Bucket> buckets;
    };
    static constexpr std::size_t kShards = 16;
    // Beyond this many clients in a shard, buckets that have refilled are forgotten.
    static constexpr std::size_t kMaxBucketsPerShard = 4096;

    double rate_;
    double burst_;
    std::array<Shard, kShards> shards_;
};

}  // namespace loadstar::server
