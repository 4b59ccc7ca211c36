#include "engine/report/series_decimation.h"

#include <algorithm>
#include <cmath>

namespace loadstar::report {

std::vector<ChartPoint> decimate(const std::vector<ChartPoint>& points, std::size_t maxPoints,
                                 Reduction reduction) {
    if (maxPoints == 0 || points.size() <= maxPoints) return points;
    const std::size_t group = (points.size() + maxPoints - 1) / maxPoints;
    std::vector<ChartPoint> out;
    out.reserve(points.size() / group + 1);
    for (std::size_t start = 0; start < points.size(); start += group) {
        const std::size_t end = std::min(points.size(), start + group);
        double xSum = 0;
        double ySum = 0;
        double yMax = -std::numeric_limits<double>::infinity();
        std::size_t values = 0;
        for (std::size_t i = start; i < end; ++i) {
            xSum += points[i].x;
            if (!std::isfinite(points[i].y)) continue;
            ySum += points[i].y;
            yMax = std::max(yMax, points[i].y);
            ++values;
        }
        ChartPoint p;
        p.x = xSum / static_cast<double>(end - start);
        if (values > 0) p.y = reduction == Reduction::Max ? yMax : ySum / static_cast<double>(values);
        out.push_back(p);
    }
    return out;
}

}  // namespace loadstar::report
