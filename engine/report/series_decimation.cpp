#include "engine/report/series_decimation.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace loadstar::report {

namespace {

// One run's point: at its mean x, the mean or highest of its values.
ChartPoint combined(std::span<const ChartPoint> run, Reduction reduction) {
    double xSum = 0;
    double ySum = 0;
    double yMax = -std::numeric_limits<double>::infinity();
    std::size_t values = 0;
    for (const ChartPoint& p : run) {
        xSum += p.x;
        if (!std::isfinite(p.y)) continue;
        ySum += p.y;
        yMax = std::max(yMax, p.y);
        ++values;
    }
    ChartPoint out;
    out.x = xSum / static_cast<double>(run.size());
    if (values > 0) out.y = reduction == Reduction::Max ? yMax : ySum / static_cast<double>(values);
    return out;
}

// A run's first, lowest, highest and last values, each once, in x order.
void appendExtremes(std::span<const ChartPoint> run, std::vector<ChartPoint>& out) {
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t first = kNone;
    std::size_t low = kNone;
    std::size_t high = kNone;
    std::size_t last = kNone;
    for (std::size_t i = 0; i < run.size(); ++i) {
        if (!std::isfinite(run[i].y)) continue;
        if (first == kNone) first = low = high = i;
        if (run[i].y < run[low].y) low = i;
        if (run[i].y > run[high].y) high = i;
        last = i;
    }
    if (first == kNone) {
        out.push_back(combined(run, Reduction::Mean));
        return;
    }
    std::array<std::size_t, 4> picks{first, low, high, last};
    std::sort(picks.begin(), picks.end());
    for (std::size_t i = 0; i < picks.size(); ++i) {
        if (i == 0 || picks[i] != picks[i - 1]) out.push_back(run[picks[i]]);
    }
}

}  // namespace

std::vector<ChartPoint> decimate(std::span<const ChartPoint> points, std::size_t groups,
                                 Reduction reduction) {
    const std::size_t fits = reduction == Reduction::Extremes ? 4 * groups : groups;
    if (groups == 0 || points.size() <= fits) return {points.begin(), points.end()};
    const std::size_t length = (points.size() + groups - 1) / groups;
    std::vector<ChartPoint> out;
    out.reserve((reduction == Reduction::Extremes ? 4 : 1) * groups);
    for (std::size_t start = 0; start < points.size(); start += length) {
        const auto run = points.subspan(start, std::min(length, points.size() - start));
        if (reduction == Reduction::Extremes) {
            appendExtremes(run, out);
        } else {
            out.push_back(combined(run, reduction));
        }
    }
    return out;
}

std::vector<ChartPoint> decimate(std::span<const ChartPoint> points, double x0, double x1, std::size_t groups,
                                 Reduction reduction) {
    if (points.empty() || !(x1 >= x0)) return {};
    const auto first = std::lower_bound(points.begin(), points.end(), x0,
                                        [](const ChartPoint& p, double x) { return p.x < x; });
    const auto end = std::upper_bound(points.begin(), points.end(), x1,
                                      [](double x, const ChartPoint& p) { return x < p.x; });
    std::vector<ChartPoint> out;
    if (first != points.begin()) out.push_back(*(first - 1));
    const std::vector<ChartPoint> inside = decimate(std::span(first, end), groups, reduction);
    out.insert(out.end(), inside.begin(), inside.end());
    if (end != points.end()) out.push_back(*end);
    return out;
}

ColumnDecimator::ColumnDecimator(double x0, double x1, std::size_t columns)
    : x0_(x0), x1_(x1), columns_(columns) {}

bool ColumnDecimator::fits(double x0, double x1, std::size_t columns) const {
    return columns_ > 0 && columns == columns_ && x0 == x0_ && x1 == x1_;
}

void ColumnDecimator::add(std::span<const ChartPoint> points) {
    if (columns_ == 0) return;
    const double width = (x1_ - x0_) / static_cast<double>(columns_);
    for (const ChartPoint& p : points) {
        const double at = width > 0 ? std::floor((p.x - x0_) / width) : 0;
        const std::size_t column =
            at <= 0 ? 0 : std::min(columns_ - 1, static_cast<std::size_t>(std::min(at, 1e15)));
        if (column != openColumn_ && !open_.empty()) {
            appendExtremes(open_, closed_);
            open_.clear();
        }
        openColumn_ = column;
        open_.push_back(p);
        ++added_;
    }
}

std::vector<ChartPoint> ColumnDecimator::points() const {
    std::vector<ChartPoint> out = closed_;
    if (!open_.empty()) appendExtremes(open_, out);
    return out;
}

}  // namespace loadstar::report
