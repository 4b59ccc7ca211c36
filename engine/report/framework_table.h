#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/server_choice.h"
#include "engine/report/html_report.h"
#include "engine/results/run_result.h"

namespace loadstar::report {

// One cell of a framework comparison: a run of one scenario against one server
// (the embedded one, the generated FastAPI app or the generated Flask app).
// Warm figures cover the measured part, after the warm-up; cold ones the
// server's start and the warm-up's requests, the first it answered.
struct FrameworkCell {
    std::string runId;
    std::string scenario;
    model::ServerChoice server;
    bool interrupted = false;
    // warm
    double rps = 0;
    // Microseconds; empty when nothing was answered in the measured part (a
    // saturated server still busy with the warm-up's requests).
    std::optional<std::int64_t> p50;
    std::optional<std::int64_t> p95;
    std::optional<std::int64_t> p99;
    std::uint64_t requests = 0;
    std::uint64_t errors = 0;
    double errorRate = 0;
    // The server's CPU time (all its processes) per answered request, ms; empty
    // when the server was not sampled or answered nothing.
    std::optional<double> cpuPerRequestMs;
    std::optional<double> cpuPercent;  // mean, 100 = one core
    std::uint64_t peakRssBytes = 0;    // the largest sum over its processes, warm-up included
    // cold
    std::optional<double> startSeconds;   // process start to the first successful answer
    std::optional<std::int64_t> coldP50;  // the warm-up's requests, microseconds
    std::optional<std::int64_t> coldP99;
    std::uint64_t coldRequests = 0;

    // Empty for a run that did not target the design (a URL).
    static std::optional<FrameworkCell> of(const results::RunResult& run);
};

// The cells of `runs`, ordered by scenario (in order of first appearance), then
// embedded, FastAPI, Flask. Runs on a URL are left out.
std::vector<FrameworkCell> frameworkCells(const std::vector<results::RunResult>& runs);

// The table as GitHub Markdown, one row per cell, for the terminal and RESULTS files.
std::string frameworkTableMarkdown(const std::vector<FrameworkCell>& cells);

// The whole comparison as one self-contained HTML page (no scripts, no network):
// the table per scenario with the best figure of each column marked, how to read
// it, the servers' versions and start commands, and the machine.
std::string frameworkReportHtml(const std::vector<results::RunResult>& runs,
                                const ReportOptions& options = {});

}  // namespace loadstar::report
