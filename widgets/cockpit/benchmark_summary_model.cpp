#include "widgets/cockpit/benchmark_summary_model.h"

#include <algorithm>
#include <array>

#include <QBrush>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include "widgets/common/chart_style.h"
#include "widgets/common/unit_text.h"

namespace loadstar::widgets {

BenchmarkSummaryModel::BenchmarkSummaryModel(QObject* parent) : QAbstractTableModel(parent) {}

void BenchmarkSummaryModel::setRows(std::vector<Row> rows) {
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

BenchmarkSummaryModel::Row BenchmarkSummaryModel::rowFor(const results::RunResult& result) {
    Row row;
    row.scenario = QString::fromStdString(result.scenario ? result.scenario->name : result.id);
    row.status = result.interrupted ? Status::Stopped : Status::Done;
    const stats::Summary& o = result.overall;
    row.rps = o.rps;
    row.p50us = static_cast<double>(o.latency.p50);
    row.p95us = static_cast<double>(o.latency.p95);
    row.p99us = static_cast<double>(o.latency.p99);
    row.errorRate = o.errorRate;
    row.errors = o.errors;
    double cpu = 0;
    std::uint64_t rss = 0;
    int ticks = 0;
    for (const auto& p : result.series) {
        if (p->stage < 0 || !p->resources.target || !p->resources.target->alive) continue;
        cpu += p->resources.target->cpuPercent;
        rss = std::max(rss, p->resources.target->rssBytes);
        ++ticks;
    }
    if (ticks > 0) {
        row.serverCpu = cpu / ticks;
        row.serverRssBytes = static_cast<double>(rss);
    }
    if (!result.thresholds.empty()) row.passed = result.thresholdsPassed;
    return row;
}

int BenchmarkSummaryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int BenchmarkSummaryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BenchmarkSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    static constexpr std::array<const char*, ColumnCount> kHeaders = {
        QT_TR_NOOP("Scenario"),   QT_TR_NOOP("Status"),    QT_TR_NOOP("Requests/s"), QT_TR_NOOP("p50"),
        QT_TR_NOOP("p95"),        QT_TR_NOOP("p99"),       QT_TR_NOOP("Errors"),     QT_TR_NOOP("Server CPU"),
        QT_TR_NOOP("Server RSS"), QT_TR_NOOP("Thresholds")};
    return tr(kHeaders[static_cast<std::size_t>(section)]);
}

QVariant BenchmarkSummaryModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& r = rows_[static_cast<std::size_t>(index.row())];
    const bool measured = r.status == Status::Done || r.status == Status::Stopped;
    if (role == Qt::TextAlignmentRole) {
        return index.column() >= RpsColumn && index.column() <= ServerRssColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role == Qt::ForegroundRole) {
        const QPalette palette = QGuiApplication::palette();
        if (index.column() == VerdictColumn && r.passed)
            return QBrush(*r.passed ? ChartStyle::pass(palette) : ChartStyle::fail(palette));
        if (index.column() == StatusColumn && r.status == Status::Failed)
            return QBrush(ChartStyle::fail(palette));
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == StatusColumn)
        return r.message.isEmpty() ? QVariant() : r.message;
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
        case ScenarioColumn:
            return r.scenario;
        case StatusColumn:
            return runStatusText(r.status);
        case RpsColumn:
            return measured ? QLocale().toString(r.rps, 'f', 0) : QString();
        case P50Column:
            return measured ? latencyText(r.p50us) : QString();
        case P95Column:
            return measured ? latencyText(r.p95us) : QString();
        case P99Column:
            return measured ? latencyText(r.p99us) : QString();
        case ErrorsColumn:
            return measured ? QStringLiteral("%1 (%2%)").arg(r.errors).arg(r.errorRate * 100, 0, 'f', 2)
                            : QString();
        case ServerCpuColumn:
            return measured && r.serverCpu ? QStringLiteral("%1%").arg(*r.serverCpu, 0, 'f', 0) : QString();
        case ServerRssColumn:
            return measured && r.serverRssBytes ? bytesText(*r.serverRssBytes) : QString();
        case VerdictColumn:
            if (!measured) return QString();
            if (!r.passed) return tr("none");
            return *r.passed ? tr("✓ passed") : tr("✗ failed");
        default:
            return {};
    }
}

}  // namespace loadstar::widgets
