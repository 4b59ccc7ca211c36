#include "engine/stats/threshold.h"

#include <gtest/gtest.h>

namespace loadstar::stats {
namespace {

using Metric = Threshold::Metric;
using Op = Threshold::Op;

Threshold parsed(std::string_view text) {
    auto result = parseThreshold(text);
    if (auto* error = std::get_if<ThresholdParseError>(&result)) {
        ADD_FAILURE() << text << ": " << error->toString();
        return {};
    }
    return std::get<Threshold>(result);
}

TEST(Threshold, ParsesEveryForm) {
    struct Case {
        const char* text;
        const char* endpoint;
        Metric metric;
        double percentile;
        Op op;
        double value;
    };
    const Case cases[] = {
        {"p95 < 200ms", "", Metric::Percentile, 95, Op::Less, 200'000},
        {"p99.9 <= 1s", "", Metric::Percentile, 99.9, Op::LessOrEqual, 1'000'000},
        {"p50<250us", "", Metric::Percentile, 50, Op::Less, 250},
        {"med < 5", "", Metric::Percentile, 50, Op::Less, 5'000},
        {"error_rate < 1%", "", Metric::ErrorRate, 0, Op::Less, 0.01},
        {"error_rate <= 0.05", "", Metric::ErrorRate, 0, Op::LessOrEqual, 0.05},
        {"rps > 1000", "", Metric::Rps, 0, Op::Greater, 1000},
        {"avg < 20ms", "", Metric::Mean, 0, Op::Less, 20'000},
        {"max < 2s", "", Metric::Max, 0, Op::Less, 2'000'000},
        {"min >= 1ms", "", Metric::Min, 0, Op::GreaterOrEqual, 1'000},
        {"requests >= 100", "", Metric::Requests, 0, Op::GreaterOrEqual, 100},
        {"errors < 1", "", Metric::Errors, 0, Op::Less, 1},
        {"get_book: p95 < 50ms", "get_book", Metric::Percentile, 95, Op::Less, 50'000},
        {"  list-books :  rps >= 10.5  ", "list-books", Metric::Rps, 0, Op::GreaterOrEqual, 10.5},
    };
    for (const Case& c : cases) {
        const Threshold t = parsed(c.text);
        EXPECT_EQ(t.endpoint, c.endpoint) << c.text;
        EXPECT_EQ(t.metric, c.metric) << c.text;
        EXPECT_DOUBLE_EQ(t.percentile, c.percentile) << c.text;
        EXPECT_EQ(t.op, c.op) << c.text;
        EXPECT_DOUBLE_EQ(t.value, c.value) << c.text;
        EXPECT_EQ(t.text, c.text);
    }
}

TEST(Threshold, ReportsParseErrorsWithTheirColumn) {
    struct Case {
        const char* text;
        int column;
        const char* message;
    };
    const Case cases[] = {
        {"", 1, "empty threshold; expected e.g. \"p95 < 200ms\""},
        {"p95 200ms", 5, "expected one of < <= > >="},
        {"p95 <", 6, "expected a value after the comparison"},
        {"p95 < fast", 7, "expected a duration such as 200ms, 1.5s or 250us"},
        {"p101 < 1s", 2, "a percentile must be a number above 0 and at most 100"},
        {"latency < 1s", 1,
         "unknown metric \"latency\"; expected p50..p99.9, med, avg, min, max, error_rate, rps, requests or "
         "errors"},
        {"error_rate < 150%", 14, "expected a rate such as 1% or 0.01"},
        {"error_rate < 2", 14, "expected a rate such as 1% or 0.01"},
        {"rps > many", 7, "expected a non-negative number"},
        {"get: = 5", 6, "expected a metric (p95, avg, max, error_rate, rps, ...)"},
        {": p95 < 1s", 1, "expected an endpoint id before ':'"},
        {"p95 == 1s", 5, "expected one of < <= > >="},
    };
    for (const Case& c : cases) {
        auto result = parseThreshold(c.text);
        const auto* error = std::get_if<ThresholdParseError>(&result);
        ASSERT_NE(error, nullptr) << c.text;
        EXPECT_EQ(error->column, c.column) << c.text;
        EXPECT_EQ(error->message, c.message) << c.text;
    }
}

TEST(Threshold, EvaluatesAgainstMeasurements) {
    RequestStats all;
    RequestStats book;
    for (int i = 1; i <= 100; ++i) {
        all.recordResponse(200, i * 1000, 500, false);  // 1..100 ms
        book.recordResponse(200, i * 100, 100, false);  // 0.1..10 ms
    }
    all.recordError(ErrorClass::Timeout);
    auto lookup = [&](std::string_view id) -> const RequestStats* {
        if (id.empty()) return &all;
        if (id == "get_book") return &book;
        return nullptr;
    };
    struct Case {
        const char* text;
        bool passed;
        const char* measured;
    };
    const Case cases[] = {
        {"p95 < 200ms", true, "p95 = 95.04ms"},
        {"p95 < 90ms", false, "p95 = 95.04ms"},
        {"p99 <= 99.1ms", true, "p99 = 99.01ms"},
        {"max < 100ms", false, "max = 100.00ms"},
        {"avg < 51ms", true, "avg = 50.50ms"},
        {"error_rate < 1%", true, "error_rate = 0.99%"},
        {"error_rate < 0.5%", false, "error_rate = 0.99%"},
        {"rps > 50", true, "rps = 50.5"},
        {"rps >= 60", false, "rps = 50.5"},
        {"get_book: p50 < 5ms", false, "get_book: p50 = 5.00ms"},
        {"get_book: p50 <= 5.01ms", true, "get_book: p50 = 5.00ms"},
        {"nope: p50 < 1s", false, "no endpoint \"nope\" in this run"},
    };
    for (const Case& c : cases) {
        const ThresholdResult r = evaluate(parsed(c.text), lookup, 2.0);
        EXPECT_EQ(r.passed, c.passed) << c.text;
        EXPECT_EQ(r.measuredText, c.measured) << c.text;
    }
}

TEST(Threshold, LatencyOverNoRequestsFails) {
    RequestStats none;
    const ThresholdResult r = evaluate(
        parsed("p95 < 1s"), [&](std::string_view) { return &none; }, 1.0);
    EXPECT_FALSE(r.passed);
}

}  // namespace
}  // namespace loadstar::stats
