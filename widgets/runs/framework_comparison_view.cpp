#include "widgets/runs/framework_comparison_view.h"

#include <algorithm>

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

#include "engine/model/project_file.h"
#include "engine/report/framework_table.h"
#include "widgets/common/chart_style.h"
#include "widgets/runs/framework_table_model.h"

namespace loadstar::widgets {

FrameworkComparisonView::FrameworkComparisonView(FrameworkTableModel* model, QWidget* parent)
    : QWidget(parent),
      table_(new QTableView),
      status_(new QLabel),
      failures_(new QLabel),
      report_(new QPushButton(tr("Export &Report…"))),
      compare_(new QPushButton(tr("Compare &Runs"))) {
    setObjectName("frameworkComparison");
    table_->setObjectName("frameworkTable");
    table_->setModel(model);
    table_->verticalHeader()->hide();
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    report_->setObjectName("frameworkReport");
    report_->setEnabled(false);
    status_->setWordWrap(true);
    status_->setText(
        tr("Compare Frameworks: warm figures are measured after each run's warm-up; cold start is "
           "from the server's start to its first answer, warm-up p50/p99 the latency of the first "
           "requests after it. CPU and memory add up all of a server's processes. The best "
           "figure of each column is bold."));
    compare_->setObjectName("frameworkCompareRuns");
    compare_->setEnabled(false);
    compare_->setToolTip(
        tr("Open the stored runs of the selected scenario side by side in Runs: charts, "
           "latency curves and the delta table"));
    connect(report_, &QPushButton::clicked, this, &FrameworkComparisonView::exportReport);
    connect(compare_, &QPushButton::clicked, this, [this] { emit runsRequested(runsOfSelectedScenario()); });
    connect(model, &QAbstractItemModel::modelReset, table_, &QTableView::resizeColumnsToContents);
    connect(model, &QAbstractItemModel::modelReset, this, &FrameworkComparisonView::updateCompareButton);
    connect(model, &QAbstractItemModel::modelReset, this, &FrameworkComparisonView::updateFailures);
    failures_->setObjectName("frameworkFailures");
    failures_->setWordWrap(true);
    failures_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    failures_->setTextFormat(Qt::PlainText);
    {
        QPalette palette = failures_->palette();
        palette.setColor(QPalette::WindowText, ChartStyle::fail(palette));
        failures_->setPalette(palette);
    }
    failures_->hide();
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FrameworkComparisonView::updateCompareButton);
    connect(table_, &QTableView::doubleClicked, this, [this, model](const QModelIndex& index) {
        const auto row = static_cast<std::size_t>(index.row());
        if (index.isValid() && row < model->rows().size() && !model->rows()[row].storedFile.isEmpty())
            emit runsRequested({model->rows()[row].storedFile});
    });

    auto* header = new QHBoxLayout;
    header->addWidget(status_, 1);
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(compare_);
    buttons->addWidget(report_);
    buttons->addStretch(1);
    header->addLayout(buttons);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(table_, 1);
    layout->addWidget(failures_);
}

QStringList FrameworkComparisonView::runsOfSelectedScenario() const {
    const auto* model = static_cast<const FrameworkTableModel*>(table_->model());
    const auto& rows = model->rows();
    if (rows.empty()) return {};
    const QModelIndexList selected = table_->selectionModel()->selectedRows();
    const std::size_t at = selected.isEmpty() ? 0 : static_cast<std::size_t>(selected.front().row());
    const QString scenario = rows[std::min(at, rows.size() - 1)].scenario;
    QStringList files;
    for (const auto& row : rows) {
        if (row.scenario == scenario && !row.storedFile.isEmpty()) files << row.storedFile;
    }
    return files;
}

void FrameworkComparisonView::updateCompareButton() {
    const QStringList files = runsOfSelectedScenario();
    compare_->setEnabled(files.size() >= 2);
}

void FrameworkComparisonView::updateFailures() {
    const auto* model = static_cast<const FrameworkTableModel*>(table_->model());
    // One line per distinct reason: a missing package fails every run of its server alike.
    QStringList lines;
    for (const auto& row : model->rows()) {
        if (row.status != FrameworkTableModel::Status::Failed || row.message.isEmpty()) continue;
        const QString server = QString::fromStdString(model::describe(row.server));
        const QString line =
            row.message.contains(server) ? row.message : tr("%1: %2").arg(server, row.message);
        if (!lines.contains(line)) lines << line;
    }
    failures_->setText(lines.join(QLatin1Char('\n')));
    failures_->setVisible(!lines.isEmpty());
}

void FrameworkComparisonView::setResults(std::vector<results::RunResult> results, const QString& projectName,
                                         const QString& projectFile) {
    results_ = std::move(results);
    projectName_ = projectName;
    projectFile_ = projectFile;
    report_->setEnabled(!results_.empty());
}

QString FrameworkComparisonView::writeReport(const QString& path) const {
    report::ReportOptions options;
    options.project = projectName_.toStdString();
    const auto written =
        model::writeFileAtomically(path.toStdString(), report::frameworkReportHtml(results_, options));
    if (const auto* e = std::get_if<model::ProjectError>(&written))
        return QString::fromStdString(e->toString());
    return {};
}

void FrameworkComparisonView::exportReport() {
    if (results_.empty()) return;
    const QString folder = projectFile_.isEmpty() ? QDir::homePath() : QFileInfo(projectFile_).absolutePath();
    const QString suggestion = QDir(folder).filePath(QStringLiteral("framework-comparison.html"));
    const QString path = pathPrompt_ ? pathPrompt_(suggestion)
                                     : QFileDialog::getSaveFileName(this, tr("Export Framework Comparison"),
                                                                    suggestion, tr("HTML (*.html)"));
    if (path.isEmpty()) return;
    if (const QString error = writeReport(path); !error.isEmpty()) {
        QMessageBox::warning(this, tr("Export Framework Comparison"),
                             tr("The report was not written: %1").arg(error));
        return;
    }
    if (opener_) {
        opener_(path);
    } else {
        QDesktopServices::openUrl(QUrl::fromLocalFile(path));
    }
}

}  // namespace loadstar::widgets
