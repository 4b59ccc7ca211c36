#include "engine/engines/locust_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace loadstar::engines {

namespace {

struct CsvError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Column access by the header's names, so that a Locust with other percentile
// columns or a reordered file still reads.
class Columns {
  public:
    explicit Columns(const std::vector<std::string>& header) : header_(header) {}

    std::optional<std::size_t> find(std::string_view name) const {
        const auto it = std::find(header_.begin(), header_.end(), name);
        if (it == header_.end()) return std::nullopt;
        return static_cast<std::size_t>(it - header_.begin());
    }
    void require(std::initializer_list<std::string_view> names) const {
        for (const std::string_view name : names) {
            if (!find(name)) throw CsvError("no column \"" + std::string(name) + "\"");
        }
    }
    const std::string& text(const std::vector<std::string>& row, std::string_view name) const {
        static const std::string empty;
        const auto at = find(name);
        if (!at) throw CsvError("no column \"" + std::string(name) + "\"");
        return *at < row.size() ? row[*at] : empty;
    }
    // N/A (no requests yet) and an empty field read as 0.
    double number(const std::vector<std::string>& row, std::string_view name) const {
        const std::string& t = text(row, name);
        if (t.empty() || t == "N/A") return 0;
        double v = 0;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        if (ec != std::errc{} || end != t.data() + t.size() || !std::isfinite(v))
            throw CsvError("column \"" + std::string(name) + "\": \"" + t + "\" is not a number");
        return v;
    }
    std::uint64_t count(const std::vector<std::string>& row, std::string_view name) const {
        const double v = number(row, name);
        if (v < 0) throw CsvError("column \"" + std::string(name) + "\": negative count");
        return static_cast<std::uint64_t>(std::llround(v));
    }
    // Every "N%" column that has a value.
    LocustPercentiles percentiles(const std::vector<std::string>& row) const {
        LocustPercentiles out;
        for (std::size_t i = 0; i < header_.size() && i < row.size(); ++i) {
            const std::string& h = header_[i];
            if (h.size() < 2 || h.back() != '%' || row[i].empty() || row[i] == "N/A") continue;
            double p = 0;
            const auto [end, ec] = std::from_chars(h.data(), h.data() + h.size() - 1, p);
            if (ec != std::errc{} || end != h.data() + h.size() - 1) continue;
            out[p / 100] = number(row, h);
        }
        return out;
    }

  private:
    std::vector<std::string> header_;
};

template <typename Row, typename ReadRow>
std::variant<std::vector<Row>, std::string> readRows(std::string_view text, ReadRow readRow) {
    const auto rows = parseCsv(text);
    if (rows.empty()) return std::string("empty file");
    const Columns columns(rows.front());
    std::vector<Row> out;
    std::size_t line = 1;
    try {
        for (std::size_t i = 1; i < rows.size(); ++i) {
            line = i + 1;
            if (rows[i].size() == 1 && rows[i][0].empty()) continue;
            out.push_back(readRow(columns, rows[i]));
        }
    } catch (const CsvError& e) {
        return "line " + std::to_string(line) + ": " + e.what();
    }
    return out;
}

LocustHistoryRow historyRow(const Columns& c, const std::vector<std::string>& row) {
    LocustHistoryRow r;
    r.timestamp = static_cast<std::int64_t>(c.number(row, "Timestamp"));
    r.userCount = static_cast<int>(c.number(row, "User Count"));
    r.type = c.text(row, "Type");
    r.name = c.text(row, "Name");
    r.rps = c.number(row, "Requests/s");
    r.percentiles = c.percentiles(row);
    r.totalRequests = c.count(row, "Total Request Count");
    r.totalFailures = c.count(row, "Total Failure Count");
    r.totalMedianMs = c.number(row, "Total Median Response Time");
    r.totalAverageMs = c.number(row, "Total Average Response Time");
    r.totalMinMs = c.number(row, "Total Min Response Time");
    r.totalMaxMs = c.number(row, "Total Max Response Time");
    r.totalAverageContentBytes = c.number(row, "Total Average Content Size");
    return r;
}

const std::initializer_list<std::string_view> kHistoryColumns = {"Timestamp",
                                                                 "User Count",
                                                                 "Type",
                                                                 "Name",
                                                                 "Requests/s",
                                                                 "Total Request Count",
                                                                 "Total Failure Count",
                                                                 "Total Average Response Time"};

std::int64_t us(double ms) {
    return static_cast<std::int64_t>(std::llround(ms * 1000));
}

// Locust's value at `p`, or the nearest listed percentile above it (then below).
std::int64_t percentileUs(const LocustPercentiles& p, double at) {
    if (p.empty()) return 0;
    auto it = p.lower_bound(at - 1e-9);
    if (it == p.end()) --it;
    return us(it->second);
}

stats::LatencySummary latencyOf(const LocustPercentiles& p, std::uint64_t count, double minMs, double maxMs,
                                double meanMs) {
    stats::LatencySummary l;
    l.count = count;
    l.min = us(minMs);
    l.p50 = percentileUs(p, 0.5);
    l.p90 = percentileUs(p, 0.9);
    l.p95 = percentileUs(p, 0.95);
    l.p99 = percentileUs(p, 0.99);
    l.p999 = percentileUs(p, 0.999);
    l.max = us(maxMs);
    l.mean = meanMs * 1000;
    return l;
}

}  // namespace

std::vector<std::vector<std::string>> parseCsv(std::string_view text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    bool any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            row.push_back(std::move(field));
            field.clear();
            rows.push_back(std::move(row));
            row.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
    }
    return rows;
}

