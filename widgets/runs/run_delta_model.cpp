#include "widgets/runs/run_delta_model.h"

#include <cmath>

#include <QLocale>

#include "widgets/common/chart_style.h"
#include "widgets/common/unit_text.h"
#include "widgets/runs/run_text.h"

namespace loadstar::widgets {

namespace {

constexpr const char* kMetricNames[RunDeltaModel::kMetricCount] = {
    QT_TRANSLATE_NOOP("RunDeltaModel", "Throughput (req/s)"),
    QT_TRANSLATE_NOOP("RunDeltaModel", "p50"),
    QT_TRANSLATE_NOOP("RunDeltaModel", "p90"),
    QT_TRANSLATE_NOOP("RunDeltaModel", "p95"),
    QT_TRANSLATE_NOOP("RunDeltaModel", "p99"),
    QT_TRANSLATE_NOOP("RunDeltaModel", "p99.9"),
    QT_TRANSLATE_NOOP("RunDeltaModel", "Max"),
    QT_TRANSLATE_NOOP("RunDeltaModel", "Errors (%)"),
    QT_TRANSLATE_NOOP("RunDeltaModel", "Server CPU (mean %)"),
    QT_TRANSLATE_NOOP("RunDeltaModel", "Server CPU time per request"),
    QT_TRANSLATE_NOOP("RunDeltaModel", "Server RSS (peak)")};

bool higherIsBetter(RunDeltaModel::Metric metric) {
    return metric == RunDeltaModel::Metric::Rps;
}

bool isLatency(RunDeltaModel::Metric metric) {
    return metric >= RunDeltaModel::Metric::P50 && metric <= RunDeltaModel::Metric::Max;
}

}  // namespace

RunDeltaModel::RunDeltaModel(QObject* parent) : QAbstractTableModel(parent) {}

RunDeltaModel::Column RunDeltaModel::columnOf(const results::RunResult& r, const QString& label) {
    Column c;
    c.label = label;
    const stats::LatencySummary& l = r.overall.latency;
    const auto at = [&c](Metric m) -> std::optional<double>& {
        return c.values[static_cast<std::size_t>(m)];
    };
    at(Metric::Rps) = r.overall.rps;
    if (l.count > 0) {
        at(Metric::P50) = static_cast<double>(l.p50);
        at(Metric::P90) = static_cast<double>(l.p90);
        at(Metric::P95) = static_cast<double>(l.p95);
        at(Metric::P99) = static_cast<double>(l.p99);
        at(Metric::P999) = static_cast<double>(l.p999);
        at(Metric::Max) = static_cast<double>(l.max);
    }
    at(Metric::ErrorRate) = r.overall.errorRate * 100;
    const ResourceUse use = resourceUse(r);
    at(Metric::ServerCpu) = use.serverCpuMean;
    if (use.serverCpuMean && r.overall.rps > 0)
        at(Metric::ServerCpuPerRequest) = *use.serverCpuMean / 100 * 1e6 / r.overall.rps;
    at(Metric::ServerRss) = use.serverRssPeakBytes;
    return c;
}

RunDeltaModel::Change RunDeltaModel::classify(Metric metric, std::optional<double> before,
                                              std::optional<double> after, double* relative) {
    if (!before || !after) return Change::Unknown;
    if (*before == 0) {
        if (relative != nullptr) *relative = 0;
        if (*after == 0) return Change::Same;
        if (metric == Metric::ServerCpu) return Change::Neutral;
        // From nothing to something: no percentage, but a change all the same.
        return (*after > 0) == higherIsBetter(metric) ? Change::Better : Change::Worse;
    }
    const double change = (*after - *before) / std::abs(*before);
    if (relative != nullptr) *relative = change;
    if (std::abs(change) <= kNoiseBand) return Change::Same;
    if (metric == Metric::ServerCpu) return Change::Neutral;
    return (change > 0) == higherIsBetter(metric) ? Change::Better : Change::Worse;
}

void RunDeltaModel::setColumns(std::vector<Column> columns) {
    beginResetModel();
    columns_ = std::move(columns);
    endResetModel();
}

void RunDeltaModel::setPalette(const QPalette& palette) {
    palette_ = palette;
    if (rowCount() > 0 && columnCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), {Qt::ForegroundRole});
}

int RunDeltaModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || columns_.empty() ? 0 : kMetricCount;
}

int RunDeltaModel::columnCount(const QModelIndex& parent) const {
    if (parent.isValid() || columns_.empty()) return 0;
    return 2 * static_cast<int>(columns_.size());
}

QString RunDeltaModel::valueText(Metric metric, std::optional<double> value) const {
    if (!value) return tr("n/a");
    if (isLatency(metric)) return latencyText(*value);
    switch (metric) {
        case Metric::Rps:
            return QLocale().toString(*value, 'f', *value < 100 ? 1 : 0);
        case Metric::ErrorRate:
            return percentText(*value);
        case Metric::ServerCpu:
            return QStringLiteral("%1 %").arg(*value, 0, 'f', 0);
        case Metric::ServerCpuPerRequest:
            return latencyText(*value);
        case Metric::ServerRss:
            return bytesText(*value);
        default:
            return QString::number(*value);
    }
}

QVariant RunDeltaModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const auto metric = static_cast<Metric>(index.row());
    const auto m = static_cast<std::size_t>(index.row());
    const int column = index.column();
    if (column == 0) {
        if (role == Qt::DisplayRole) return tr(kMetricNames[m]);
        if (role == Qt::ToolTipRole) {
            if (metric == Metric::ServerCpu)
                return tr("Rises with the load served: see CPU per request for efficiency");
            if (metric == Metric::ServerCpuPerRequest)
                return tr("Server CPU time per completed request: lower is better");
            return higherIsBetter(metric) ? tr("Higher is better") : tr("Lower is better");
        }
        return {};
    }
    // Column 1: the baseline's value; then value / change pairs per run.
    const bool isChange = column >= 3 && column % 2 == 1;
    const auto run = static_cast<std::size_t>(column == 1 ? 0 : column / 2);
    const std::optional<double> value = columns_[run].values[m];
    if (!isChange) {
        if (role == Qt::DisplayRole) return valueText(metric, value);
        if (role == Qt::TextAlignmentRole) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    const std::optional<double> base = columns_[0].values[m];
    double relative = 0;
    const Change change = classify(metric, base, value, &relative);
    switch (role) {
        case Qt::DisplayRole: {
            if (change == Change::Unknown) return tr("n/a");
            QString amount;
            if (metric == Metric::ErrorRate) {
                amount = tr("%1%2 pp")
                             .arg(*value >= *base ? QStringLiteral("+") : QStringLiteral("−"))
                             .arg(std::abs(*value - *base), 0, 'f', 2);
            } else if (*base == 0) {
                amount = *value == 0 ? tr("±0") : tr("from 0");
            } else {
                amount = QStringLiteral("%1%2 %")
                             .arg(relative >= 0 ? QStringLiteral("+") : QStringLiteral("−"))
                             .arg(std::abs(relative) * 100, 0, 'f', 1);
            }
            const bool up = *value > *base;
            if (change == Change::Same) return tr("%1 (noise)").arg(amount);
            if (change == Change::Neutral)
                return tr("%1 %2").arg(amount, up ? QStringLiteral("▲") : QStringLiteral("▼"));
            return tr("%1 %2 %3")
                .arg(amount, up ? QStringLiteral("▲") : QStringLiteral("▼"),
                     change == Change::Better ? tr("better") : tr("worse"));
        }
        case Qt::ForegroundRole:
            if (change == Change::Better) return ChartStyle::pass(palette_);
            if (change == Change::Worse) return ChartStyle::fail(palette_);
            return palette_.color(QPalette::PlaceholderText);
        case Qt::TextAlignmentRole:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        case ChangeRole:
            return static_cast<int>(change);
        case RelativeRole:
            return relative;
        default:
            return {};
    }
}

QVariant RunDeltaModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return {};
    if (section == 0) return tr("Metric");
    if (section == 1) return tr("%1 (baseline)").arg(columns_[0].label);
    const auto run = static_cast<std::size_t>(section / 2);
    return section % 2 == 0 ? columns_[run].label : tr("vs baseline");
}

}  // namespace loadstar::widgets
