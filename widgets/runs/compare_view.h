#pragma once

#include <vector>

#include <QWidget>

#include "engine/results/run_result.h"

class QComboBox;
class QLabel;
class QTableView;
class QTableWidget;
class QTabWidget;
class QXYSeries;

namespace loadstar::widgets {

class RunChart;
class RunDeltaModel;

// Two or more runs side by side: a table of changes against a baseline (the
// first run unless the user picks another), overlaid percentile distributions
// and time series (p99, throughput), and the settings they ran with.
class CompareView : public QWidget {
    Q_OBJECT

  public:
    explicit CompareView(QWidget* parent = nullptr);

    // `labels[i]` names `runs[i]` in the table and the legends.
    void setRuns(std::vector<results::RunResult> runs, const QStringList& labels);
    void setBaseline(int run);
    int baseline() const { return baseline_; }
    int runCount() const { return static_cast<int>(runs_.size()); }

    RunDeltaModel* deltaModel() const { return deltas_; }
    QTableView* deltaTable() const { return deltaTable_; }
    QTableWidget* settingsTable() const { return settings_; }
    QXYSeries* line(const QString& objectName) const;
    const std::vector<results::RunResult>& runs() const { return runs_; }

  signals:
    // The user asked for the comparison as a report (HTML or PDF), baseline first.
    void reportRequested();

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void rebuild();

    std::vector<results::RunResult> runs_;
    QStringList labels_;
    int baseline_ = 0;
    QLabel* title_;
    QComboBox* baselineChoice_;
    RunDeltaModel* deltas_;
    QTableView* deltaTable_;
    QTableWidget* settings_;
    QTabWidget* tabs_;
    RunChart* percentiles_;
    RunChart* p99_;
    RunChart* rps_;
};

}  // namespace loadstar::widgets
