#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "engine/report/line_chart.h"

namespace loadstar::report {

// How the points that share one place on a chart are combined.
enum class Reduction {
    Extremes,  // interactive charts: the first, lowest, highest and last point, in x order
    Mean,      // rates: the area under the line is kept
    Max,       // latencies: a spike in any tick stays visible
};

// The one series decimator of the reports and the workbench's charts. A long
// series (x ascending) is cut into at most `groups` runs of consecutive points of
// equal length; each run becomes one point at its mean x (Mean, Max) or up to four
// of its own points (Extremes), so spikes survive however long the run is. A
// series that fits (`groups` points, four times that for Extremes) comes back
// whole. NaN values are gaps: left out of a run's reduction, and a run of gaps
// only stays one gap. A one-hour run at 4 ticks/s is 14,400 points; a chart
// needs ~600.
std::vector<ChartPoint> decimate(std::span<const ChartPoint> points, std::size_t groups, Reduction reduction);

// The same for the points with x in [x0, x1] (a zoomed view), plus the nearest
// point outside either end, as it is, so the line reaches the edges.
std::vector<ChartPoint> decimate(std::span<const ChartPoint> points, double x0, double x1, std::size_t groups,
                                 Reduction reduction);

// The Extremes reduction of a series that grows at its end, over fixed columns of
// x: [x0, x1] cut into `columns` equal columns, each reduced to its first, lowest,
// highest and last point. Points are added in x order and only the newest column is
// reworked, so a live chart pays for the new ticks, not for the length of the run.
// A point outside [x0, x1] counts in the nearest column.
class ColumnDecimator {
  public:
    ColumnDecimator() = default;
    ColumnDecimator(double x0, double x1, std::size_t columns);

    // Whether this decimator cuts [x0, x1] into `columns` columns.
    bool fits(double x0, double x1, std::size_t columns) const;
    void add(std::span<const ChartPoint> points);
    std::size_t added() const { return added_; }
    // The closed columns' points, then the open column's.
    std::vector<ChartPoint> points() const;

  private:
    double x0_ = 0;
    double x1_ = 0;
    std::size_t columns_ = 0;
    std::vector<ChartPoint> closed_;
    std::vector<ChartPoint> open_;  // the newest column's points, as added
    std::size_t openColumn_ = 0;
    std::size_t added_ = 0;
};

}  // namespace loadstar::report
