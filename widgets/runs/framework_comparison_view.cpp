#include "widgets/runs/framework_comparison_view.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

#include "engine/model/project_file.h"
#include "engine/report/framework_table.h"
#include "widgets/runs/framework_table_model.h"

namespace loadstar::widgets {

FrameworkComparisonView::FrameworkComparisonView(FrameworkTableModel* model, QWidget* parent)
    : QWidget(parent),
      table_(new QTableView),
      status_(new QLabel),
      report_(new QPushButton(tr("Export &Report…"))) {
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
    connect(report_, &QPushButton::clicked, this, &FrameworkComparisonView::exportReport);
    connect(model, &QAbstractItemModel::modelReset, table_, &QTableView::resizeColumnsToContents);

    auto* header = new QHBoxLayout;
    header->addWidget(status_, 1);
    header->addWidget(report_, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(table_, 1);
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
