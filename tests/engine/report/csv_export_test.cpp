#include "engine/report/csv_export.h"

#include <gtest/gtest.h>

#include "sample_runs.h"

namespace loadstar::report {
namespace {

// RFC 4180 rows: quoted fields with doubled quotes, "\r\n" line ends.
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
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
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
            ++i;
        } else {
            field += c;
        }
    }
    EXPECT_TRUE(rows.back().empty() && field.empty()) << "ends with a line end";
    rows.pop_back();
    return rows;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) return i;
    }
    ADD_FAILURE() << "no column " << name;
    return 0;
}

TEST(CsvExport, TimeSeriesHasOneRowPerTickWithTheTickFigures) {
    const results::RunResult run = loadstar::testing::realRun({});
    const auto rows = parseCsv(timeSeriesCsv({run}));
    ASSERT_EQ(rows.size(), run.series.size() + 1);
    const auto& header = rows.front();
    EXPECT_EQ(header.size(), 25u);
    for (const auto& row : rows)
        EXPECT_EQ(row.size(), header.size());
    std::uint64_t requests = 0;
    for (std::size_t i = 0; i < run.series.size(); ++i) {
        const auto& row = rows[i + 1];
        const results::TickPoint& tick = *run.series[i];
        EXPECT_EQ(row[column(header, "run")], run.id);
        EXPECT_EQ(std::stod(row[column(header, "t_s")]), tick.elapsed);
        EXPECT_EQ(std::stoull(row[column(header, "requests")]), tick.overall.requests);
        EXPECT_EQ(std::stoll(row[column(header, "p99_us")]), tick.overall.latency.p99);
        EXPECT_EQ(std::stod(row[column(header, "mean_us")]), tick.overall.latency.mean);
        ASSERT_TRUE(tick.resources.target.has_value());
        EXPECT_EQ(std::stoull(row[column(header, "server_rss_bytes")]), tick.resources.target->rssBytes);
        requests += std::stoull(row[column(header, "requests")]);
    }
    EXPECT_EQ(requests, run.overall.requests) << "no warm-up here: the ticks add up to the run";
}

TEST(CsvExport, EndpointSummaryHasTheRunAndEachEndpoint) {
    const results::RunResult a = loadstar::testing::realRun({});
    results::RunResult b = loadstar::testing::syntheticRun(8);
    b.id = "run, \"quoted\"";
    const auto rows = parseCsv(endpointSummaryCsv({a, b}));
    ASSERT_EQ(rows.size(), 1 + (1 + a.endpoints.size()) + (1 + b.endpoints.size()));
    const auto& header = rows.front();
    EXPECT_EQ(header.size(), 26u);
    EXPECT_EQ(rows[1][column(header, "endpoint")], "*");
    EXPECT_EQ(std::stoull(rows[1][column(header, "requests")]), a.overall.requests);
    EXPECT_EQ(std::stod(rows[1][column(header, "rps")]), a.overall.rps);
    EXPECT_EQ(std::stod(rows[1][column(header, "error_rate")]), a.overall.errorRate);
    EXPECT_EQ(std::stoull(rows[1][column(header, "errors_read")]),
              a.overall.errorsByClass[static_cast<std::size_t>(stats::ErrorClass::Read)]);
    for (std::size_t i = 0; i < a.endpoints.size(); ++i) {
        const auto& row = rows[2 + i];
        EXPECT_EQ(row[column(header, "endpoint")], a.endpoints[i].id);
        EXPECT_EQ(std::stoull(row[column(header, "requests")]), a.endpoints[i].summary.requests);
        EXPECT_EQ(std::stoll(row[column(header, "p50_us")]), a.endpoints[i].summary.latency.p50);
        EXPECT_EQ(std::stoll(row[column(header, "max_us")]), a.endpoints[i].summary.latency.max);
    }
    EXPECT_EQ(rows[2 + a.endpoints.size()][0], "run, \"quoted\"") << "quoted field round-trips";
}

TEST(CsvExport, EndpointTableGoesBesideTheTimeSeries) {
    EXPECT_EQ(endpointCsvPath("out/report.csv"), "out/report.endpoints.csv");
    EXPECT_EQ(endpointCsvPath("report"), "report.endpoints.csv");
}

}  // namespace
}  // namespace loadstar::report
