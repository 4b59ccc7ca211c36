#pragma once

#include <array>
#include <cstdint>

#include "engine/stats/latency_histogram.h"

namespace loadstar::stats {

// Why a request did not end in the expected answer. Transport classes first, then
// status classes; a request is counted in exactly one class.
enum class ErrorClass : std::uint8_t {
    Connect,    // refused, unreachable, TLS handshake failed
    Timeout,    // no complete answer within the per-request timeout
    Read,       // reset or closed while reading the answer
    Write,      // reset or closed while sending the request
    Protocol,   // not an HTTP/1.x answer (garbage, bad framing)
    Status4xx,  // 4xx other than 422, not expected
    Status422,  // validation rejection, not expected
    Status5xx,
};
inline constexpr std::size_t kErrorClassCount = 8;
const char* toString(ErrorClass error);  // "connect", "timeout", "read", ... "status_5xx"

// One endpoint's (or the whole run's) measurements over some span: two latency
// histograms and counters. Mergeable and resettable, so the same type serves a
// thread's interval buffer, one tick, and the whole run.
struct RequestStats {
    LatencyHistogram latency;              // from the intended start (coordinated omission corrected)
    LatencyHistogram uncorrected;          // from when the request was actually written
    std::uint64_t responses = 0;           // complete HTTP answers, any status
    std::uint64_t expectedRejections = 0;  // 4xx answers to requests sent invalid on purpose
    std::array<std::uint64_t, kErrorClassCount> errors{};
    std::array<std::uint64_t, 600> statusCounts{};
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    std::uint64_t dropped = 0;  // open loop: sends that could not be made in time

    std::uint64_t errorCount() const;
    std::uint64_t requests() const { return responses + transportErrors(); }
    std::uint64_t transportErrors() const;

    // A complete answer. Latencies in microseconds.
    void recordResponse(int status, std::int64_t correctedUs, std::int64_t uncorrectedUs, bool expectInvalid);
    void recordError(ErrorClass error) { ++errors[static_cast<std::size_t>(error)]; }

    void merge(const RequestStats& other);
    void reset();
};

}  // namespace loadstar::stats
