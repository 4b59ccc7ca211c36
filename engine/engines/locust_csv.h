#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/results/tick_point.h"
#include "engine/stats/summary.h"

namespace loadstar::engines {

// Locust's percentile columns ("50%" ... "100%"), in milliseconds; absent when the
// file says N/A (no requests yet).
using LocustPercentiles = std::map<double, double>;  // 0.5 -> ms, 1.0 -> ms

// The running totals of a request name: a row of `PREFIX_stats.csv` has them, and
// so has a row of `PREFIX_stats_history.csv` (under "Total ..." column names).
struct LocustTotals {
    std::uint64_t requests = 0;
    std::uint64_t failures = 0;
    double medianMs = 0;
    double averageMs = 0;
    double minMs = 0;
    double maxMs = 0;
    double averageContentBytes = 0;
};

// One row of Locust's `PREFIX_stats.csv` (the whole run so far, one row per
// request name and an "Aggregated" one).
struct LocustStatsRow {
    std::string type;  // the request method; empty for "Aggregated"
    std::string name;
    LocustTotals totals;
    double rps = 0;
    LocustPercentiles percentiles;
};

// One row of `PREFIX_stats_history.csv`, appended every second: the cumulative
// counts and, in its percentile columns, Locust's "current" percentiles (over the
// last 10 seconds, CURRENT_RESPONSE_TIME_PERCENTILE_WINDOW), not the second's own.
struct LocustHistoryRow {
    std::int64_t timestamp = 0;  // Unix seconds
    int userCount = 0;
    std::string type;
    std::string name;  // "Aggregated" for all
    double rps = 0;    // Locust's current requests/s
    LocustPercentiles percentiles;
    LocustTotals totals;
};

struct LocustFailureRow {
    std::string method;
    std::string name;
    std::string error;
    std::uint64_t occurrences = 0;
};

// RFC 4180 rows: quoted fields with doubled quotes, CRLF or LF line ends.
std::vector<std::vector<std::string>> parseCsv(std::string_view text);

// Which Locust CSV a header row belongs to.
enum class LocustCsvKind { Stats, History, Failures, Unknown };
LocustCsvKind locustCsvKind(std::string_view text);

// The rows of each file; an error names the line and the column that is missing
// or not a number.
std::variant<std::vector<LocustStatsRow>, std::string> parseLocustStats(std::string_view text);
std::variant<std::vector<LocustHistoryRow>, std::string> parseLocustHistory(std::string_view text);
std::variant<std::vector<LocustFailureRow>, std::string> parseLocustFailures(std::string_view text);

// Reads a history file that Locust is still appending to: feed() takes what was
// added since the last call and returns the complete rows in it.
class LocustHistoryReader {
  public:
    std::variant<std::vector<LocustHistoryRow>, std::string> feed(std::string_view added);

  private:
    std::string pending_;
    std::vector<std::string> header_;
};

// Loadstar's figures from Locust's: latencies in microseconds; `latency.count`
// is the request count; errors are Locust's failures (all in one class, Locust
// does not say which). Percentiles Locust does not list (p99.9 from its 99.9%
// column) come from the nearest it does.
stats::Summary summaryOf(const LocustStatsRow& row, double seconds);

// The tick that ends at `row` (one second after `previous`): the requests and
// failures of that second, its mean response time (exact: from the change of the
// running average), Locust's current percentiles and rps.
stats::Summary tickSummaryOf(const LocustHistoryRow& row, const LocustHistoryRow* previous);

}  // namespace loadstar::engines
