#pragma once

#include <optional>
#include <vector>

#include <QString>
#include <QStringList>

#include "engine/results/run_result.h"

namespace loadstar::widgets {

// The report of engine/report (one run, or a comparison with the first run as
// the baseline) as an A4 PDF: the same sections and charts as the HTML report,
// laid out by Qt's rich text and written by QPdfWriter; the SVG charts are
// rendered by QtSvg. Needs a QGuiApplication. Returns an error text, or nullopt.
std::optional<QString> writeReportPdf(const std::vector<results::RunResult>& runs, const QString& path,
                                      const QString& project = {});

// `loadstar-workbench --export-pdf OUT RUN.json [RUN2.json ...] [--project NAME]`,
// which `loadstar report --pdf` runs, since the CLI binary links no Qt.
// `arguments` is the whole command line as QCoreApplication::arguments() gives it
// (program name first). Creates an offscreen QGuiApplication when none exists, so
// it runs headless. Prints errors to stderr; exit 0 written, 2 error.
int exportPdfMain(const QStringList& arguments);

}  // namespace loadstar::widgets
