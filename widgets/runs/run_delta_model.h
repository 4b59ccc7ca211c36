#pragma once

#include <array>
#include <optional>
#include <vector>

#include <QAbstractTableModel>
#include <QPalette>

#include "engine/results/run_result.h"

namespace loadstar::widgets {

// The comparison table: one row per metric, the baseline's values in the first
// run column, then for every other run its value and its change against the
// baseline, marked better or worse (arrow, word and colour) when the change is
// larger than the noise band.
class RunDeltaModel : public QAbstractTableModel {
    Q_OBJECT

  public:
    enum class Metric {
        Rps,
        P50,
        P90,
        P95,
        P99,
        P999,
        Max,
        ErrorRate,
        ServerCpu,
        ServerCpuPerRequest,
        ServerRss
    };
    static constexpr int kMetricCount = 11;
    // Neutral: a change that is neither good nor bad by itself (server CPU % rises
    // with the load it serves; CPU per request says whether it got cheaper).
    enum class Change { Same, Better, Worse, Unknown, Neutral };
    // Relative changes within ±3 % are run-to-run noise on a shared machine.
    static constexpr double kNoiseBand = 0.03;
    // The relative change (0.1 = +10 %) and its verdict.
    static constexpr int ChangeRole = Qt::UserRole;
    static constexpr int RelativeRole = Qt::UserRole + 1;

    struct Column {
        QString label;
        std::array<std::optional<double>, kMetricCount> values;
    };

    explicit RunDeltaModel(QObject* parent = nullptr);

    static Column columnOf(const results::RunResult& result, const QString& label);
    // Whether `after` is better or worse than `before` for the metric, or within the noise.
    static Change classify(Metric metric, std::optional<double> before, std::optional<double> after,
                           double* relative = nullptr);

    // The first column is the baseline.
    void setColumns(std::vector<Column> columns);
    void setPalette(const QPalette& palette);

    // Model column of run `run`'s value and of its change (run >= 1).
    static int valueColumn(int run) { return run == 0 ? 1 : 2 * run; }
    static int changeColumn(int run) { return 2 * run + 1; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  private:
    QString valueText(Metric metric, std::optional<double> value) const;

    std::vector<Column> columns_;
    QPalette palette_;
};

}  // namespace loadstar::widgets
