#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/model/duration.h"

namespace loadstar::server {

// The server's counters, rendered as Prometheus text for /metrics. Recording is a
// few relaxed atomic increments into fixed arrays (no locks, no allocation), so it
// costs the hot path almost nothing; rendering reads whatever the counters hold.
class Metrics {
  public:
    struct RouteLabel {
        std::string method;  // "GET", or "" for requests that matched no route
        std::string route;   // the path template, a built-in path, or "unmatched"
    };
    // Upper bounds of the latency buckets, in microseconds (+Inf is implicit).
    static constexpr std::array<std::int64_t, 14> kBucketBounds{
        500,     1'000,   2'500,   5'000,     10'000,    25'000,    50'000,
        100'000, 250'000, 500'000, 1'000'000, 2'500'000, 5'000'000, 10'000'000};

    explicit Metrics(std::vector<RouteLabel> routes);

    // `route` indexes the labels given at construction; out-of-range statuses count as 599.
    void recordRequest(std::size_t route, int status, model::Duration latency);
    void requestStarted() { inFlight_.fetch_add(1, std::memory_order_relaxed); }
    void requestFinished() { inFlight_.fetch_sub(1, std::memory_order_relaxed); }
    void queueDepthChanged(std::int64_t delta) { queueDepth_.fetch_add(delta, std::memory_order_relaxed); }
    void connectionOpened();
    void connectionClosed() { connectionsOpen_.fetch_sub(1, std::memory_order_relaxed); }
    void connectionRejected() { connectionsRejected_.fetch_add(1, std::memory_order_relaxed); }

    std::uint64_t requests(std::size_t route, int status) const;
    std::int64_t inFlight() const { return inFlight_.load(std::memory_order_relaxed); }
    std::int64_t queueDepth() const { return queueDepth_.load(std::memory_order_relaxed); }
    std::int64_t connectionsOpen() const { return connectionsOpen_.load(std::memory_order_relaxed); }
    std::uint64_t connectionsRejected() const { return connectionsRejected_.load(std::memory_order_relaxed); }

    // Prometheus text exposition format 0.0.4.
    std::string render() const;

  private:
    static constexpr int kFirstStatus = 100;
    static constexpr std::size_t kStatuses = 500;  // 100..599
    struct RouteCounters {
        std::array<std::atomic<std::uint64_t>, kStatuses> byStatus{};
        std::array<std::atomic<std::uint64_t>, kBucketBounds.size() + 1> buckets{};
        std::atomic<std::uint64_t> latencySumMicros{0};
    };

    std::vector<RouteLabel> labels_;
    std::unique_ptr<RouteCounters[]> counters_;
    std::atomic<std::int64_t> inFlight_{0};
    std::atomic<std::int64_t> queueDepth_{0};
    std::atomic<std::int64_t> connectionsOpen_{0};
    std::atomic<std::uint64_t> connectionsTotal_{0};
    std::atomic<std::uint64_t> connectionsRejected_{0};
};

}  // namespace loadstar::server
