#pragma once

#include <functional>
#include <vector>

#include <QWidget>

#include "engine/results/run_result.h"

class QLabel;
class QPushButton;
class QTableView;

namespace loadstar::widgets {

class FrameworkTableModel;

// The Compare Frameworks table as the runs end: per scenario, the embedded
// server, FastAPI and Flask side by side (warm figures, then the cold start and
// the warm-up's latency), the best of each column in bold, and the comparison as
// an HTML report.
class FrameworkComparisonView : public QWidget {
    Q_OBJECT

  public:
    // Asked for the report's file name; empty means cancelled.
    using PathPrompt = std::function<QString(const QString& suggestion)>;

    explicit FrameworkComparisonView(FrameworkTableModel* model, QWidget* parent = nullptr);

    // The runs the report is made of (as they finish) and the project they belong to.
    void setResults(std::vector<results::RunResult> results, const QString& projectName,
                    const QString& projectFile);
    // Writes the HTML report to `path`; the error text, or empty when written.
    QString writeReport(const QString& path) const;
    void setPathPrompt(PathPrompt prompt) { pathPrompt_ = std::move(prompt); }
    void setReportOpener(std::function<void(const QString& path)> opener) { opener_ = std::move(opener); }

    QTableView* table() const { return table_; }
    QPushButton* reportButton() const { return report_; }
    QPushButton* compareButton() const { return compare_; }
    // Why runs failed (a missing Python package, a server that did not start), under
    // the table; hidden while none has.
    QLabel* failures() const { return failures_; }

  signals:
    // The stored runs to show in the Runs page: one run (a row double-clicked), or
    // every stored run of the selected row's scenario, to compare side by side.
    void runsRequested(const QStringList& files);

  private:
    void exportReport();
    // The stored runs of the scenario of the selected row (the first row's when none is).
    QStringList runsOfSelectedScenario() const;
    void updateCompareButton();
    void updateFailures();

    QTableView* table_;
    QLabel* status_;
    QLabel* failures_;
    QPushButton* report_;
    QPushButton* compare_;
    std::vector<results::RunResult> results_;
    QString projectName_;
    QString projectFile_;
    PathPrompt pathPrompt_;
    std::function<void(const QString& path)> opener_;
};

}  // namespace loadstar::widgets
