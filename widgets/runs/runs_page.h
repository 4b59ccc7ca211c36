#pragma once

#include <filesystem>
#include <functional>
#include <vector>

#include <QWidget>

#include "engine/results/run_result.h"
#include "engine/results/run_store.h"
#include "widgets/common/background_job.h"
#include "widgets/document/project_tree_model.h"
#include "widgets/runs/run_view.h"

class QLabel;
class QStackedWidget;

namespace loadstar::widgets {

class CompareView;
class MessageBar;
class RunHistory;

// The Runs part of the workbench: the project's stored runs (RunHistory), one
// run's RunView, a CompareView of several, and an overview. Deleting is undone
// from the message bar here; exporting writes JSON or CSV in the background.
class RunsPage : public QWidget {
    Q_OBJECT

  public:
    // Asked for an export file name; empty means cancelled.
    using ExportPathPrompt = std::function<QString(const QString& suggestion, const QString& filter)>;

    explicit RunsPage(QWidget* parent = nullptr);

    void setProjectFile(const QString& projectFile);
    RunHistory* history() const { return history_; }
    // The sidebar's entries for the runs, in the history's order.
    std::vector<ProjectTreeModel::RunEntry> entries() const;
    // "io-c200 · 14:02:31", or the user's name for the run.
    static QString labelOf(const results::StoredRun& run);

    void showOverview();
    void showRun(int index);
    void showComparison(const std::vector<int>& indices);
    void renameRun(int index, const QString& name);
    void deleteRuns(const std::vector<int>& indices);
    // Writes the shown run (the first compared one) as JSON or CSV; finished follows.
    void exportShown(RunView::ExportFormat format);
    void exportRun(const results::RunResult& result, RunView::ExportFormat format, const QString& path);
    void setExportPathPrompt(ExportPathPrompt prompt) { exportPathPrompt_ = std::move(prompt); }
    // Writes a report on `runs` (a comparison when several, the first the
    // baseline): PDF when `path` ends in .pdf, else self-contained HTML; in the
    // background, then opened with the report opener; finished follows.
    void writeReport(const std::vector<results::RunResult>& runs, const QString& path);
    // How a written report is shown; by default the system's browser or viewer.
    void setReportOpener(std::function<void(const QString& path)> opener) {
        reportOpener_ = std::move(opener);
    }

    RunView* runView() const { return runView_; }
    CompareView* compareView() const { return compareView_; }
    MessageBar* messageBar() const { return messages_; }
    QLabel* overview() const { return overview_; }
    QWidget* currentView() const;
    // The file of the run shown (empty when none is).
    const std::filesystem::path& shownFile() const { return shownFile_; }
    const std::vector<std::filesystem::path>& comparedFiles() const { return compared_; }

  signals:
    void runsChanged();
    void exportFinished(bool written);
    void reportFinished(bool written);
    // The hook for the report writer (HTML/PDF): the runs to put in one report.
    void exportReport(const std::vector<results::RunResult>& runs);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void onHistoryChanged();
    void onDeleted(int count, const QStringList& errors);
    void updateOverview();
    bool reportAvailable() const;
    void promptForReport(const std::vector<results::RunResult>& runs);

    RunHistory* history_;
    MessageBar* messages_;
    QStackedWidget* stack_;
    QLabel* overview_;
    RunView* runView_;
    CompareView* compareView_;
    std::filesystem::path shownFile_;
    std::vector<std::filesystem::path> compared_;
    ExportPathPrompt exportPathPrompt_;
    std::function<void(const QString& path)> reportOpener_;
    BackgroundJob exportJob_;
};

}  // namespace loadstar::widgets
