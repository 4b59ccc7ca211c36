#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/model/json.h"
#include "engine/report/html_report.h"
#include "engine/results/run_result.h"

namespace loadstar::report {

// Which report files to write; unset ones are skipped.
struct ReportFiles {
    std::optional<std::string> html;
    std::optional<std::string> json;
    std::optional<std::string>
        csv;  // the time series; the endpoint summary goes beside it (see csv_export.h)
    std::optional<std::string> junit;
    std::optional<std::string> hdr;  // HdrHistogram percentile distribution; one file per run in a comparison

    bool any() const { return html || json || csv || junit || hdr; }
};

struct WrittenReports {
    std::vector<std::string> files;   // written, in the order asked
    std::vector<std::string> errors;  // "path: reason"
};

// Writes every asked-for format, each atomically; a failure of one does not stop the others.
WrittenReports writeReports(const std::vector<results::RunResult>& runs, const ReportFiles& files,
                            const ReportOptions& options = {});

// The JSON of a report: one run's RunResult::toJson(), or for several
// {"format":"loadstar-comparison","version":1,"baseline":ID,"noise_band_percent":3,
//  "runs":[RunResult...],"deltas":[{"metric","unit","better","values","changes_percent","changes"}]}.
Json reportJson(const std::vector<results::RunResult>& runs);

// The HdrHistogram percentile-distribution text of a run's whole-run latency (milliseconds).
std::string percentileText(const results::RunResult& run);
// "r.hdr" -> "r.A.hdr" for run A of a comparison; unchanged for a single run.
std::string hdrPath(const std::string& path, std::size_t run, std::size_t runs);

}  // namespace loadstar::report
