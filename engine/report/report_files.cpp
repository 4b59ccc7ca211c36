#include "engine/report/report_files.h"

#include <cmath>
#include <filesystem>

#include "engine/model/project_file.h"
#include "engine/report/csv_export.h"
#include "engine/report/junit_export.h"
#include "engine/report/report_charts.h"
#include "engine/report/run_comparison.h"

namespace loadstar::report {

namespace {

const char* unitName(Unit unit) {
    switch (unit) {
        case Unit::Micros:
            return "us";
        case Unit::Seconds:
            return "s";
        case Unit::Count:
            return "count";
        case Unit::PerSecond:
            return "per_second";
        case Unit::Percent:
            return "percent";
        case Unit::Bytes:
            return "bytes";
        case Unit::Nines:
            return "nines";
    }
    return "";
}

const char* betterName(MetricComparison::Better better) {
    switch (better) {
        case MetricComparison::Better::Lower:
            return "lower";
        case MetricComparison::Better::Higher:
            return "higher";
        case MetricComparison::Better::Neither:
            return "neither";
    }
    return "";
}

}  // namespace

Json reportJson(const std::vector<results::RunResult>& runs) {
    if (runs.size() == 1) return runs.front().toJson();
    Json all = Json::array();
    for (const auto& r : runs)
        all.push_back(r.toJson());
    Json deltas = Json::array();
    for (const MetricComparison& m : compareRuns(runs)) {
        Json changes = Json::array();
        Json percents = Json::array();
        for (std::size_t i = 0; i < m.values.size(); ++i) {
            changes.push_back(toString(m.changes[i]));
            percents.push_back(std::isfinite(m.changesPercent[i]) ? Json(m.changesPercent[i])
                                                                  : Json(nullptr));
        }
        deltas.push_back({{"metric", m.metric},
                          {"unit", unitName(m.unit)},
                          {"better", betterName(m.better)},
                          {"values", m.values},
                          {"changes_percent", std::move(percents)},
                          {"changes", std::move(changes)}});
    }
    return Json{{"format", "loadstar-comparison"},
                {"version", 1},
                {"baseline", runs.empty() ? std::string() : runs.front().id},
                {"noise_band_percent", kNoiseBandPercent},
                {"runs", std::move(all)},
                {"deltas", std::move(deltas)}};
}

std::string percentileText(const results::RunResult& run) {
    return run.overallStats.latency.percentileDistribution(1000.0);
}

std::string hdrPath(const std::string& path, std::size_t run, std::size_t runs) {
    if (runs <= 1) return path;
    std::filesystem::path p(path);
    const std::string extension = p.extension().string();
    p.replace_extension();
    return p.string() + "." + runLetter(run) + extension;
}

WrittenReports writeReports(const std::vector<results::RunResult>& runs, const ReportFiles& files,
                            const ReportOptions& options) {
    WrittenReports result;
    auto write = [&result](const std::string& path, const std::string& text) {
        const auto written = model::writeFileAtomically(path, text);
        if (const auto* error = std::get_if<model::ProjectError>(&written)) {
            result.errors.push_back(error->toString());
        } else {
            result.files.push_back(path);
        }
    };
    if (runs.empty()) {
        result.errors.push_back("no runs to report");
        return result;
    }
    if (files.html) write(*files.html, htmlReport(runs, options));
    if (files.json) write(*files.json, reportJson(runs).dump(1) + "\n");
    if (files.csv) {
        write(*files.csv, timeSeriesCsv(runs));
        write(endpointCsvPath(*files.csv), endpointSummaryCsv(runs));
    }
    if (files.junit) write(*files.junit, junitReport(runs));
    if (files.hdr) {
        for (std::size_t i = 0; i < runs.size(); ++i)
            write(hdrPath(*files.hdr, i, runs.size()), percentileText(runs[i]));
    }
    return result;
}

}  // namespace loadstar::report
