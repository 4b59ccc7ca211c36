#pragma once

#include <string>
#include <vector>

#include "engine/results/run_result.h"

namespace loadstar::report {

struct ReportOptions {
    std::string project;  // the project's name for the header; empty when not known
    // InlineSvg: a self-contained page for browsers. ImageReferences: charts as
    // <img src="chart:KEY">, for Qt's rich text (the PDF), which supplies the images.
    enum class Charts { InlineSvg, ImageReferences };
    Charts charts = Charts::InlineSvg;
    int imageWidth = 0;       // ImageReferences: the <img> width in px (0: the chart's own); height follows
    std::string generatedAt;  // ISO 8601; empty: now
};

// The report on one run, or a comparison when given several (the first is the
// baseline): one HTML document with its CSS and charts inside, readable without
// scripts or network, with print styles for paper and PDF.
std::string htmlReport(const std::vector<results::RunResult>& runs, const ReportOptions& options = {});

}  // namespace loadstar::report
