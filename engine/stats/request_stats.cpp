#include "engine/stats/request_stats.h"

namespace loadstar::stats {

const char* toString(ErrorClass error) {
    switch (error) {
        case ErrorClass::Connect:
            return "connect";
        case ErrorClass::Timeout:
            return "timeout";
        case ErrorClass::Read:
            return "read";
        case ErrorClass::Write:
            return "write";
        case ErrorClass::Protocol:
            return "protocol";
        case ErrorClass::Status4xx:
            return "status_4xx";
        case ErrorClass::Status422:
            return "status_422";
        case ErrorClass::Status5xx:
            return "status_5xx";
    }
    return "unknown";
}

std::uint64_t RequestStats::errorCount() const {
    std::uint64_t n = 0;
    for (const std::uint64_t e : errors)
        n += e;
    return n;
}

std::uint64_t RequestStats::transportErrors() const {
    std::uint64_t n = 0;
    for (std::size_t i = 0; i <= static_cast<std::size_t>(ErrorClass::Protocol); ++i)
        n += errors[i];
    return n;
}

void RequestStats::recordResponse(int status, std::int64_t correctedUs, std::int64_t uncorrectedUs,
                                  bool expectInvalid) {
    ++responses;
    latency.record(correctedUs);
    uncorrected.record(uncorrectedUs);
    if (status >= 100 && status < 600) ++statusCounts[static_cast<std::size_t>(status)];
    if (status >= 400 && status < 500 && expectInvalid) {
        ++expectedRejections;
    } else if (status == 422) {
        recordError(ErrorClass::Status422);
    } else if (status >= 400 && status < 500) {
        recordError(ErrorClass::Status4xx);
    } else if (status >= 500) {
        recordError(ErrorClass::Status5xx);
    }
}

void RequestStats::merge(const RequestStats& other) {
    latency.merge(other.latency);
    uncorrected.merge(other.uncorrected);
    responses += other.responses;
    expectedRejections += other.expectedRejections;
    for (std::size_t i = 0; i < errors.size(); ++i)
        errors[i] += other.errors[i];
    for (std::size_t i = 0; i < statusCounts.size(); ++i)
        statusCounts[i] += other.statusCounts[i];
    bytesIn += other.bytesIn;
    bytesOut += other.bytesOut;
    dropped += other.dropped;
}

void RequestStats::reset() {
    latency.reset();
    uncorrected.reset();
    responses = 0;
    expectedRejections = 0;
    errors.fill(0);
    statusCounts.fill(0);
    bytesIn = 0;
    bytesOut = 0;
    dropped = 0;
}

}  // namespace loadstar::stats
