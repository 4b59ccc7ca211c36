#pragma once

#include <optional>
#include <vector>

#include <QAbstractTableModel>
#include <QString>

#include "engine/model/server_choice.h"
#include "engine/report/framework_table.h"
#include "widgets/common/run_status.h"

namespace loadstar::widgets {

// The Compare Frameworks table: one row per scenario and server, in the order
// they run, each filled in as its run ends. Warm figures (after the warm-up),
// then cold ones (the server's start and the warm-up's first requests); within
// a scenario the best figure of each column is bold.
class FrameworkTableModel : public QAbstractTableModel {
    Q_OBJECT

  public:
    enum Column {
        ScenarioColumn,
        ServerColumn,
        StatusColumn,
        RpsColumn,
        P50Column,
        P95Column,
        P99Column,
        ErrorsColumn,
        CpuPerRequestColumn,
        PeakRssColumn,
        ColdStartColumn,
        WarmupP50Column,
        WarmupP99Column,
        ColumnCount
    };
    using Status = RunStatus;

    struct Row {
        QString scenario;
        model::ServerChoice server;
        Status status = Status::Waiting;
        QString message;     // why it failed
        QString storedFile;  // where its run was stored; empty until then, or when not stored
        std::optional<report::FrameworkCell> cell;
    };

    explicit FrameworkTableModel(QObject* parent = nullptr);

    void setRows(std::vector<Row> rows);
    const std::vector<Row>& rows() const { return rows_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  private:
    // The value a column compares for "best" (nullopt: none to compare), and
    // whether higher is better.
    static std::optional<double> compared(const report::FrameworkCell& cell, int column,
                                          bool& higherIsBetter);
    bool isBest(std::size_t row, int column) const;
    static QString text(const report::FrameworkCell& cell, int column);

    std::vector<Row> rows_;
};

}  // namespace loadstar::widgets
