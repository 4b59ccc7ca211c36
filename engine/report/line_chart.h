#pragma once

#include <limits>
#include <string>
#include <vector>

#include "engine/report/chart_axis.h"

namespace loadstar::report {

struct ChartPoint {
    double x = 0;
    double y = std::numeric_limits<double>::quiet_NaN();  // NaN: no value here (a gap in the line)
};

struct ChartLine {
    std::string name;
    std::string color;
    std::vector<ChartPoint> points;  // in increasing x
    bool dashed = false;
};

// A line chart as inline SVG. The axes' ranges come from the data; the x axis is
// linear (time), or the "nines" axis of a percentile distribution (x given as
// -log10(1 - p), labelled 90%, 99%, 99.9% ...).
class LineChart {
  public:
    LineChart(std::string xLabel, Unit xUnit, std::string yLabel, Unit yUnit);

    void addLine(ChartLine line) { lines_.push_back(std::move(line)); }
    void addBand(double from, double to, std::string label);
    // Fixes the x range instead of taking it from the data.
    void setXRange(double from, double to);
    bool empty() const;

    std::string svg(int width, int height, const std::string& description) const;

  private:
    struct Band {
        double from;
        double to;
        std::string label;
    };
    std::string xLabel_;
    Unit xUnit_;
    std::string yLabel_;
    Unit yUnit_;
    std::vector<ChartLine> lines_;
    std::vector<Band> bands_;
    double xFrom_ = std::numeric_limits<double>::quiet_NaN();
    double xTo_ = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace loadstar::report
