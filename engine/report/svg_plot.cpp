#include "engine/report/svg_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/text/markup.h"

namespace loadstar::report {

namespace {

constexpr const char* kAxisColor = "#555b66";
constexpr const char* kGridColor = "#e3e6ea";
constexpr const char* kTextColor = "#3c4149";

// Rough width of 11px DejaVu Sans text; good enough to lay out a legend row.
double textWidth(const std::string& text) {
    return 6.6 * static_cast<double>(text.size());
}

}  // namespace

std::string svgNumber(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
}

SvgPlot::SvgPlot(int width, int height, ChartAxis xAxis, ChartAxis yAxis)
    : width_(width),
      height_(height),
      xAxis_(std::move(xAxis)),
      yAxis_(std::move(yAxis)),
      right_(width - 30.0),
      bottom_(height - 42.0) {}

double SvgPlot::x(double value) const {
    return left_ + xAxis_.fraction(value) * (right_ - left_);
}

double SvgPlot::y(double value) const {
    return bottom_ - yAxis_.fraction(value) * (bottom_ - top_);
}

void SvgPlot::addBand(double from, double to, std::string label) {
    const double x0 = std::clamp(x(from), left_, right_);
    const double x1 = std::clamp(x(to), left_, right_);
    if (x1 - x0 < 0.5) return;
    bands_ += "<rect x=\"" + svgNumber(x0) + "\" y=\"" + svgNumber(top_) + "\" width=\"" +
              svgNumber(x1 - x0) + "\" height=\"" + svgNumber(bottom_ - top_) + "\" fill=\"#f1f3f5\"/>";
    bands_ += "<text x=\"" + svgNumber((x0 + x1) / 2) + "\" y=\"" + svgNumber(top_ + 12) +
              "\" text-anchor=\"middle\" fill=\"#8a919c\" font-size=\"10\">" + text::escapeMarkup(label) +
              "</text>";
}

std::string SvgPlot::svg(const std::string& description) const {
    const std::string w = std::to_string(width_);
    const std::string h = std::to_string(height_);
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + w + " " + h +
                      "\" width=\"" + w + "\" height=\"" + h + "\" role=\"img\" aria-label=\"" +
                      text::escapeMarkup(description) +
                      "\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"11\">";
    out += "<rect x=\"0\" y=\"0\" width=\"" + w + "\" height=\"" + h + "\" fill=\"#ffffff\"/>";
    out += bands_;

    // Grid and tick labels.
    for (const double t : yAxis_.ticks) {
        const std::string py = svgNumber(y(t));
        out += "<line x1=\"" + svgNumber(left_) + "\" y1=\"" + py + "\" x2=\"" + svgNumber(right_) +
               "\" y2=\"" + py + "\" stroke=\"" + kGridColor + "\" stroke-width=\"1\"/>";
        out += "<text x=\"" + svgNumber(left_ - 6) + "\" y=\"" + svgNumber(y(t) + 4) +
               "\" text-anchor=\"end\" fill=\"" + kTextColor + "\">" +
               text::escapeMarkup(yAxis_.tickText(t)) + "</text>";
    }
    double lastLabelEnd = -1e9;
    for (const double t : xAxis_.ticks) {
        const double px = x(t);
        out += "<line x1=\"" + svgNumber(px) + "\" y1=\"" + svgNumber(top_) + "\" x2=\"" + svgNumber(px) +
               "\" y2=\"" + svgNumber(bottom_) + "\" stroke=\"" + kGridColor + "\" stroke-width=\"1\"/>";
        const std::string label = xAxis_.tickText(t);
        const double half = textWidth(label) / 2;
        if (px - half < lastLabelEnd + 6) continue;  // crowded: skip this label, keep the grid line
        lastLabelEnd = px + half;
        // A label that would run off the right edge ends at its tick instead.
        const bool atEdge = px + half > width_ - 2;
        out += "<text x=\"" + svgNumber(px) + "\" y=\"" + svgNumber(bottom_ + 15) + "\" text-anchor=\"" +
               (atEdge ? "end" : "middle") + "\" fill=\"" + kTextColor + "\">" + text::escapeMarkup(label) +
               "</text>";
    }

    out += "<g>" + body_ + "</g>";

    // Axes over the data.
    out += "<line x1=\"" + svgNumber(left_) + "\" y1=\"" + svgNumber(bottom_) + "\" x2=\"" +
           svgNumber(right_) + "\" y2=\"" + svgNumber(bottom_) + "\" stroke=\"" + kAxisColor +
           "\" stroke-width=\"1\"/>";
    out += "<line x1=\"" + svgNumber(left_) + "\" y1=\"" + svgNumber(top_) + "\" x2=\"" + svgNumber(left_) +
           "\" y2=\"" + svgNumber(bottom_) + "\" stroke=\"" + kAxisColor + "\" stroke-width=\"1\"/>";
    out += "<text x=\"" + svgNumber((left_ + right_) / 2) + "\" y=\"" + svgNumber(height_ - 6.0) +
           "\" text-anchor=\"middle\" fill=\"" + kTextColor + "\">" + text::escapeMarkup(xAxis_.label) +
           "</text>";
    const std::string cy = svgNumber((top_ + bottom_) / 2);
    out += "<text x=\"14\" y=\"" + cy + "\" text-anchor=\"middle\" fill=\"" + kTextColor +
           "\" transform=\"rotate(-90 14 " + cy + ")\">" + text::escapeMarkup(yAxis_.label) + "</text>";

    // Legend: one row above the plot, right-aligned.
    double width = 0;
    for (const LegendEntry& e : legend_)
        width += 26 + textWidth(e.name) + 14;
    double lx = std::max(left_, right_ - width);
    const double ly = top_ - 12;
    for (const LegendEntry& e : legend_) {
        if (e.filled) {
            out += "<rect x=\"" + svgNumber(lx) + "\" y=\"" + svgNumber(ly - 5) +
                   "\" width=\"20\" height=\"10\" fill=\"" + e.color + "\" fill-opacity=\"0.55\" stroke=\"" +
                   e.color + "\"/>";
        } else {
            out += "<line x1=\"" + svgNumber(lx) + "\" y1=\"" + svgNumber(ly) + "\" x2=\"" +
                   svgNumber(lx + 20) + "\" y2=\"" + svgNumber(ly) + "\" stroke=\"" + e.color +
                   "\" stroke-width=\"2.5\"" + (e.dashed ? " stroke-dasharray=\"5 3\"" : "") + "/>";
        }
        out += "<text x=\"" + svgNumber(lx + 26) + "\" y=\"" + svgNumber(ly + 4) + "\" fill=\"" + kTextColor +
               "\">" + text::escapeMarkup(e.name) + "</text>";
        lx += 26 + textWidth(e.name) + 14;
    }
    out += "</svg>";
    return out;
}

}  // namespace loadstar::report
