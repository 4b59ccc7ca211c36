#include "engine/stats/summary.h"

#include <array>

namespace loadstar::stats {

LatencySummary LatencySummary::of(const LatencyHistogram& h) {
    LatencySummary s;
    s.count = h.count();
    s.min = h.min();
    static constexpr std::array<double, 5> kPercentiles{50, 90, 95, 99, 99.9};
    std::array<std::int64_t, 5> values{};
    h.valuesAtPercentiles(kPercentiles, values);  // one walk of the counts instead of five
    s.p50 = values[0];
    s.p90 = values[1];
    s.p95 = values[2];
    s.p99 = values[3];
    s.p999 = values[4];
    s.max = h.max();
    s.mean = h.mean();
    s.stddev = h.stddev();
    return s;
}

Json LatencySummary::toJson() const {
    return Json{{"count", count},  {"min_us", min},      {"p50_us", p50},    {"p90_us", p90},
                {"p95_us", p95},   {"p99_us", p99},      {"p99_9_us", p999}, {"max_us", max},
                {"mean_us", mean}, {"stddev_us", stddev}};
}

std::optional<LatencySummary> LatencySummary::fromJson(const Json& j) {
    try {
        LatencySummary s;
        s.count = j.at("count").get<std::uint64_t>();
        s.min = j.at("min_us").get<std::int64_t>();
        s.p50 = j.at("p50_us").get<std::int64_t>();
        s.p90 = j.at("p90_us").get<std::int64_t>();
        s.p95 = j.at("p95_us").get<std::int64_t>();
        s.p99 = j.at("p99_us").get<std::int64_t>();
        s.p999 = j.at("p99_9_us").get<std::int64_t>();
        s.max = j.at("max_us").get<std::int64_t>();
        s.mean = j.at("mean_us").get<double>();
        s.stddev = j.at("stddev_us").get<double>();
        return s;
    } catch (const Json::exception&) {
        return std::nullopt;
    }
}

Summary Summary::of(const RequestStats& stats, double seconds) {
    Summary s;
    s.seconds = seconds;
    s.requests = stats.requests();
    s.responses = stats.responses;
    s.errors = stats.errorCount();
    s.expectedRejections = stats.expectedRejections;
    s.dropped = stats.dropped;
    s.rps = seconds > 0 ? static_cast<double>(s.requests) / seconds : 0;
    s.errorRate = s.requests > 0 ? static_cast<double>(s.errors) / static_cast<double>(s.requests) : 0;
    s.bytesIn = stats.bytesIn;
    s.bytesOut = stats.bytesOut;
    s.errorsByClass = stats.errors;
    s.latency = LatencySummary::of(stats.latency);
    s.uncorrected = LatencySummary::of(stats.uncorrected);
    return s;
}

Json Summary::toJson() const {
    Json errorsJson = Json::object();
    for (std::size_t i = 0; i < kErrorClassCount; ++i)
        errorsJson[toString(static_cast<ErrorClass>(i))] = errorsByClass[i];
    return Json{{"seconds", seconds},
                {"requests", requests},
                {"responses", responses},
                {"errors", errors},
                {"expected_rejections", expectedRejections},
                {"dropped", dropped},
                {"rps", rps},
                {"error_rate", errorRate},
                {"bytes_in", bytesIn},
                {"bytes_out", bytesOut},
                {"errors_by_class", std::move(errorsJson)},
                {"latency", latency.toJson()},
                {"latency_uncorrected", uncorrected.toJson()}};
}

std::optional<Summary> Summary::fromJson(const Json& j) {
    try {
        Summary s;
        s.seconds = j.at("seconds").get<double>();
        s.requests = j.at("requests").get<std::uint64_t>();
        s.responses = j.at("responses").get<std::uint64_t>();
        s.errors = j.at("errors").get<std::uint64_t>();
        s.expectedRejections = j.at("expected_rejections").get<std::uint64_t>();
        s.dropped = j.at("dropped").get<std::uint64_t>();
        s.rps = j.at("rps").get<double>();
        s.errorRate = j.at("error_rate").get<double>();
        s.bytesIn = j.at("bytes_in").get<std::uint64_t>();
        s.bytesOut = j.at("bytes_out").get<std::uint64_t>();
        for (std::size_t i = 0; i < kErrorClassCount; ++i)
            s.errorsByClass[i] =
                j.at("errors_by_class").at(toString(static_cast<ErrorClass>(i))).get<std::uint64_t>();
        auto latency = LatencySummary::fromJson(j.at("latency"));
        auto uncorrected = LatencySummary::fromJson(j.at("latency_uncorrected"));
        if (!latency || !uncorrected) return std::nullopt;
        s.latency = *latency;
        s.uncorrected = *uncorrected;
        return s;
    } catch (const Json::exception&) {
        return std::nullopt;
    }
}

}  // namespace loadstar::stats
