#include <algorithm>
#include <cmath>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/report/chart_axis.h"
#include "engine/report/line_chart.h"
#include "engine/report/series_decimation.h"
#include "engine/report/units.h"

namespace loadstar::report {
namespace {

using ::testing::HasSubstr;

TEST(ChartAxis, LinearTicksAreNiceAndCoverTheData) {
    const ChartAxis latency = ChartAxis::linear("latency", Unit::Micros, 0, 63'300, true, 5);
    EXPECT_EQ(latency.step, 20'000);
    EXPECT_EQ(latency.ticks, (std::vector<double>{0, 20'000, 40'000, 60'000, 80'000}));
    EXPECT_EQ(latency.tickText(40'000), "40ms");
    const ChartAxis time = ChartAxis::linear("t", Unit::Seconds, 0, 3600, false, 8);
    EXPECT_EQ(time.step, 600);
    EXPECT_EQ(time.tickText(1800), "30m");
    EXPECT_EQ(time.tickText(3600), "1h");
    const ChartAxis nines = ChartAxis::linear("p", Unit::Nines, 0, 4, false, 8);
    EXPECT_EQ(nines.ticks, (std::vector<double>{0, 1, 2, 3, 4}));
    EXPECT_EQ(nines.tickText(0), "0%");
    EXPECT_EQ(nines.tickText(2), "99%");
    EXPECT_EQ(nines.tickText(4), "99.99%");
    EXPECT_DOUBLE_EQ(nines.fraction(2), 0.5);
}

TEST(ChartAxis, LogTicksStayInsideTheRange) {
    // Four decades: 1-2-5 would give 13 ticks, so whole decades only.
    const ChartAxis wide = ChartAxis::logarithmic("latency", Unit::Micros, 180, 2'500'000);
    EXPECT_EQ(wide.ticks, (std::vector<double>{1000, 10'000, 100'000, 1'000'000}));
    const ChartAxis narrow = ChartAxis::logarithmic("latency", Unit::Micros, 180, 2600);
    EXPECT_EQ(narrow.ticks, (std::vector<double>{200, 500, 1000, 2000}));
    EXPECT_EQ(narrow.tickText(200), "200us");
    EXPECT_EQ(narrow.tickText(2000), "2ms");
    EXPECT_EQ(narrow.tickText(1500), "1.5ms");
    EXPECT_EQ(wide.tickText(1'000'000), "1s");
    EXPECT_NEAR(wide.fraction(180), 0, 1e-12);
    EXPECT_NEAR(wide.fraction(2'500'000), 1, 1e-12);
}

TEST(Units, ValuesReadAsPeopleWriteThem) {
    EXPECT_EQ(formatValue(850, Unit::Micros), "850us");
    EXPECT_EQ(formatValue(12'345, Unit::Micros), "12.35ms");
    EXPECT_EQ(formatValue(1'250'000, Unit::Micros), "1.25s");
    EXPECT_EQ(formatValue(29'996, Unit::Count), "29,996");
    EXPECT_EQ(formatValue(1'234'567, Unit::Count), "1,234,567");
    EXPECT_EQ(formatValue(999, Unit::Count), "999");
    EXPECT_EQ(formatValue(3749.5, Unit::PerSecond), "3,750/s");
    EXPECT_EQ(formatValue(12.25, Unit::PerSecond), "12.2/s");
    EXPECT_EQ(formatValue(0.4213, Unit::Percent), "0.42%");
    EXPECT_EQ(formatValue(22'650'000, Unit::Bytes), "21.6 MiB");
    EXPECT_EQ(formatValue(3725, Unit::Seconds), "1h02m");
    EXPECT_EQ(formatChange(12.34), "+12.3%");
    EXPECT_EQ(formatChange(-0.8), "-0.8%");
}

TEST(SeriesDecimation, KeepsSpikesOrAveragesAndLeavesShortSeriesAlone) {
    std::vector<ChartPoint> points;
    for (int i = 0; i < 14'400; ++i)
        points.push_back({i * 0.25, i == 5000 ? 900.0 : 10.0});
    const auto peaks = decimate(points, 600, Reduction::Max);
    ASSERT_EQ(peaks.size(), 600u);
    EXPECT_EQ(peaks[5000 / 24].y, 900.0) << "the spike survives";
    EXPECT_DOUBLE_EQ(peaks[0].x, (0 + 23) * 0.25 / 2);
    const auto means = decimate(points, 600, Reduction::Mean);
    EXPECT_DOUBLE_EQ(means[5000 / 24].y, (23 * 10.0 + 900.0) / 24);
    EXPECT_EQ(decimate(std::vector<ChartPoint>{{0, 1}, {1, 2}}, 600, Reduction::Mean).size(), 2u);
    std::vector<ChartPoint> gaps(10, ChartPoint{0, NAN});
    EXPECT_TRUE(std::isnan(decimate(gaps, 5, Reduction::Max)[0].y)) << "a gap stays a gap";
}

std::vector<ChartPoint> ramp(int n) {
    std::vector<ChartPoint> out;
    for (int i = 0; i < n; ++i)
        out.push_back({static_cast<double>(i), i % 10 == 7 ? 1000.0 : static_cast<double>(i % 5)});
    return out;
}

TEST(SeriesDecimation, ARangeKeepsShortSeriesWholeWithOneNeighbourEachSide) {
    const auto data = ramp(10);
    const auto all = decimate(data, 0, 9, 100, Reduction::Extremes);
    ASSERT_EQ(all.size(), 10u);
    EXPECT_EQ(all.front().y, 0);
    EXPECT_EQ(all.back().x, 9);
    const auto middle = decimate(data, 3, 5, 100, Reduction::Extremes);
    ASSERT_EQ(middle.size(), 5u);  // 2..6: the range plus a neighbour on either side
    EXPECT_EQ(middle.front().x, 2);
    EXPECT_EQ(middle.back().x, 6);
    EXPECT_TRUE(decimate({}, 0, 1, 10, Reduction::Extremes).empty());
    EXPECT_TRUE(decimate(data, 5, 3, 10, Reduction::Extremes).empty()) << "an empty range";
    const auto after = decimate(data, 20, 30, 10, Reduction::Extremes);
    ASSERT_EQ(after.size(), 1u) << "only the last point, so the line reaches the edge";
    EXPECT_EQ(after.front().x, 9);
}

TEST(SeriesDecimation, ExtremesKeepTheFirstLowestHighestAndLastOfEveryRunSoSpikesSurvive) {
    const auto data = ramp(14'400);  // an hour at 250 ms
    const auto drawn = decimate(data, 0, 14'399, 800, Reduction::Extremes);
    EXPECT_LE(drawn.size(), 4u * 800);
    EXPECT_GE(drawn.size(), 800u);
    // Runs of 18 points hold one spike of 1000 or two, and each run keeps its highest.
    std::set<int> runsWithSpike;
    for (const ChartPoint& p : drawn) {
        if (p.y == 1000.0) runsWithSpike.insert(static_cast<int>(p.x) / 18);
    }
    EXPECT_EQ(runsWithSpike.size(), 800u);
    for (std::size_t i = 1; i < drawn.size(); ++i)
        ASSERT_LT(drawn[i - 1].x, drawn[i].x) << "in x order, each point once: " << i;
    EXPECT_EQ(drawn.front().x, 0);
    EXPECT_EQ(drawn.back().x, 14'399) << "the last point stays, so the line ends where the data does";
    EXPECT_EQ(
        decimate(std::vector<ChartPoint>(data.begin(), data.begin() + 40), 10, Reduction::Extremes).size(),
        40u)
        << "up to four points a run fit whole";
    const std::vector<ChartPoint> gaps(100, ChartPoint{1, NAN});
    const auto fromGaps = decimate(gaps, 5, Reduction::Extremes);
    ASSERT_EQ(fromGaps.size(), 5u) << "a run of gaps stays one gap";
    EXPECT_TRUE(std::isnan(fromGaps[0].y));
}

// A live chart adds a tick at a time: the columns come out the same as when the
// whole series is added at once, each column its first, lowest, highest and last.
TEST(ColumnDecimator, FedTickByTickGivesTheSameColumnsAsAllAtOnceAndKeepsSpikes) {
    std::vector<ChartPoint> points;
    for (int i = 0; i < 3000; ++i)
        points.push_back({i * 0.2, i == 1234 ? 900.0 : 10.0 + (i % 7)});
    ColumnDecimator whole(0, 600, 100);
    whole.add(points);
    ColumnDecimator live(0, 600, 100);
    for (std::size_t i = 0; i < points.size(); i += 1 + i % 3)
        live.add(std::span(points).subspan(i, std::min<std::size_t>(1 + i % 3, points.size() - i)));
    EXPECT_EQ(live.added(), points.size());
    const auto a = whole.points();
    const auto b = live.points();
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].x, b[i].x) << i;
        EXPECT_EQ(a[i].y, b[i].y) << i;
    }
    EXPECT_LE(a.size(), 400u) << "at most four points a column";
    EXPECT_GE(a.size(), 300u) << "30 points a column: first, lowest, highest and last";
    EXPECT_EQ(std::count_if(a.begin(), a.end(), [](const ChartPoint& p) { return p.y == 900.0; }), 1);
    EXPECT_EQ(a.front().x, 0);
    EXPECT_EQ(a.back().x, points.back().x);
    EXPECT_TRUE(whole.fits(0, 600, 100));
    EXPECT_FALSE(whole.fits(0, 700, 100));
    EXPECT_FALSE(ColumnDecimator().fits(0, 600, 100));
}

TEST(LineChart, GapsSplitTheLineAndTheLegendNamesEachLine) {
    LineChart chart("time", Unit::Seconds, "latency", Unit::Micros);
    chart.addLine({"p99", "#d0343a", {{0, 100}, {1, 200}, {2, NAN}, {3, 150}, {4, 170}}});
    chart.addLine({"p50", "#2f6fdf", {{0, 50}, {1, 60}}, true});
    const std::string svg = chart.svg(600, 240, "Latency");
    EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 240\""));
    EXPECT_EQ(std::count(svg.begin(), svg.end(), '\n'), 0);
    std::size_t polylines = 0;
    for (std::size_t at = svg.find("<polyline"); at != std::string::npos; at = svg.find("<polyline", at + 1))
        ++polylines;
    EXPECT_EQ(polylines, 3u) << "p99 in two stretches, p50 in one";
    EXPECT_THAT(svg, HasSubstr(">p99</text>"));
    EXPECT_THAT(svg, HasSubstr("stroke-dasharray=\"6 3\""));
    EXPECT_THAT(svg, HasSubstr(">200us</text>")) << "y ticks in latency units";
    EXPECT_FALSE(chart.empty());
}

}  // namespace
}  // namespace loadstar::report
