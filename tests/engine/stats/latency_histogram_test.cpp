#include "engine/stats/latency_histogram.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

namespace loadstar::stats {
namespace {

// The exact percentile as LatencyHistogram defines it: the smallest recorded value
// with at least p % of the values at or below it.
std::int64_t exactPercentile(std::vector<std::int64_t> values, double p) {
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
    return values[std::max<std::size_t>(rank, 1) - 1];
}

void expectWithinPrecision(const LatencyHistogram& h, const std::vector<std::int64_t>& values) {
    for (const double p : {1.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.9, 99.99, 100.0}) {
        const auto exact = static_cast<double>(exactPercentile(values, p));
        const auto measured = static_cast<double>(h.valueAtPercentile(p));
        EXPECT_LE(std::abs(measured - exact), std::max(1.0, exact / 1000.0))
            << "p" << p << " exact " << exact;
    }
}

TEST(LatencyHistogram, BucketsKeepThreeSignificantDigitsFromOneMicrosecondToOneHour) {
    for (std::int64_t v = 0; v < 2048; ++v) {
        EXPECT_EQ(LatencyHistogram::lowestEquivalent(LatencyHistogram::indexFor(v)), v);
    }
    for (std::int64_t v = 2048; v <= 3'600'000'000; v = v * 3 / 2 + 7) {
        const std::size_t index = LatencyHistogram::indexFor(v);
        const std::int64_t low = LatencyHistogram::lowestEquivalent(index);
        const std::int64_t high = LatencyHistogram::highestEquivalent(index);
        ASSERT_LE(low, v);
        ASSERT_GE(high, v);
        EXPECT_LT(static_cast<double>(high - low + 1) / static_cast<double>(low), 0.001) << v;
    }
}

TEST(LatencyHistogram, MemoryIsFixedAtConstruction) {
    LatencyHistogram h;
    EXPECT_EQ(h.countsLength(), 23221u)
        << "1 us .. 1 h at 3 digits: 2048 exact values, then 1024 per power of two";
    EXPECT_EQ(h.bucketCount(), 22u);
    EXPECT_LT(h.memoryBytes(), 190'000u);
    const std::size_t before = h.memoryBytes();
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<std::int64_t> any(0, 3'600'000'000);
    for (int i = 0; i < 1'000'000; ++i)
        h.record(any(rng));
    EXPECT_EQ(h.memoryBytes(), before);
    EXPECT_EQ(h.count(), 1'000'000u);
}

// Resident set of this process in bytes, from /proc/self/statm.
std::size_t residentBytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t size = 0;
    std::size_t resident = 0;
    statm >> size >> resident;
    return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

TEST(LatencyHistogram, OccupiesOnlyThePagesItsValuesReach) {
#if defined(__SANITIZE_THREAD__)
    GTEST_SKIP() << "TSan's mmap interceptor makes every mapped page resident";
#endif
    // 200 one-hour histograms reserve 200 x 184 KiB = 36 MiB; with latencies under
    // 10 ms each touches its first few pages only, copies included.
    const std::size_t before = residentBytes();
    std::vector<LatencyHistogram> histograms(100);
    std::mt19937_64 rng(5);
    std::uniform_int_distribution<std::int64_t> fast(50, 10'000);
    for (LatencyHistogram& h : histograms) {
        for (int i = 0; i < 2'000; ++i)
            h.record(fast(rng));
    }
    std::vector<LatencyHistogram> copies(histograms);
    const std::size_t grown = residentBytes() - std::min(before, residentBytes());
    EXPECT_LT(grown, 200u * 48 * 1024) << "grew by " << grown << " bytes";
    ASSERT_EQ(copies.size(), histograms.size());
    for (std::size_t i = 0; i < copies.size(); ++i) {
        EXPECT_EQ(copies[i].count(), histograms[i].count());
        EXPECT_EQ(copies[i].valueAtPercentile(99), histograms[i].valueAtPercentile(99));
    }
}

TEST(LatencyHistogram, CopiesAndMovesKeepEveryCount) {
    LatencyHistogram h;
    for (const std::int64_t v : std::vector<std::int64_t>{3, 70, 900, 40'000, 2'000'000, 3'000'000'000})
        h.recordMany(v, 3);
    LatencyHistogram copy(h);
    h.record(5);  // the copy is independent
    EXPECT_EQ(copy.count(), 18u);
    EXPECT_EQ(copy.nonZeroCounts().size(), 6u);
    EXPECT_EQ(copy.valueAtPercentile(100), 3'000'000'000);

    LatencyHistogram assigned(1'000);
    assigned.record(1);
    assigned = copy;
    EXPECT_EQ(assigned.nonZeroCounts(), copy.nonZeroCounts());
    EXPECT_EQ(assigned.highestTrackable(), copy.highestTrackable());
    assigned.merge(copy);
    EXPECT_EQ(assigned.count(), 36u);

    LatencyHistogram moved(std::move(assigned));
    EXPECT_EQ(moved.count(), 36u);
    assigned = std::move(moved);  // a moved-from histogram takes an assignment
    EXPECT_EQ(assigned.valueAtPercentile(50), copy.valueAtPercentile(50));
    assigned.reset();
    EXPECT_EQ(assigned.count(), 0u);
    EXPECT_TRUE(assigned.nonZeroCounts().empty());
    assigned.record(42);
    EXPECT_EQ(assigned.valueAtPercentile(100), 42);
}

TEST(LatencyHistogram, UniformDataMatchesExactPercentiles) {
    std::mt19937_64 rng(1);
    std::uniform_int_distribution<std::int64_t> uniform(100, 100'000);
    std::vector<std::int64_t> values(200'000);
    LatencyHistogram h;
    for (auto& v : values) {
        v = uniform(rng);
        h.record(v);
    }
    expectWithinPrecision(h, values);
    EXPECT_EQ(h.min(), *std::min_element(values.begin(), values.end()));
    EXPECT_EQ(h.max(), *std::max_element(values.begin(), values.end()));
}

TEST(LatencyHistogram, BimodalDataMatchesExactPercentiles) {
    std::mt19937_64 rng(2);
    std::normal_distribution<double> fast(800, 50);
    std::normal_distribution<double> slow(50'000, 2'000);
    std::bernoulli_distribution pickSlow(0.2);
    std::vector<std::int64_t> values(100'000);
    LatencyHistogram h;
    for (auto& v : values) {
        v = std::max<std::int64_t>(1, std::llround(pickSlow(rng) ? slow(rng) : fast(rng)));
        h.record(v);
    }
    expectWithinPrecision(h, values);
    EXPECT_LT(h.valueAtPercentile(75), 2'000);
    EXPECT_GT(h.valueAtPercentile(85), 40'000);
}

TEST(LatencyHistogram, LongTailMatchesExactPercentiles) {
    std::mt19937_64 rng(3);
    std::lognormal_distribution<double> tail(7.0, 1.5);  // median ~1.1 ms, tail into seconds
    std::vector<std::int64_t> values(100'000);
    LatencyHistogram h;
    for (auto& v : values) {
        v = std::min<std::int64_t>(3'600'000'000, std::llround(tail(rng)) + 1);
        h.record(v);
    }
    expectWithinPrecision(h, values);
}

// The summaries take all their percentiles in one walk; each must be what the
// one-percentile query answers, edge cases included.
TEST(LatencyHistogram, PercentilesInOneWalkEqualOneAtATime) {
    const std::vector<double> percentiles{0, 1, 50, 90, 95, 99, 99.9, 99.99, 100, 120};
    std::vector<std::int64_t> values(percentiles.size());
    LatencyHistogram empty;
    empty.valuesAtPercentiles(percentiles, values);
    for (const std::int64_t v : values)
        EXPECT_EQ(v, 0);
    std::mt19937_64 rng(5);
    std::lognormal_distribution<double> tail(6.0, 2.0);
    LatencyHistogram h(10'000'000);
    for (int i = 0; i < 50'000; ++i)
        h.record(std::llround(tail(rng)));
    h.record(20'000'000);  // clamped into the top bucket: only max is honest there
    h.valuesAtPercentiles(percentiles, values);
    for (std::size_t i = 0; i < percentiles.size(); ++i)
        EXPECT_EQ(values[i], h.valueAtPercentile(percentiles[i])) << "p" << percentiles[i];
}

TEST(LatencyHistogram, MeanStddevMinMaxAreExact) {
    LatencyHistogram h;
    for (const std::int64_t v : {2, 4, 4, 4, 5, 5, 7, 9})
        h.record(v);
    EXPECT_DOUBLE_EQ(h.mean(), 5.0);
    EXPECT_DOUBLE_EQ(h.stddev(), 2.0);
    EXPECT_EQ(h.min(), 2);
    EXPECT_EQ(h.max(), 9);
    EXPECT_EQ(h.valueAtPercentile(50), 4);
    EXPECT_EQ(h.valueAtPercentile(0), 2);
    EXPECT_EQ(h.valueAtPercentile(100), 9);
    EXPECT_DOUBLE_EQ(h.percentileBelowOrAt(4), 50.0);
}

TEST(LatencyHistogram, MergeEqualsRecordingEverythingInOne) {
    std::mt19937_64 rng(4);
    std::exponential_distribution<double> exp(1.0 / 5'000);
    LatencyHistogram a;
    LatencyHistogram b;
    LatencyHistogram all;
    for (int i = 0; i < 50'000; ++i) {
        const auto v = std::llround(exp(rng));
        (i % 3 == 0 ? a : b).record(v);
        all.record(v);
    }
    a.merge(b);
    EXPECT_EQ(a.count(), all.count());
    EXPECT_EQ(a.min(), all.min());
    EXPECT_EQ(a.max(), all.max());
    EXPECT_EQ(a.nonZeroCounts(), all.nonZeroCounts());
    for (const double p : {50.0, 99.0, 99.99})
        EXPECT_EQ(a.valueAtPercentile(p), all.valueAtPercentile(p));
}

TEST(LatencyHistogram, ResetEmptiesEverything) {
    LatencyHistogram h;
    h.record(5);
    h.record(5'000'000);
    h.reset();
    EXPECT_EQ(h.count(), 0u);
    EXPECT_EQ(h.max(), 0);
    EXPECT_EQ(h.valueAtPercentile(99), 0);
    EXPECT_TRUE(h.nonZeroCounts().empty());
    h.record(70);
    EXPECT_EQ(h.valueAtPercentile(50), 70);
    EXPECT_EQ(h.min(), 70);
}

TEST(LatencyHistogram, ValuesBeyondTheRangeAreClampedButMaxIsKept) {
    LatencyHistogram h(10'000'000);
    h.record(-5);
    h.record(50'000'000);
    EXPECT_EQ(h.count(), 2u);
    EXPECT_EQ(h.min(), 0);
    EXPECT_EQ(h.max(), 50'000'000);
    EXPECT_EQ(h.valueAtPercentile(100), 50'000'000);
}

TEST(LatencyHistogram, RestoresFromSparseCounts) {
    LatencyHistogram h;
    for (int v = 1; v <= 10'000; v += 3)
        h.record(v * 37);
    LatencyHistogram copy;
    ASSERT_TRUE(copy.restoreCounts(h.nonZeroCounts(), h.min(), h.max(), h.sum(), h.sumOfSquares()));
    EXPECT_EQ(copy.count(), h.count());
    EXPECT_EQ(copy.valueAtPercentile(99.9), h.valueAtPercentile(99.9));
    EXPECT_DOUBLE_EQ(copy.mean(), h.mean());
    EXPECT_FALSE(copy.restoreCounts({{999'999u, 1}}, 0, 0, 0, 0));
    EXPECT_EQ(copy.count(), 0u);
}

TEST(LatencyHistogram, PercentileDistributionUsesHdrHistogramTextFormat) {
    LatencyHistogram h;
    for (int v = 1; v <= 1000; ++v)
        h.record(v * 1000);  // 1 ms .. 1 s
    const std::string text = h.percentileDistribution();
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "       Value     Percentile TotalCount 1/(1-Percentile)");
    std::getline(in, line);
    EXPECT_EQ(line, "");
    std::getline(in, line);
    EXPECT_EQ(line, "       1.000 0.000000000000          1           1.00");
    std::getline(in, line);
    EXPECT_EQ(line, "     100.031 0.100000000000        100           1.11");
    std::getline(in, line);
    EXPECT_EQ(line, "     200.063 0.200000000000        200           1.25");
    // Every line between the header and the footer has the 4 (or, last, 3) columns,
    // the percentile column never falls and the ticks get denser towards 100 %.
    double lastPercentile = 0;
    int rows = 3;
    bool sawLast = false;
    while (std::getline(in, line) && !line.starts_with("#")) {
        std::istringstream row(line);
        double value = 0;
        double percentile = 0;
        unsigned long long count = 0;
        ASSERT_TRUE(row >> value >> percentile >> count) << line;
        EXPECT_GE(percentile, lastPercentile);
        lastPercentile = percentile;
        double inverse = 0;
        if (!(row >> inverse)) {
            EXPECT_EQ(percentile, 1.0);
            EXPECT_EQ(count, 1000u);
            sawLast = true;
        }
        ++rows;
    }
    EXPECT_TRUE(sawLast);
    EXPECT_GT(rows, 40);
    EXPECT_EQ(line, "#[Mean    =      500.500, StdDeviation   =      288.675]");
    std::getline(in, line);
    EXPECT_EQ(line, "#[Max     =     1000.000, Total count    =         1000]");
    std::getline(in, line);
    EXPECT_EQ(line, "#[Buckets =           22, SubBuckets     =         2048]");
}

}  // namespace
}  // namespace loadstar::stats
