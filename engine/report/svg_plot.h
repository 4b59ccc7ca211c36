#pragma once

#include <string>
#include <vector>

#include "engine/report/chart_axis.h"

namespace loadstar::report {

struct LegendEntry {
    std::string name;
    std::string color;
    bool dashed = false;
    bool filled = false;  // a swatch (bars) rather than a line
};

// The frame every chart shares: a plot area inside margins, grid lines and tick
// labels from two axes, axis titles, a legend row, and shaded x ranges. Charts
// map their data with x()/y() and append shapes with add(); svg() assembles
// the document with the grid below and the axes above the data.
//
// Only SVG presentation attributes are used (no CSS, no dominant-baseline), so
// that browsers and Qt's SVG Tiny renderer (the PDF) draw the same picture.
class SvgPlot {
  public:
    SvgPlot(int width, int height, ChartAxis xAxis, ChartAxis yAxis);

    double x(double value) const;
    double y(double value) const;
    double left() const { return left_; }
    double right() const { return right_; }
    double top() const { return top_; }
    double bottom() const { return bottom_; }

    void setLegend(std::vector<LegendEntry> entries) { legend_ = std::move(entries); }
    // A shaded span of x (e.g. the warm-up), labelled at its top.
    void addBand(double from, double to, std::string label);
    void add(const std::string& shapes) { body_ += shapes; }

    std::string svg(const std::string& description) const;

  private:
    int width_;
    int height_;
    ChartAxis xAxis_;
    ChartAxis yAxis_;
    double left_ = 70;
    double right_;
    double top_ = 30;
    double bottom_;
    std::vector<LegendEntry> legend_;
    std::string bands_;
    std::string body_;
};

// "12.3" with one decimal, for compact coordinates.
std::string svgNumber(double value);

}  // namespace loadstar::report
