#include "engine/server/rate_limiter.h"

#include <gtest/gtest.h>

namespace loadstar::server {
namespace {

using std::chrono::milliseconds;

TEST(RateLimiter, AllowsABurstThenRefillsAtTheRate) {
    RateLimiter limiter(model::RateLimit{true, 10, 3});
    const auto start = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
    EXPECT_EQ(limiter.acquire("a", start), std::nullopt);
    EXPECT_EQ(limiter.acquire("a", start), std::nullopt);
    EXPECT_EQ(limiter.acquire("a", start), std::nullopt);
    EXPECT_EQ(limiter.acquire("a", start), milliseconds(100));
    EXPECT_EQ(limiter.acquire("a", start + milliseconds(50)), milliseconds(50));
    EXPECT_EQ(limiter.acquire("a", start + milliseconds(100)), std::nullopt);
    EXPECT_EQ(limiter.acquire("a", start + milliseconds(100)), milliseconds(100));
}

TEST(RateLimiter, KeepsOneBucketPerClient) {
    RateLimiter limiter(model::RateLimit{true, 1, 1});
    const auto now = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
    EXPECT_EQ(limiter.acquire("10.0.0.1", now), std::nullopt);
    EXPECT_NE(limiter.acquire("10.0.0.1", now), std::nullopt);
    EXPECT_EQ(limiter.acquire("10.0.0.2", now), std::nullopt);
}

TEST(RateLimiter, ForgetsRefilledBucketsWhenManyClientsCame) {
    RateLimiter limiter(model::RateLimit{true, 1000, 1});
    auto now = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
    for (int i = 0; i < 100000; ++i)
        EXPECT_EQ(limiter.acquire(std::to_string(i), now), std::nullopt);
    now += std::chrono::seconds(1);
    EXPECT_EQ(limiter.acquire("0", now), std::nullopt);
}

}  // namespace
}  // namespace loadstar::server
