#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "engine/model/json.h"
#include "engine/stats/request_stats.h"

namespace loadstar::stats {

// The usual percentiles of one histogram, in microseconds.
struct LatencySummary {
    std::uint64_t count = 0;
    std::int64_t min = 0;
    std::int64_t p50 = 0;
    std::int64_t p90 = 0;
    std::int64_t p95 = 0;
    std::int64_t p99 = 0;
    std::int64_t p999 = 0;
    std::int64_t max = 0;
    double mean = 0;
    double stddev = 0;

    static LatencySummary of(const LatencyHistogram& histogram);
    Json toJson() const;
    static std::optional<LatencySummary> fromJson(const Json& json);
};

// What one span (a tick, or the whole run) of one endpoint or of all amounts to.
struct Summary {
    double seconds = 0;
    std::uint64_t requests = 0;  // responses + transport errors
    std::uint64_t responses = 0;
    std::uint64_t errors = 0;  // transport errors + unexpected 4xx/5xx
    std::uint64_t expectedRejections = 0;
    std::uint64_t dropped = 0;
    double rps = 0;        // completed requests per second
    double errorRate = 0;  // errors / requests, 0..1
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    std::array<std::uint64_t, kErrorClassCount> errorsByClass{};
    LatencySummary latency;      // corrected
    LatencySummary uncorrected;  // from the actual send

    static Summary of(const RequestStats& stats, double seconds);
    Json toJson() const;
    static std::optional<Summary> fromJson(const Json& json);
};

}  // namespace loadstar::stats