LocustCsvKind locustCsvKind(std::string_view text) {
    const std::string_view first = text.substr(0, text.find('\n'));
    if (first.starts_with("Type,Name,Request Count")) return LocustCsvKind::Stats;
    if (first.starts_with("Timestamp,User Count,Type,Name")) return LocustCsvKind::History;
    if (first.starts_with("Method,Name,Error,Occurrences")) return LocustCsvKind::Failures;
    return LocustCsvKind::Unknown;
}

std::variant<std::vector<LocustStatsRow>, std::string> parseLocustStats(std::string_view text) {
    return readRows<LocustStatsRow>(text, [](const Columns& c, const std::vector<std::string>& row) {
        c.require({"Type", "Name", "Request Count", "Failure Count", "Average Response Time", "Requests/s"});
        LocustStatsRow r;
        r.type = c.text(row, "Type");
        r.name = c.text(row, "Name");
        r.requests = c.count(row, "Request Count");
        r.failures = c.count(row, "Failure Count");
        r.medianMs = c.number(row, "Median Response Time");
        r.averageMs = c.number(row, "Average Response Time");
        r.minMs = c.number(row, "Min Response Time");
        r.maxMs = c.number(row, "Max Response Time");
        r.averageContentBytes = c.number(row, "Average Content Size");
        r.rps = c.number(row, "Requests/s");
        r.percentiles = c.percentiles(row);
        return r;
    });
}

std::variant<std::vector<LocustHistoryRow>, std::string> parseLocustHistory(std::string_view text) {
    return readRows<LocustHistoryRow>(text, [](const Columns& c, const std::vector<std::string>& row) {
        c.require(kHistoryColumns);
        return historyRow(c, row);
    });
}

std::variant<std::vector<LocustFailureRow>, std::string> parseLocustFailures(std::string_view text) {
    return readRows<LocustFailureRow>(text, [](const Columns& c, const std::vector<std::string>& row) {
        c.require({"Method", "Name", "Error", "Occurrences"});
        return LocustFailureRow{c.text(row, "Method"), c.text(row, "Name"), c.text(row, "Error"),
                                c.count(row, "Occurrences")};
    });
}

std::variant<std::vector<LocustHistoryRow>, std::string> LocustHistoryReader::feed(std::string_view added) {
    pending_.append(added);
    const std::size_t end = pending_.rfind('\n');
    if (end == std::string::npos) return std::vector<LocustHistoryRow>{};
    const std::string complete = pending_.substr(0, end + 1);
    pending_.erase(0, end + 1);
    std::vector<LocustHistoryRow> out;
    for (auto& row : parseCsv(complete)) {
        if (row.size() == 1 && row[0].empty()) continue;
        if (header_.empty()) {
            header_ = std::move(row);
            try {
                Columns(header_).require(kHistoryColumns);
            } catch (const CsvError& e) {
                return std::string("not Locust's stats history: ") + e.what();
            }
            continue;
        }
        try {
            out.push_back(historyRow(Columns(header_), row));
        } catch (const CsvError& e) {
            return std::string(e.what());
        }
    }
    return out;
}

stats::Summary summaryOf(const LocustStatsRow& row, double seconds) {
    stats::Summary s;
    s.seconds = seconds;
    s.requests = row.requests;
    s.responses = row.requests;
    s.errors = row.failures;
    s.rps = seconds > 0 ? static_cast<double>(row.requests) / seconds : row.rps;
    s.errorRate =
        row.requests > 0 ? static_cast<double>(row.failures) / static_cast<double>(row.requests) : 0;
    s.bytesIn =
        static_cast<std::uint64_t>(std::llround(row.averageContentBytes * static_cast<double>(row.requests)));
    s.latency = latencyOf(row.percentiles, row.requests, row.minMs, row.maxMs, row.averageMs);
    s.uncorrected = s.latency;
    return s;
}

stats::Summary tickSummaryOf(const LocustHistoryRow& row, const LocustHistoryRow* previous) {
    // A count that went down is a reset (the warm-up's statistics dropped).
    const bool continues = previous != nullptr && previous->totalRequests <= row.totalRequests &&
                           previous->totalFailures <= row.totalFailures;
    const std::uint64_t requests =
        continues ? row.totalRequests - previous->totalRequests : row.totalRequests;
    const std::uint64_t failures =
        continues ? row.totalFailures - previous->totalFailures : row.totalFailures;
    const double seconds = previous != nullptr && row.timestamp > previous->timestamp
                               ? static_cast<double>(row.timestamp - previous->timestamp)
                               : 1.0;
    const double sumMs =
        row.totalAverageMs * static_cast<double>(row.totalRequests) -
        (continues ? previous->totalAverageMs * static_cast<double>(previous->totalRequests) : 0);
    stats::Summary s;
    s.seconds = seconds;
    s.requests = requests;
    s.responses = requests;
    s.errors = failures;
    s.rps = static_cast<double>(requests) / seconds;
    s.errorRate = requests > 0 ? static_cast<double>(failures) / static_cast<double>(requests) : 0;
    const double bytes =
        row.totalAverageContentBytes * static_cast<double>(row.totalRequests) -
        (continues ? previous->totalAverageContentBytes * static_cast<double>(previous->totalRequests) : 0);
    s.bytesIn = bytes > 0 ? static_cast<std::uint64_t>(std::llround(bytes)) : 0;
    const double meanMs = requests > 0 ? std::max(0.0, sumMs / static_cast<double>(requests)) : 0;
    const auto window = row.percentiles;
    s.latency = latencyOf(window, requests, 0, window.empty() ? 0 : window.rbegin()->second, meanMs);
    s.uncorrected = s.latency;
    return s;
}

}  // namespace loadstar::engines
