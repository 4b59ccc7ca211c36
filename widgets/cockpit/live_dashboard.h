#pragma once

#include <memory>
#include <vector>

#include <QWidget>

#include "engine/load/snapshot.h"
#include "engine/model/scenario.h"
#include "engine/results/run_result.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace loadstar::widgets {

class KpiTile;
class TimeSeriesChart;

// The run as it happens: KPI tiles (requests/s and p99 now, error share, elapsed
// with progress, stage), latency percentiles over time (log scale on demand; for
// an open loop corrected or as sent), throughput and errors, the server's and the
// load engine's CPU and memory, connections, and the thresholds passing or failing
// on the totals so far. Fed snapshots by the RunController; after the run it
// shows the final result.
class LiveDashboard : public QWidget {
    Q_OBJECT

  public:
    explicit LiveDashboard(QWidget* parent = nullptr);

    // A new run: clears everything.
    void begin(const model::Scenario& scenario);
    // `series`: the run's ticks so far (RunController::series()); only those not
    // shown yet are drawn.
    void showSnapshot(const load::Snapshot& snapshot, const results::Series& series);
    // The run ended: the complete series and the engine's exact verdicts.
    void showResult(const results::RunResult& result, const QString& storedFile);
    void showFailure(const QString& message);
    void setStopEnabled(bool enabled);
    // Shown in place of "Warming up" while not empty (a Locust master waiting for
    // its workers).
    void setEngineNotice(const QString& text);

    TimeSeriesChart* latencyChart() const { return latency_; }
    TimeSeriesChart* throughputChart() const { return throughput_; }
    TimeSeriesChart* resourceChart() const { return resources_; }
    TimeSeriesChart* connectionChart() const { return connections_; }
    QTreeWidget* thresholdList() const { return thresholds_; }
    QPushButton* stopButton() const { return stop_; }
    QProgressBar* progress() const { return progress_; }
    KpiTile* rpsTile() const { return rps_; }
    KpiTile* p99Tile() const { return p99_; }
    KpiTile* errorTile() const { return errors_; }
    KpiTile* stageTile() const { return stage_; }
    QLabel* statusLabel() const { return status_; }
    std::size_t pointsShown() const { return shown_; }

  signals:
    void stopRequested();

  private:
    void appendPoints(const results::Series& series);
    void applyLatencyView();
    // The engine's verdicts: live (a threshold without measurements waits) or final.
    void showThresholdRows(const std::vector<stats::ThresholdResult>& verdicts, bool final);

    model::Scenario scenario_;
    std::size_t shown_ = 0;
    QLabel* title_;
    QLabel* status_;
    QString engineNotice_;
    QPushButton* stop_;
    QProgressBar* progress_;
    KpiTile* rps_;
    KpiTile* p99_;
    KpiTile* errors_;
    KpiTile* connectionsTile_;
    KpiTile* stage_;
    TimeSeriesChart* latency_;
    TimeSeriesChart* throughput_;
    TimeSeriesChart* resources_;
    TimeSeriesChart* connections_;
    QCheckBox* log_;
    QComboBox* measuredFrom_;
    QTreeWidget* thresholds_;
    std::vector<int> correctedLines_;
    std::vector<int> uncorrectedLines_;
    int rpsLine_ = 0;
    int errorLine_ = 0;
    int serverCpu_ = 0;
    int engineCpu_ = 0;
    int serverRss_ = 0;
    int engineRss_ = 0;
    int openLine_ = 0;
    int levelLine_ = 0;
};

}  // namespace loadstar::widgets
