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

// The totals' columns, in the history file under "Total " + the stats file's name.
LocustTotals totalsOf(const Columns& c, const std::vector<std::string>& row, const std::string& prefix) {
    LocustTotals t;
    t.requests = c.count(row, prefix + "Request Count");
    t.failures = c.count(row, prefix + "Failure Count");
    t.medianMs = c.number(row, prefix + "Median Response Time");
    t.averageMs = c.number(row, prefix + "Average Response Time");
    t.minMs = c.number(row, prefix + "Min Response Time");
    t.maxMs = c.number(row, prefix + "Max Response Time");
    t.averageContentBytes = c.number(row, prefix + "Average Content Size");
    return t;
}

LocustHistoryRow historyRow(const Columns& c, const std::vector<std::string>& row) {
    LocustHistoryRow r;
    r.timestamp = static_cast<std::int64_t>(c.number(row, "Timestamp"));
    r.userCount = static_cast<int>(c.number(row, "User Count"));
    r.type = c.text(row, "Type");
    r.name = c.text(row, "Name");
    r.rps = c.number(row, "Requests/s");
    r.percentiles = c.percentiles(row);
    r.totals = totalsOf(c, row, "Total ");
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

stats::Summary summaryFrom(double seconds, std::uint64_t requests, std::uint64_t failures, double rps,
                           double bytes, const stats::LatencySummary& latency) {
    stats::Summary s;
    s.seconds = seconds;
    s.requests = requests;
    s.responses = requests;
    s.errors = failures;
    s.rps = rps;
    s.errorRate = requests > 0 ? static_cast<double>(failures) / static_cast<double>(requests) : 0;
    s.bytesIn = bytes > 0 ? static_cast<std::uint64_t>(std::llround(bytes)) : 0;
    s.latency = latency;
    s.uncorrected = latency;
    return s;
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
        r.totals = totalsOf(c, row, "");
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
    const LocustTotals& t = row.totals;
    const double rps = seconds > 0 ? static_cast<double>(t.requests) / seconds : row.rps;
    return summaryFrom(seconds, t.requests, t.failures, rps,
                       t.averageContentBytes * static_cast<double>(t.requests),
                       latencyOf(row.percentiles, t.requests, t.minMs, t.maxMs, t.averageMs));
}

stats::Summary tickSummaryOf(const LocustHistoryRow& row, const LocustHistoryRow* previous) {
    const LocustTotals& now = row.totals;
    // A count that went down is a reset (the warm-up's statistics dropped).
    const LocustTotals* before = previous != nullptr && previous->totals.requests <= now.requests &&
                                         previous->totals.failures <= now.failures
                                     ? &previous->totals
                                     : nullptr;
    const std::uint64_t requests = before ? now.requests - before->requests : now.requests;
    const std::uint64_t failures = before ? now.failures - before->failures : now.failures;
    const double seconds = previous != nullptr && row.timestamp > previous->timestamp
                               ? static_cast<double>(row.timestamp - previous->timestamp)
                               : 1.0;
    // What the second added to a running average times its count.
    const auto added = [&](double LocustTotals::*average) {
        return now.*average * static_cast<double>(now.requests) -
               (before ? before->*average * static_cast<double>(before->requests) : 0);
    };
    const double meanMs =
        requests > 0 ? std::max(0.0, added(&LocustTotals::averageMs) / static_cast<double>(requests)) : 0;
    const auto& window = row.percentiles;
    return summaryFrom(seconds, requests, failures, static_cast<double>(requests) / seconds,
                       added(&LocustTotals::averageContentBytes),
                       latencyOf(window, requests, 0, window.empty() ? 0 : window.rbegin()->second, meanMs));
}

}  // namespace loadstar::engines
