#include "widgets/runs/framework_table_model.h"

#include <array>

#include <QBrush>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include "engine/stats/summary.h"
#include "engine/stats/units.h"
#include "widgets/common/chart_style.h"

namespace loadstar::widgets {

namespace {

QString latency(const std::optional<std::int64_t>& micros) {
    return micros ? QString::fromStdString(stats::formatLatency(static_cast<double>(*micros))) : QString();
}

std::optional<double> asDouble(const std::optional<std::int64_t>& v) {
    return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
}

}  // namespace

FrameworkTableModel::FrameworkTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void FrameworkTableModel::setRows(std::vector<Row> rows) {
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

int FrameworkTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int FrameworkTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FrameworkTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
            case CpuPerRequestColumn:
                return tr("The server's CPU time, all its processes together, per answered request");
            case PeakRssColumn:
                return tr("The largest resident memory of all the server's processes together");
            case ColdStartColumn:
                return tr("From the server process's start to its first successful answer");
            case WarmupP50Column:
            case WarmupP99Column:
                return tr("The latency of the first requests after the server's start (the warm-up)");
            default:
                return {};
        }
    }
    if (role != Qt::DisplayRole || section < 0 || section >= ColumnCount) return {};
    static constexpr std::array<const char*, ColumnCount> kHeaders = {
        QT_TR_NOOP("Scenario"),   QT_TR_NOOP("Server"),     QT_TR_NOOP("Status"),
        QT_TR_NOOP("Requests/s"), QT_TR_NOOP("p50"),        QT_TR_NOOP("p95"),
        QT_TR_NOOP("p99"),        QT_TR_NOOP("Errors"),     QT_TR_NOOP("CPU/request"),
        QT_TR_NOOP("Peak RSS"),   QT_TR_NOOP("Cold start"), QT_TR_NOOP("Warm-up p50"),
        QT_TR_NOOP("Warm-up p99")};
    return tr(kHeaders[static_cast<std::size_t>(section)]);
}

std::optional<double> FrameworkTableModel::compared(const report::FrameworkCell& c, int column,
                                                    bool& higherIsBetter) {
    higherIsBetter = column == RpsColumn;
    switch (column) {
        case RpsColumn:
            return c.rps;
        case P50Column:
            return asDouble(c.p50);
        case P95Column:
            return asDouble(c.p95);
        case P99Column:
            return asDouble(c.p99);
        case ErrorsColumn:
            return c.errorRate;
        case CpuPerRequestColumn:
            return c.cpuPerRequestMs;
        case PeakRssColumn:
            return c.peakRssBytes > 0 ? std::optional<double>(static_cast<double>(c.peakRssBytes))
                                      : std::nullopt;
        case ColdStartColumn:
            return c.startSeconds;
        case WarmupP50Column:
            return asDouble(c.coldP50);
        case WarmupP99Column:
            return asDouble(c.coldP99);
        default:
            return std::nullopt;
    }
}

bool FrameworkTableModel::isBest(std::size_t row, int column) const {
    const Row& r = rows_[row];
    bool higher = false;
    const auto value = r.cell ? compared(*r.cell, column, higher) : std::nullopt;
    if (!value) return false;
    int others = 0;
    for (const Row& other : rows_) {
        if (&other == &r || other.scenario != r.scenario || !other.cell) continue;
        const auto v = compared(*other.cell, column, higher);
        if (!v) continue;
        ++others;
        if (higher ? *v > *value : *v < *value) return false;
    }
    return others > 0;
}

QString FrameworkTableModel::text(const report::FrameworkCell& c, int column) {
    const QLocale locale;
    switch (column) {
        case RpsColumn:
            return locale.toString(c.rps, 'f', c.rps < 100 ? 1 : 0);
        case P50Column:
            return latency(c.p50);
        case P95Column:
            return latency(c.p95);
        case P99Column:
            return latency(c.p99);
        case ErrorsColumn:
            return c.errors == 0 ? QStringLiteral("0")
                                 : QStringLiteral("%1 (%2%)").arg(c.errors).arg(c.errorRate * 100, 0, 'f', 2);
        case CpuPerRequestColumn:
            return c.cpuPerRequestMs
                       ? tr("%1 ms").arg(*c.cpuPerRequestMs, 0, 'f', *c.cpuPerRequestMs < 1 ? 3 : 2)
                       : QString();
        case PeakRssColumn:
            return c.peakRssBytes > 0
                       ? QString::fromStdString(stats::formatBytes(static_cast<double>(c.peakRssBytes)))
                       : QString();
        case ColdStartColumn:
            return c.startSeconds ? tr("%1 s").arg(*c.startSeconds, 0, 'f', 2) : QString();
        case WarmupP50Column:
            return c.coldP50 ? latency(*c.coldP50) : QString();
        case WarmupP99Column:
            return c.coldP99 ? latency(*c.coldP99) : QString();
        default:
            return {};
    }
}

QVariant FrameworkTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const auto row = static_cast<std::size_t>(index.row());
    const Row& r = rows_[row];
    const int column = index.column();
    if (role == Qt::TextAlignmentRole) {
        return column >= RpsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role == Qt::FontRole && column >= RpsColumn && isBest(row, column)) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ForegroundRole) {
        const QPalette palette = QGuiApplication::palette();
        if (column == StatusColumn && r.status == Status::Failed) return QBrush(ChartStyle::fail(palette));
        if (column >= RpsColumn && isBest(row, column)) return QBrush(ChartStyle::pass(palette));
        return {};
    }
    if (role == Qt::ToolTipRole && column == StatusColumn)
        return r.message.isEmpty() ? QVariant() : r.message;
    if (role != Qt::DisplayRole) return {};
    switch (column) {
        case ScenarioColumn:
            return r.scenario;
        case ServerColumn:
            return QString::fromStdString(model::describe(r.server));
        case StatusColumn:
            return runStatusText(r.status);
        default:
            return r.cell ? text(*r.cell, column) : QString();
    }
}

}  // namespace loadstar::widgets
