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

  private:
    void exportReport();

    QTableView* table_;
    QLabel* status_;
    QPushButton* report_;
    std::vector<results::RunResult> results_;
    QString projectName_;
    QString projectFile_;
    PathPrompt pathPrompt_;
    std::function<void(const QString& path)> opener_;
};

}  // namespace loadstar::widgets
