#include "widgets/cockpit/tick_series.h"

#include <algorithm>

#include <QCoreApplication>

namespace loadstar::widgets {

namespace {

constexpr double kMsPerUs = 1e-3;
constexpr double kBytesPerMiB = 1024.0 * 1024.0;

}  // namespace

QString toString(TickMetric metric) {
    switch (metric) {
        case TickMetric::P50:
            return QStringLiteral("p50");
        case TickMetric::P90:
            return QStringLiteral("p90");
        case TickMetric::P99:
            return QStringLiteral("p99");
        case TickMetric::Max:
            return QCoreApplication::translate("TickSeries", "max");
        case TickMetric::P99Uncorrected:
            return QCoreApplication::translate("TickSeries", "p99 uncorrected");
        case TickMetric::Rps:
            return QCoreApplication::translate("TickSeries", "requests/s");
        case TickMetric::ErrorsPerSecond:
            return QCoreApplication::translate("TickSeries", "errors/s");
        case TickMetric::ServerCpu:
            return QCoreApplication::translate("TickSeries", "server CPU");
        case TickMetric::ServerRssMiB:
            return QCoreApplication::translate("TickSeries", "server RSS");
        case TickMetric::LoadCpu:
            return QCoreApplication::translate("TickSeries", "load gen. CPU");
        case TickMetric::LoadRssMiB:
            return QCoreApplication::translate("TickSeries", "load gen. RSS");
    }
    return {};
}

QList<QPointF> tickSeries(const results::Series& series, TickMetric metric) {
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(series.size()));
    for (const auto& tick : series) {
        const stats::Summary& s = tick->overall;
        const double x = tick->elapsed;
        const auto& target = tick->resources.target;
        const auto& self = tick->resources.self;
        switch (metric) {
            case TickMetric::P50:
            case TickMetric::P90:
            case TickMetric::P99:
            case TickMetric::Max:
            case TickMetric::P99Uncorrected: {
                if (s.latency.count == 0) break;
                const std::int64_t us = metric == TickMetric::P50              ? s.latency.p50
                                        : metric == TickMetric::P90            ? s.latency.p90
                                        : metric == TickMetric::P99            ? s.latency.p99
                                        : metric == TickMetric::P99Uncorrected ? s.uncorrected.p99
                                                                               : s.latency.max;
                points.append({x, static_cast<double>(us) * kMsPerUs});
                break;
            }
            case TickMetric::Rps:
                points.append({x, s.rps});
                break;
            case TickMetric::ErrorsPerSecond:
                points.append({x, tick->seconds > 0 ? static_cast<double>(s.errors) / tick->seconds : 0.0});
                break;
            case TickMetric::ServerCpu:
                if (target && target->alive) points.append({x, target->cpuPercent});
                break;
            case TickMetric::ServerRssMiB:
                if (target && target->alive)
                    points.append({x, static_cast<double>(target->rssBytes) / kBytesPerMiB});
                break;
            case TickMetric::LoadCpu:
                if (self.alive) points.append({x, self.cpuPercent});
                break;
            case TickMetric::LoadRssMiB:
                if (self.alive) points.append({x, static_cast<double>(self.rssBytes) / kBytesPerMiB});
                break;
        }
    }
    return points;
}

}  // namespace loadstar::widgets
