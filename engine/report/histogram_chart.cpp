#include "engine/report/histogram_chart.h"

#include <algorithm>

#include "engine/report/svg_plot.h"

namespace loadstar::report {

HistogramChart::HistogramChart(std::vector<double> edges, bool logarithmic)
    : edges_(std::move(edges)), logarithmic_(logarithmic) {}

std::string HistogramChart::svg(int width, int height, const std::string& description) const {
    double top = 0;
    for (const Series& s : series_) {
        for (const double share : s.shares)
            top = std::max(top, share);
    }
    const double low = edges_.empty() ? 1 : edges_.front();
    const double high = edges_.empty() ? 10 : edges_.back();
    ChartAxis xAxis = logarithmic_ ? ChartAxis::logarithmic("latency (log scale)", Unit::Micros, low, high)
                                   : ChartAxis::linear("latency", Unit::Micros, low, high, false, 8);
    if (!logarithmic_) {
        // The bins span exactly [low, high]; keep the ticks inside it.
        xAxis.min = low;
        xAxis.max = high;
        std::erase_if(xAxis.ticks, [&](double t) { return t < low - 1e-9 || t > high + 1e-9; });
    }
    SvgPlot plot(width, height, xAxis,
                 ChartAxis::linear("share of requests", Unit::Percent, 0, top * 1.05, true, 5));
    std::vector<LegendEntry> legend;
    const char* opacity = series_.size() > 1 ? "0.45" : "0.8";
    for (const Series& s : series_) {
        legend.push_back({s.name, s.color, false, true});
        std::string bars;
        for (std::size_t i = 0; i < s.shares.size() && i + 1 < edges_.size(); ++i) {
            if (s.shares[i] <= 0) continue;
            const double x0 = plot.x(edges_[i]);
            const double x1 = plot.x(edges_[i + 1]);
            const double y = plot.y(s.shares[i]);
            bars += "<rect x=\"" + svgNumber(x0 + 0.5) + "\" y=\"" + svgNumber(y) + "\" width=\"" +
                    svgNumber(std::max(0.8, x1 - x0 - 1)) + "\" height=\"" + svgNumber(plot.bottom() - y) +
                    "\"/>";
        }
        plot.add("<g fill=\"" + s.color + "\" fill-opacity=\"" + std::string(opacity) + "\">" + bars +
                 "</g>");
    }
    plot.setLegend(std::move(legend));
    return plot.svg(description);
}

}  // namespace loadstar::report
