#include "engine/report/line_chart.h"

#include <algorithm>
#include <cmath>

#include "engine/report/svg_plot.h"

namespace loadstar::report {

LineChart::LineChart(std::string xLabel, Unit xUnit, std::string yLabel, Unit yUnit)
    : xLabel_(std::move(xLabel)), xUnit_(xUnit), yLabel_(std::move(yLabel)), yUnit_(yUnit) {}

void LineChart::addBand(double from, double to, std::string label) {
    bands_.push_back({from, to, std::move(label)});
}

void LineChart::setXRange(double from, double to) {
    xFrom_ = from;
    xTo_ = to;
}

bool LineChart::empty() const {
    for (const ChartLine& line : lines_) {
        for (const ChartPoint& p : line.points) {
            if (std::isfinite(p.y)) return false;
        }
    }
    return true;
}

std::string LineChart::svg(int width, int height, const std::string& description) const {
    double xMin = std::numeric_limits<double>::infinity();
    double xMax = -xMin;
    double yMax = 0;
    for (const ChartLine& line : lines_) {
        for (const ChartPoint& p : line.points) {
            xMin = std::min(xMin, p.x);
            xMax = std::max(xMax, p.x);
            if (std::isfinite(p.y)) yMax = std::max(yMax, p.y);
        }
    }
    if (std::isfinite(xFrom_)) {
        xMin = xFrom_;
        xMax = xTo_;
    }
    if (!std::isfinite(xMin)) {
        xMin = 0;
        xMax = 1;
    }
    ChartAxis xAxis = ChartAxis::linear(xLabel_, xUnit_, xMin, xMax, xUnit_ != Unit::Nines, 8);
    if (xUnit_ == Unit::Seconds || xUnit_ == Unit::Nines) {
        // Time and nines start where the data starts; no padding past the end.
        xAxis.max = std::max(xMax, xAxis.min + xAxis.step * 1e-3);
        while (!xAxis.ticks.empty() && xAxis.ticks.back() > xAxis.max + 1e-9)
            xAxis.ticks.pop_back();
    }
    const ChartAxis yAxis = ChartAxis::linear(yLabel_, yUnit_, 0, yMax * 1.05, true, 5);
    SvgPlot plot(width, height, xAxis, yAxis);

    for (const Band& b : bands_)
        plot.addBand(b.from, b.to, b.label);
    std::vector<LegendEntry> legend;
    for (const ChartLine& line : lines_) {
        legend.push_back({line.name, line.color, line.dashed, false});
        // One polyline per unbroken stretch: a tick without a value is a gap, not a zero.
        std::string points;
        std::size_t count = 0;
        auto flush = [&] {
            if (count == 1) {
                plot.add("<circle cx=\"" + points.substr(0, points.find(',')) + "\" cy=\"" +
                         points.substr(points.find(',') + 1) + "\" r=\"1.8\" fill=\"" + line.color + "\"/>");
            } else if (count > 1) {
                plot.add("<polyline fill=\"none\" stroke=\"" + line.color +
                         "\" stroke-width=\"1.6\" stroke-linejoin=\"round\"" +
                         (line.dashed ? " stroke-dasharray=\"6 3\"" : "") + " points=\"" + points + "\"/>");
            }
            points.clear();
            count = 0;
        };
        for (const ChartPoint& p : line.points) {
            if (!std::isfinite(p.y) || p.x < xAxis.min - 1e-9 || p.x > xAxis.max + 1e-9) {
                flush();
                continue;
            }
            if (count > 0) points += ' ';
            points += svgNumber(plot.x(p.x)) + "," + svgNumber(plot.y(p.y));
            ++count;
        }
        flush();
    }
    plot.setLegend(std::move(legend));
    return plot.svg(description);
}

}  // namespace loadstar::report
