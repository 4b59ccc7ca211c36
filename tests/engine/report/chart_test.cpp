#include <cmath>

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
    EXPECT_EQ(decimate({{0, 1}, {1, 2}}, 600, Reduction::Mean).size(), 2u);
    std::vector<ChartPoint> gaps(10, ChartPoint{0, NAN});
    EXPECT_TRUE(std::isnan(decimate(gaps, 5, Reduction::Max)[0].y)) << "a gap stays a gap";
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
