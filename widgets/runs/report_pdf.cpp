#include "widgets/runs/report_pdf.h"

#include <cstdio>
#include <memory>

#include <QAbstractTextDocumentLayout>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgRenderer>
#include <QTextDocument>
#include <QUrl>

#include "engine/report/html_report.h"
#include "engine/report/report_charts.h"
#include "engine/results/run_store.h"

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

std::optional<QString> writeReportPdf(const std::vector<results::RunResult>& runs, const QString& path,
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

int exportPdfMain(const QStringList& arguments) {
    const auto fail = [](const QString& message) {
        std::fprintf(stderr, "loadstar-workbench --export-pdf: %s\n", message.toLocal8Bit().constData());
        return 2;
    };
    QStringList rest = arguments.mid(2);  // program name and --export-pdf
    QString project;
    const qsizetype projectAt = rest.indexOf(QStringLiteral("--project"));
    if (projectAt >= 0) {
        if (projectAt + 1 >= rest.size()) return fail(QStringLiteral("--project wants a name"));
        project = rest.at(projectAt + 1);
        rest.remove(projectAt, 2);
    }
    if (rest.size() < 2)
        return fail(QStringLiteral("usage: --export-pdf OUT.pdf RUN.json [RUN2.json ...] [--project NAME]"));

    std::vector<results::RunResult> runs;
    for (const QString& file : rest.mid(1)) {
        auto read = results::readRunResult(file.toStdString());
        if (const auto* error = std::get_if<std::string>(&read))
            return fail(file + QStringLiteral(": ") + QString::fromStdString(*error));
        runs.push_back(std::get<results::RunResult>(std::move(read)));
    }

    // Headless by default: a PDF needs fonts and a painter, not a display.
    std::unique_ptr<QGuiApplication> app;
    if (QCoreApplication::instance() == nullptr) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "loadstar-workbench";
        static char* argv[] = {name, nullptr};
        app = std::make_unique<QGuiApplication>(argc, argv);
    }
    if (const auto error = writeReportPdf(runs, rest.front(), project)) return fail(*error);
    return 0;
}

}  // namespace loadstar::widgets
