#pragma once

#include <optional>
#include <vector>

#include <QAbstractTableModel>
#include <QString>

#include "engine/results/run_result.h"
#include "widgets/common/run_status.h"

namespace loadstar::widgets {

// The benchmark plan's table: one row per scenario, filled in as each run ends.
class BenchmarkSummaryModel : public QAbstractTableModel {
    Q_OBJECT

  public:
    enum Column {
        ScenarioColumn,
        StatusColumn,
        RpsColumn,
        P50Column,
        P95Column,
        P99Column,
        ErrorsColumn,
        ServerCpuColumn,
        ServerRssColumn,
        VerdictColumn,
        ColumnCount
    };
    using Status = RunStatus;

    struct Row {
        QString scenario;
        Status status = Status::Waiting;
        QString message;  // why it failed
        double rps = 0;
        double p50us = 0;
        double p95us = 0;
        double p99us = 0;
        double errorRate = 0;
        std::uint64_t errors = 0;
        std::optional<double> serverCpu;       // mean % of a core over the measured ticks
        std::optional<double> serverRssBytes;  // the most
        std::optional<bool> passed;            // nullopt: no thresholds
    };

    explicit BenchmarkSummaryModel(QObject* parent = nullptr);

    void setRows(std::vector<Row> rows);
    const std::vector<Row>& rows() const { return rows_; }
    // The figures of a finished run, for its row.
    static Row rowFor(const results::RunResult& result);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  private:
    std::vector<Row> rows_;
};

}  // namespace loadstar::widgets
