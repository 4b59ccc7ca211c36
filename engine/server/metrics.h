#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/model/duration.h"

namespace loadstar::server {

// The server's counters, rendered as Prometheus text for /metrics. Each thread that
// records gets a shard of its own, so that recording is a few plain increments of
// counters no other thread writes (no lock, no allocation, no cache line shared
// between loop threads); rendering and the gauges sum the shards. Counters are
// written and read through std::atomic_ref, so a reader never sees a torn value.
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
    ~Metrics();
    Metrics(const Metrics&) = delete;
    Metrics& operator=(const Metrics&) = delete;

    // `route` indexes the labels given at construction; out-of-range statuses count as 599.
    void recordRequest(std::size_t route, int status, model::Duration latency);
    void requestStarted();
    void requestFinished();
    void queueDepthChanged(std::int64_t delta);
    void connectionOpened();
    void connectionClosed();
    void connectionRejected();

    std::uint64_t requests(std::size_t route, int status) const;
    std::int64_t inFlight() const;
    std::int64_t queueDepth() const;
    std::int64_t connectionsOpen() const;
    std::uint64_t connectionsRejected() const;

    // Prometheus text exposition format 0.0.4.
    std::string render() const;

  private:
    static constexpr int kFirstStatus = 100;
    static constexpr std::size_t kStatuses = 500;  // 100..599
    struct Shard;

    Shard& local();  // the calling thread's shard, made on its first use
    template <typename F>
    std::int64_t sum(F&& counter) const;

    std::vector<RouteLabel> labels_;
    const std::uint64_t id_;  // tells this instance from an earlier one at the same address
    mutable std::mutex shardsMutex_;
    std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace loadstar::server
