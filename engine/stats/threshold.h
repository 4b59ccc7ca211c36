#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/stats/request_stats.h"

namespace loadstar::stats {

// A pass/fail condition over a run's results. Syntax (spaces optional):
//
//   [ENDPOINT_ID ":"] METRIC OP VALUE
//
//   METRIC  p50, p95, p99.9 (any pN, 0 < N <= 100), med, avg, min, max   latency; VALUE a
//           duration: 200ms, 1.5s, 250us (a bare number means ms)
//           error_rate                                                   VALUE 1% or 0.01
//           rps                                                          VALUE requests/s
//           requests, errors                                             VALUE a count
//   OP      <  <=  >  >=
//
// e.g. "p95 < 200ms", "error_rate < 1%", "get_book: p99.9 <= 1s". Latencies are the
// coordinated-omission-corrected ones (measured from the intended start).
struct Threshold {
    enum class Metric { Percentile, Mean, Min, Max, ErrorRate, Rps, Requests, Errors };
    enum class Op { Less, LessOrEqual, Greater, GreaterOrEqual };

    std::string text;
    std::string endpoint;  // empty: the whole run
    Metric metric = Metric::Percentile;
    double percentile = 0;  // Percentile only
    Op op = Op::Less;
    double value = 0;  // latency: microseconds; error_rate: fraction; others: as given
};

struct ThresholdParseError {
    int column = 1;  // 1-based column in the text
    std::string message;

    std::string toString() const;  // "column 5: expected one of < <= > >="
};

std::variant<Threshold, ThresholdParseError> parseThreshold(std::string_view text);

struct ThresholdResult {
    // Judged; nothing measured yet (no requests so far, which a live verdict shows as
    // pending); or never judgeable (the text does not parse, or names an endpoint the
    // run does not have). A final verdict fails the last kind, and a latency threshold
    // over no requests.
    enum class Standing { Judged, NoData, Invalid };

    std::string text;
    bool passed = false;
    double measured = 0;       // same unit as Threshold::value
    std::string measuredText;  // "p95 = 183.2ms", "error_rate = 0.42%"
    Standing standing = Standing::Judged;
};

// `stats(endpoint)` gives the measurements of an endpoint id ("" for the whole
// run), nullptr when unknown (the threshold then fails, saying so).
ThresholdResult evaluate(const Threshold& threshold,
                         const std::function<const RequestStats*(std::string_view)>& stats, double seconds);

// Each threshold text parsed and judged: the one way thresholds are judged, live
// (each tick, on the run so far) and at the end. A text that does not parse fails.
std::vector<ThresholdResult> judge(const std::vector<std::string>& thresholds,
                                   const std::function<const RequestStats*(std::string_view)>& stats,
                                   double seconds);

}  // namespace loadstar::stats
