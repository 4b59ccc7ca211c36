#include "widgets/cockpit/live_thresholds.h"

#include <cmath>
#include <optional>

#include <QCoreApplication>

#include "engine/stats/threshold.h"
#include "engine/stats/units.h"

namespace loadstar::widgets {

namespace {

std::optional<double> percentileOf(const stats::LatencySummary& l, double p) {
    const auto near = [p](double v) { return std::abs(p - v) < 1e-9; };
    if (near(50)) return static_cast<double>(l.p50);
    if (near(90)) return static_cast<double>(l.p90);
    if (near(95)) return static_cast<double>(l.p95);
    if (near(99)) return static_cast<double>(l.p99);
    if (near(99.9)) return static_cast<double>(l.p999);
    if (near(100)) return static_cast<double>(l.max);
    return std::nullopt;
}

bool holds(stats::Threshold::Op op, double measured, double limit) {
    switch (op) {
        case stats::Threshold::Op::Less:
            return measured < limit;
        case stats::Threshold::Op::LessOrEqual:
            return measured <= limit;
        case stats::Threshold::Op::Greater:
            return measured > limit;
        case stats::Threshold::Op::GreaterOrEqual:
            return measured >= limit;
    }
    return false;
}

}  // namespace

std::vector<LiveVerdict> evaluateLive(const std::vector<std::string>& thresholds,
                                      const load::Snapshot& snapshot) {
    std::vector<LiveVerdict> out;
    for (const std::string& text : thresholds) {
        LiveVerdict v;
        v.text = QString::fromStdString(text);
        auto parsed = stats::parseThreshold(text);
        if (const auto* e = std::get_if<stats::ThresholdParseError>(&parsed)) {
            v.state = LiveVerdict::State::Invalid;
            v.measured = QString::fromStdString(e->toString());
            out.push_back(v);
            continue;
        }
        const stats::Threshold& t = std::get<stats::Threshold>(parsed);
        const stats::Summary* s = &snapshot.totals;
        if (!t.endpoint.empty()) {
            s = nullptr;
            for (std::size_t i = 0; i < snapshot.endpointIds.size() && i < snapshot.endpointTotals.size();
                 ++i) {
                if (snapshot.endpointIds[i] == t.endpoint) s = &snapshot.endpointTotals[i];
            }
            if (s == nullptr) {
                v.state = LiveVerdict::State::Invalid;
                v.measured = QCoreApplication::translate("LiveThresholds", "no endpoint “%1” in this run")
                                 .arg(QString::fromStdString(t.endpoint));
                out.push_back(v);
                continue;
            }
        }
        if (s->requests == 0) {
            out.push_back(v);
            continue;
        }
        std::optional<double> measured;
        bool latency = true;
        switch (t.metric) {
            case stats::Threshold::Metric::Percentile:
                measured = percentileOf(s->latency, t.percentile);
                break;
            case stats::Threshold::Metric::Mean:
                measured = s->latency.mean;
                break;
            case stats::Threshold::Metric::Min:
                measured = static_cast<double>(s->latency.min);
                break;
            case stats::Threshold::Metric::Max:
                measured = static_cast<double>(s->latency.max);
                break;
            case stats::Threshold::Metric::ErrorRate:
                latency = false;
                measured = s->errorRate;
                break;
            case stats::Threshold::Metric::Rps:
                latency = false;
                measured = s->rps;
                break;
            case stats::Threshold::Metric::Requests:
                latency = false;
                measured = static_cast<double>(s->requests);
                break;
            case stats::Threshold::Metric::Errors:
                latency = false;
                measured = static_cast<double>(s->errors);
                break;
        }
        if (!measured) {
            v.measured = QCoreApplication::translate("LiveThresholds", "judged at the end");
            out.push_back(v);
            continue;
        }
        v.state = holds(t.op, *measured, t.value) ? LiveVerdict::State::Passing : LiveVerdict::State::Failing;
        if (latency) {
            v.measured = QString::fromStdString(stats::formatLatency(*measured));
        } else if (t.metric == stats::Threshold::Metric::ErrorRate) {
            v.measured = QStringLiteral("%1%").arg(*measured * 100, 0, 'f', 2);
        } else if (t.metric == stats::Threshold::Metric::Rps) {
            v.measured = QStringLiteral("%1/s").arg(*measured, 0, 'f', 1);
        } else {
            v.measured = QString::number(static_cast<qulonglong>(*measured));
        }
        out.push_back(v);
    }
    return out;
}

}  // namespace loadstar::widgets
