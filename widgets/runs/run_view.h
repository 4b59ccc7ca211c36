#pragma once

#include <optional>

#include <QWidget>

#include "engine/results/run_result.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;
class QTableWidget;
class QToolButton;
class QTreeWidget;
class QXYSeries;

namespace loadstar::widgets {

class RunChart;

// One finished run: its name and note (edited in place), KPIs, the percentile
// distribution and histogram, the time series, status codes, errors, endpoints,
// thresholds and the setup it ran with.
class RunView : public QWidget {
    Q_OBJECT

  public:
    enum class ExportFormat { Json, Csv };

    explicit RunView(QWidget* parent = nullptr);

    void setResult(const results::RunResult& result);
    const std::optional<results::RunResult>& result() const { return result_; }
    // Offers "Report (HTML/PDF)…" in the export menu (when a report writer is there).
    void setReportAvailable(bool available);

    // A chart line by object name ("percentile.corrected", "time.p99", ...), or nullptr.
    QXYSeries* line(const QString& objectName) const;
    QLineEdit* nameEdit() const { return name_; }
    QPlainTextEdit* noteEdit() const { return note_; }
    QTabWidget* tabs() const { return tabs_; }

    // The default label of a run without a name: its scenario and start time.
    static QString defaultName(const results::RunResult& result);

  signals:
    // The user changed the name or the note (on leaving the field). Each is asked
    // for alone, so a name edited here never carries an older note, nor a note an
    // older name.
    void renameRequested(const QString& name);
    void annotateRequested(const QString& note);
    void exportRequested(ExportFormat format);
    void reportRequested();

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void buildKpiTiles();
    QWidget* buildOverTimeTab();
    void commitLabel();
    void fillKpis(const results::RunResult& r);
    void fillLatency(const results::RunResult& r);
    void fillTimeSeries(const results::RunResult& r);
    void fillResponses(const results::RunResult& r);
    void fillThresholds(const results::RunResult& r);
    void fillSetup(const results::RunResult& r);

    std::optional<results::RunResult> result_;
    QLineEdit* name_;
    QPlainTextEdit* note_;
    QLabel* subtitle_;
    QLabel* verdict_;
    QToolButton* export_;
    QAction* reportAction_ = nullptr;
    QWidget* kpis_;
    QTabWidget* tabs_;
    RunChart* percentiles_;
    RunChart* histogram_;
    RunChart* latencyOverTime_;
    RunChart* throughput_;
    RunChart* resources_;
    QTableWidget* statusTable_;
    QTableWidget* errorTable_;
    QTableWidget* endpointTable_;
    QTableWidget* thresholdTable_;
    QTreeWidget* setup_;
};

}  // namespace loadstar::widgets
