#pragma once

#include <string>
#include <vector>

namespace loadstar::report {

// Bars over shared latency bins; several series overlay
// as translucent bars (a comparison). Heights are shares of requests in percent,
// so runs of different lengths compare.
class HistogramChart {
  public:
    struct Series {
        std::string name;
        std::string color;
        std::vector<double> shares;  // one per bin, percent
    };

    // `edges`: bin boundaries in microseconds, increasing, bins + 1 of them;
    // drawn on a logarithmic axis or a linear one (for a narrow range).
    HistogramChart(std::vector<double> edges, bool logarithmic);

    void addSeries(Series series) { series_.push_back(std::move(series)); }
    std::string svg(int width, int height, const std::string& description) const;

  private:
    std::vector<double> edges_;
    bool logarithmic_;
    std::vector<Series> series_;
};

}  // namespace loadstar::report
