#include "widgets/runs/latency_curves.h"

#include <algorithm>
#include <cmath>

#include <QString>

namespace loadstar::widgets {

namespace {

constexpr double kMsPerUs = 1e-3;

}  // namespace

double ninesOf(double percentile) {
    const double remaining = 1.0 - std::clamp(percentile, 0.0, 100.0) / 100.0;
    if (remaining <= std::pow(10.0, -kMaxNines)) return kMaxNines;
    return std::log10(1.0 / remaining);
}

QString ninesLabel(int nines) {
    if (nines <= 0) return QStringLiteral("0%");
    if (nines == 1) return QStringLiteral("90%");
    if (nines == 2) return QStringLiteral("99%");
    return QStringLiteral("99.") + QString(nines - 2, QLatin1Char('9')) + QStringLiteral("%");
}

QList<QPointF> percentileCurve(const stats::LatencyHistogram& histogram, int pointsPerNine) {
    QList<QPointF> points;
    if (histogram.count() == 0 || pointsPerNine <= 0) return points;
    // Beyond 1/(1-p) = count a percentile is the maximum itself: the curve ends there.
    const double lastNines =
        std::min(kMaxNines, std::log10(static_cast<double>(std::max<std::uint64_t>(histogram.count(), 1))));
    const int steps = static_cast<int>(std::ceil(lastNines * pointsPerNine));
    points.reserve(steps + 2);
    for (int i = 0; i <= steps; ++i) {
        const double x = std::min(lastNines, static_cast<double>(i) / pointsPerNine);
        const double percentile = 100.0 * (1.0 - std::pow(10.0, -x));
        points.append(
            {x, static_cast<double>(histogram.valueAtPercentile(std::min(percentile, 100.0))) * kMsPerUs});
    }
    points.append({lastNines, static_cast<double>(histogram.max()) * kMsPerUs});
    return points;
}

QList<QPointF> latencyHistogramBins(const stats::LatencyHistogram& histogram, int bins) {
    QList<QPointF> points;
    if (histogram.count() == 0 || bins <= 0) return points;
    const double low = std::max<double>(1.0, static_cast<double>(histogram.min()));
    const double high = std::max(low * 1.01, static_cast<double>(histogram.max()));
    const double ratio = std::pow(high / low, 1.0 / bins);
    double previousShare =
        low <= 1.0 ? 0.0 : histogram.percentileBelowOrAt(static_cast<std::int64_t>(low) - 1);
    double edge = low;
    for (int i = 0; i < bins; ++i) {
        const double next = i == bins - 1 ? high : edge * ratio;
        const double share = histogram.percentileBelowOrAt(static_cast<std::int64_t>(std::floor(next)));
        points.append({edge * kMsPerUs, std::max(0.0, share - previousShare)});
        previousShare = share;
        edge = next;
    }
    points.append({high * kMsPerUs, points.back().y()});
    return points;
}

}  // namespace loadstar::widgets
