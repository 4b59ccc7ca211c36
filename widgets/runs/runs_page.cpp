#include "widgets/runs/runs_page.h"

#include <algorithm>

#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QLabel>
#include <QMetaMethod>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include "engine/model/project_file.h"
#include "engine/report/csv_export.h"
#include "engine/report/html_report.h"
#include "widgets/common/unit_text.h"
#include "widgets/runs/compare_view.h"
#include "widgets/runs/report_pdf.h"
#include "widgets/runs/run_history.h"
#include "widgets/runs/run_text.h"
#include "widgets/window/message_bar.h"

namespace loadstar::widgets {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

}  // namespace

RunsPage::RunsPage(QWidget* parent)
    : QWidget(parent),
      history_(new RunHistory(this)),
      messages_(new MessageBar),
      stack_(new QStackedWidget),
      overview_(new QLabel),
      runView_(new RunView),
      compareView_(new CompareView) {
    setObjectName(QStringLiteral("runsPage"));
    messages_->setObjectName(QStringLiteral("runsMessages"));
    // A deleted run stays recoverable for as long as its message is up.
    messages_->installEventFilter(this);
    overview_->setObjectName(QStringLiteral("runsOverview"));
    overview_->setAlignment(Qt::AlignCenter);
    overview_->setWordWrap(true);
    overview_->setMargin(24);
    overview_->setForegroundRole(QPalette::PlaceholderText);
    overview_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    stack_->addWidget(overview_);
    stack_->addWidget(runView_);
    stack_->addWidget(compareView_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(messages_);
    layout->addWidget(stack_, 1);

    connect(history_, &RunHistory::changed, this, &RunsPage::onHistoryChanged);
    connect(history_, &RunHistory::deleted, this, &RunsPage::onDeleted);
    connect(history_, &RunHistory::failed, this,
            [this](const QString& message) { messages_->showMessage(MessageBar::Kind::Error, message); });
    connect(runView_, &RunView::renameRequested, this, [this](const QString& name) {
        if (!shownFile_.empty()) history_->rename(shownFile_, name);
    });
    connect(runView_, &RunView::annotateRequested, this, [this](const QString& note) {
        if (!shownFile_.empty()) history_->annotate(shownFile_, note);
    });
    connect(runView_, &RunView::exportRequested, this, &RunsPage::exportShown);
    connect(runView_, &RunView::reportRequested, this, [this] {
        if (runView_->result()) emit exportReport({*runView_->result()});
    });
    connect(compareView_, &CompareView::reportRequested, this, [this] {
        if (compareView_->runCount() == 0) return;
        // The baseline the user picked leads the report, as it leads the table.
        std::vector<results::RunResult> runs = compareView_->runs();
        std::rotate(runs.begin(), runs.begin() + compareView_->baseline(),
                    runs.begin() + compareView_->baseline() + 1);
        emit exportReport(runs);
    });
    connect(this, &RunsPage::exportReport, this, &RunsPage::promptForReport);
    updateOverview();
}

bool RunsPage::eventFilter(QObject* watched, QEvent* event) {
    if (watched == messages_ && event->type() == QEvent::Hide) {
        // Undo hides the bar before it runs: look once it has had its turn.
        QTimer::singleShot(0, this, [this] {
            if (messages_->isHidden()) history_->forgetDeleted();
        });
    }
    return QWidget::eventFilter(watched, event);
}

void RunsPage::setProjectFile(const QString& projectFile) {
    shownFile_.clear();
    compared_.clear();
    messages_->hide();
    history_->setProjectFile(projectFile.isEmpty() ? std::filesystem::path()
                                                   : std::filesystem::path(projectFile.toStdString()));
    stack_->setCurrentWidget(overview_);
}

QString RunsPage::labelOf(const results::StoredRun& run) {
    if (!run.result) return q(run.file.filename().string());
    const results::RunResult& r = *run.result;
    if (!r.name.empty()) return q(r.name);
    const QString scenario = r.scenario ? q(r.scenario->name) : tr("load");
    // "20261125T140231Z-…": the time of day is what tells a day's runs apart.
    const QString started = runStartText(r);
    // A run of a generated app says which one: the embedded server is the default.
    if (r.serverUnderTest && r.serverUnderTest->choice.kind != model::ServerKind::Embedded) {
        return QStringLiteral("%1 · %2 · %3")
            .arg(scenario, q(model::shortLabel(r.serverUnderTest->choice)), started.mid(5, 14));
    }
    return QStringLiteral("%1 · %2").arg(scenario, started.mid(5, 14));
}

std::vector<ProjectTreeModel::RunEntry> RunsPage::entries() const {
    std::vector<ProjectTreeModel::RunEntry> out;
    for (const results::StoredRun& run : history_->runs()) {
        ProjectTreeModel::RunEntry e;
        e.label = labelOf(run);
        if (!run.result) {
            e.unreadable = true;
            e.toolTip = tr("Cannot be read: %1").arg(q(run.error));
        } else {
            const results::RunResult& r = *run.result;
            e.failedThresholds = !r.thresholdsPassed;
            QStringList lines{q(r.id), q(r.target),
                              tr("%1 requests, %2/s, p99 %3")
                                  .arg(r.overall.requests)
                                  .arg(r.overall.rps, 0, 'f', 1)
                                  .arg(latencyText(static_cast<double>(r.overall.latency.p99)))};
            if (!r.thresholds.empty())
                lines << (r.thresholdsPassed ? tr("thresholds passed") : tr("thresholds failed"));
            if (!r.note.empty()) lines << q(r.note);
            e.toolTip = lines.join(QLatin1Char('\n'));
        }
        out.push_back(std::move(e));
    }
    return out;
}

QWidget* RunsPage::currentView() const {
    return stack_->currentWidget();
}

void RunsPage::updateOverview() {
    const auto& runs = history_->runs();
    if (history_->projectFile().empty()) {
        overview_->setText(
            tr("Runs are stored beside the project file.\nSave the project to keep its runs."));
        return;
    }
    if (runs.empty()) {
        overview_->setText(history_->isLoading()
                               ? tr("Reading the stored runs…")
                               : tr("No runs stored yet.\nRun a scenario and its result appears "
                                    "here, stored in %1.")
                                     .arg(QDir::toNativeSeparators(q(history_->directory().string()))));
        return;
    }
    QStringList text{tr("%n run(s) stored with this project.", nullptr, static_cast<int>(runs.size())),
                     tr("Select one to see it; select two or more (Ctrl+click) to compare them.")};
    for (const results::StoredRun& run : runs) {
        if (!run.result) text << tr("Cannot read %1: %2").arg(q(run.file.filename().string()), q(run.error));
    }
    overview_->setText(text.join(QLatin1Char('\n')));
}

void RunsPage::showOverview() {
    shownFile_.clear();
    compared_.clear();
    updateOverview();
    stack_->setCurrentWidget(overview_);
}

void RunsPage::showRun(int index) {
    const auto& runs = history_->runs();
    if (index < 0 || index >= static_cast<int>(runs.size())) {
        showOverview();
        return;
    }
    const results::StoredRun& run = runs[static_cast<std::size_t>(index)];
    compared_.clear();
    shownFile_ = run.file;
    if (!run.result) {
        overview_->setText(tr("This run cannot be read:\n%1").arg(q(run.error)));
        stack_->setCurrentWidget(overview_);
        return;
    }
    runView_->setReportAvailable(reportAvailable());
    runView_->setResult(*run.result);
    stack_->setCurrentWidget(runView_);
}

void RunsPage::showComparison(const std::vector<int>& indices) {
    const auto& runs = history_->runs();
    std::vector<results::RunResult> results;
    QStringList labels;
    compared_.clear();
    for (int i : indices) {
        if (i < 0 || i >= static_cast<int>(runs.size())) continue;
        const results::StoredRun& run = runs[static_cast<std::size_t>(i)];
        if (!run.result) continue;  // unreadable runs are listed with their error, not compared
        results.push_back(*run.result);
        labels << labelOf(run);
        compared_.push_back(run.file);
    }
    if (results.size() < 2) {
        if (results.size() == 1) showRun(history_->indexOf(compared_.front()));
        return;
    }
    shownFile_.clear();
    compareView_->setRuns(std::move(results), labels);
    stack_->setCurrentWidget(compareView_);
}

void RunsPage::renameRun(int index, const QString& name) {
    const auto& runs = history_->runs();
    if (index < 0 || index >= static_cast<int>(runs.size()) || !runs[static_cast<std::size_t>(index)].result)
        return;
    history_->rename(runs[static_cast<std::size_t>(index)].file, name);
}

void RunsPage::deleteRuns(const std::vector<int>& indices) {
    std::vector<std::filesystem::path> files;
    for (int i : indices) {
        if (i >= 0 && i < static_cast<int>(history_->runs().size()))
            files.push_back(history_->runs()[static_cast<std::size_t>(i)].file);
    }
    if (files.empty()) return;
    history_->remove(files);
}

void RunsPage::onDeleted(int count, const QStringList& errors) {
    if (!errors.isEmpty()) {
        messages_->showMessage(MessageBar::Kind::Error,
                               tr("Could not delete: %1").arg(errors.join(QStringLiteral("; "))));
    }
    if (count == 0) return;
    messages_->showMessage(
        MessageBar::Kind::Information,
        tr("Deleted %n run(s). Undo restores the file until this message is closed.", nullptr, count));
    messages_->addAction(tr("Undo"), [this] { history_->undoDelete(); })
        ->setObjectName(QStringLiteral("undoDelete"));
}

void RunsPage::onHistoryChanged() {
    // Keep showing what was shown, read afresh (renamed, or changed on disk).
    if (!shownFile_.empty()) {
        const int index = history_->indexOf(shownFile_);
        if (index < 0) {
            showOverview();
        } else if (stack_->currentWidget() == runView_ || stack_->currentWidget() == overview_) {
            showRun(index);
        }
    } else if (!compared_.empty()) {
        std::vector<int> indices;
        for (const auto& file : compared_) {
            const int index = history_->indexOf(file);
            if (index >= 0) indices.push_back(index);
        }
        if (indices.size() >= 2) {
            const int baseline = compareView_->baseline();
            showComparison(indices);
            compareView_->setBaseline(baseline);
        } else {
            showOverview();
        }
    } else {
        updateOverview();
    }
    emit runsChanged();
}

bool RunsPage::reportAvailable() const {
    return isSignalConnected(QMetaMethod::fromSignal(&RunsPage::exportReport));
}

void RunsPage::exportShown(RunView::ExportFormat format) {
    if (!runView_->result()) return;
    const results::RunResult& r = *runView_->result();
    const bool json = format == RunView::ExportFormat::Json;
    const QString base = q(r.id) + (json ? QStringLiteral(".json") : QStringLiteral("-series.csv"));
    const QString suggestion = QDir(q(history_->projectFile().parent_path().string())).filePath(base);
    const QString filter = json ? tr("JSON (*.json)") : tr("CSV (*.csv)");
    const QString path = exportPathPrompt_
                             ? exportPathPrompt_(suggestion, filter)
                             : QFileDialog::getSaveFileName(this, tr("Export Run"), suggestion, filter);
    if (path.isEmpty()) return;
    exportRun(r, format, path);
}

void RunsPage::exportRun(const results::RunResult& result, RunView::ExportFormat format,
                         const QString& path) {
    auto snapshot = std::make_shared<const results::RunResult>(result);
    const std::filesystem::path file = path.toStdString();
    exportJob_.start<QString>(
        this,
        [snapshot, format, file] {
            const std::string text = format == RunView::ExportFormat::Json
                                         ? snapshot->toJson().dump(1) + "\n"
                                         : report::timeSeriesCsv({*snapshot});
            const auto written = model::writeFileAtomically(file, text);
            if (const auto* e = std::get_if<model::ProjectError>(&written)) return q(e->toString());
            return QString();
        },
        [this, path](QString error) {
            if (error.isEmpty()) {
                messages_->showMessage(MessageBar::Kind::Information,
                                       tr("Exported to %1.").arg(QDir::toNativeSeparators(path)));
            } else {
                messages_->showMessage(MessageBar::Kind::Error, tr("Could not export: %1").arg(error));
            }
            emit exportFinished(error.isEmpty());
        });
}

void RunsPage::promptForReport(const std::vector<results::RunResult>& runs) {
    if (runs.empty()) return;
    const QString base = runs.size() == 1 ? q(runs.front().id) + QStringLiteral("-report.html")
                                          : q(runs.front().id) + QStringLiteral("-comparison.html");
    const QString suggestion = QDir(q(history_->projectFile().parent_path().string())).filePath(base);
    const QString filter = tr("HTML report (*.html);;PDF report (*.pdf)");
    const QString path = exportPathPrompt_
                             ? exportPathPrompt_(suggestion, filter)
                             : QFileDialog::getSaveFileName(this, tr("Export Report"), suggestion, filter);
    if (path.isEmpty()) return;
    writeReport(runs, path);
}

void RunsPage::writeReport(const std::vector<results::RunResult>& runs, const QString& path) {
    auto snapshot = std::make_shared<const std::vector<results::RunResult>>(runs);
    // "plan.loadstar.json" names the project "plan" in the report's header.
    QString project = q(history_->projectFile().filename().string());
    project.remove(QStringLiteral(".loadstar.json"));
    const bool pdf = path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive);
    messages_->showMessage(MessageBar::Kind::Information, tr("Writing the report…"));
    exportJob_.start<QString>(
        this,
        [snapshot, path, project, pdf] {
            if (pdf) return writeReportPdf(*snapshot, path, project).value_or(QString());
            report::ReportOptions options;
            options.project = project.toStdString();
            const auto written =
                model::writeFileAtomically(path.toStdString(), report::htmlReport(*snapshot, options));
            if (const auto* e = std::get_if<model::ProjectError>(&written)) return q(e->toString());
            return QString();
        },
        [this, path](QString error) {
            if (!error.isEmpty()) {
                messages_->showMessage(MessageBar::Kind::Error,
                                       tr("Could not write the report: %1").arg(error));
                emit reportFinished(false);
                return;
            }
            messages_->showMessage(MessageBar::Kind::Information,
                                   tr("Report written to %1.").arg(QDir::toNativeSeparators(path)));
            const auto open = [this, path] {
                if (reportOpener_) {
                    reportOpener_(path);
                } else {
                    QDesktopServices::openUrl(QUrl::fromLocalFile(path));
                }
            };
            messages_->addAction(tr("Open"), open);
            open();
            emit reportFinished(true);
        });
}

}  // namespace loadstar::widgets
