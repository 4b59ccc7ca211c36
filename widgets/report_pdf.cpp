#include "widgets/report_pdf.h"

#include <QAbstractTextDocumentLayout>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgRenderer>
#include <QTextDocument>
#include <QUrl>

#include "engine/report/html_report.h"
#include "engine/report/report_charts.h"

namespace loadstar::widgets {

namespace {

// Rich text lays out at this resolution, so the report's CSS pixel sizes read as
// they do in a browser (A4 at 96 dpi is 794 px wide).
constexpr int kLayoutDpi = 96;
// Charts are rasterised at this multiple of their layout size: sharp on paper.
constexpr int kChartScale = 3;

QImage renderChart(const report::ReportChart& chart) {
    QSvgRenderer renderer(QByteArray::fromStdString(chart.svg));
    QImage image(chart.width * kChartScale, chart.height * kChartScale, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    renderer.render(&painter);
    return image;
}

}  // namespace

std::optional<QString> writeReportPdf(const std::vector<load::RunResult>& runs, const QString& path,
                                      const QString& project) {
    if (runs.empty()) return QStringLiteral("no runs to report");
    {
        // QPdfWriter reports no errors of its own: try the path first for a clear message.
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly)) return QStringLiteral("%1: %2").arg(path, probe.errorString());
    }
    QPdfWriter writer(path);
    if (!writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                          QMarginsF(12, 14, 12, 14), QPageLayout::Millimeter)))
        return QStringLiteral("cannot set up an A4 page");
    writer.setResolution(kLayoutDpi);
    writer.setTitle(runs.size() == 1
                        ? QStringLiteral("Load test report: %1")
                              .arg(QString::fromStdString(runs.front().scenario ? runs.front().scenario->name
                                                                                : runs.front().id))
                        : QStringLiteral("Comparison of %1 runs").arg(runs.size()));
    writer.setCreator(QStringLiteral("Loadstar " LOADSTAR_VERSION));
    const QRect page = writer.pageLayout().paintRectPixels(kLayoutDpi);

    QTextDocument document;
    // Lay out in the writer's own resolution, so that text and images are measured
    // and drawn at the same scale.
    document.documentLayout()->setPaintDevice(&writer);
    document.setDocumentMargin(0);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(12);
    document.setDefaultFont(font);
    for (const report::ReportChart& chart : report::reportCharts(runs)) {
        document.addResource(QTextDocument::ImageResource, QUrl(QString::fromStdString("chart:" + chart.key)),
                             renderChart(chart));
    }
    report::ReportOptions options;
    options.project = project.toStdString();
    options.charts = report::ReportOptions::Charts::ImageReferences;
    options.imageWidth = page.width();
    document.setHtml(QString::fromStdString(report::htmlReport(runs, options)));
    document.setPageSize(page.size());
    document.print(&writer);

    // QPdfWriter reports no errors; an unwritable path shows as a missing or empty file.
    const QFileInfo written(path);
    if (!written.exists() || written.size() == 0) return QStringLiteral("%1: cannot write the PDF").arg(path);
    return std::nullopt;
}

}  // namespace loadstar::widgets
