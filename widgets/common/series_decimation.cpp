#include "widgets/common/series_decimation.h"

#include <algorithm>
#include <array>

namespace loadstar::widgets {

QList<QPointF> decimate(const std::vector<QPointF>& data, double x0, double x1, int buckets) {
    QList<QPointF> out;
    if (data.empty() || !(x1 >= x0)) return out;
    const auto byX = [](const QPointF& p, double x) { return p.x() < x; };
    auto first = std::lower_bound(data.begin(), data.end(), x0, byX);
    auto last =
        std::upper_bound(data.begin(), data.end(), x1, [](double x, const QPointF& p) { return x < p.x(); });
    if (first != data.begin()) --first;
    if (last != data.end()) ++last;
    const auto count = static_cast<int>(last - first);
    if (buckets < 1 || count <= 4 * buckets || x1 == x0) {
        out.reserve(count);
        for (auto it = first; it != last; ++it)
            out.append(*it);
        return out;
    }
    out.reserve(4 * buckets + 2);
    const double width = (x1 - x0) / buckets;
    auto it = first;
    // The point before the range, drawn as it is.
    if (it->x() < x0) out.append(*it++);
    while (it != last && it->x() <= x1) {
        const auto bucket = static_cast<int>(std::min<double>((it->x() - x0) / width, buckets - 1));
        const double end = bucket == buckets - 1 ? x1 : x0 + (bucket + 1) * width;
        const auto begin = it;
        auto low = it;
        auto high = it;
        // At least one point per slice, whatever the rounding of `bucket`.
        for (++it; it != last && it->x() <= x1 && (bucket == buckets - 1 || it->x() < end); ++it) {
            if (it->y() < low->y()) low = it;
            if (it->y() > high->y()) high = it;
        }
        const auto back = it - 1;
        // The four in x order, each once.
        std::array<std::vector<QPointF>::const_iterator, 4> picks{begin, low, high, back};
        std::sort(picks.begin(), picks.end());
        for (std::size_t i = 0; i < picks.size(); ++i) {
            if (i > 0 && picks[i] == picks[i - 1]) continue;
            out.append(*picks[i]);
        }
    }
    // The point after the range.
    if (it != last) out.append(*it);
    return out;
}

}  // namespace loadstar::widgets
