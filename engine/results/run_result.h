#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/model/json.h"
#include "engine/model/scenario.h"
#include "engine/model/server_settings.h"
#include "engine/results/tick_point.h"
#include "engine/stats/request_stats.h"
#include "engine/stats/summary.h"
#include "engine/stats/threshold.h"

namespace loadstar::results {

// Where and on what a run happened, so that results can be compared honestly.
struct Environment {
    std::string cpuModel;
    int cpuCount = 0;
    std::string kernel;
    std::string loadstarVersion;
    std::string boostVersion;
    std::string opensslVersion;
    std::string compiler;

    static Environment capture();
    Json toJson() const;
};

// The server that answered when the target was the design, and how it started.
struct ServerUnderTest {
    model::ServerChoice choice;
    std::string software;  // "FastAPI 0.92.0, uvicorn 0.17.6, Python 3.11.2"; the embedded: "Loadstar 0.9.0"
    std::string command;   // the command line it was started with; empty when it already ran
    // Cold start: from the process start to its first successful answer. Empty when
    // the run used a server that was already running.
    std::optional<double> startSeconds;

    Json toJson() const;
    static std::optional<ServerUnderTest> fromJson(const Json& json);
    bool operator==(const ServerUnderTest&) const = default;
};

// Who generated the load, when it was not Loadstar's own engine, and what the
// figures therefore lack or mean differently (Locust's rounded percentiles, a k6
// summary without a series), so that a reader of the run, the run view and the
// report are told.
struct EngineInfo {
    std::string name = "loadstar";  // "loadstar", "locust", "k6"
    std::string version;
    int workers = 0;                        // Locust: workers that joined the master
    std::vector<std::string> notes;         // one sentence each
    std::vector<std::string> importedFrom;  // files of an imported result

    bool native() const { return name == "loadstar" && importedFrom.empty(); }
    Json toJson() const;
};

struct EndpointResult {
    std::string id;
    stats::Summary summary;
    stats::RequestStats stats;  // histograms and counters
};

// A finished run as stored and reported: a copy of the scenario, the environment,
// the tick series, the whole-run histograms and the thresholds' verdicts.
struct RunResult {
    std::string id;    // "20261125T124501Z-io-c200": sortable, a file name
    std::string name;  // the user's label, empty until they give one
    std::string note;  // the user's annotation
    std::optional<model::Scenario> scenario;
    // The embedded server's settings when the target was the design, so that a
    // comparison can say what changed on the server side (async ×1 vs pool ×4).
    std::optional<model::ServerSettings> server;
    // Which server (embedded, FastAPI, Flask) and how it started; empty when the
    // target was a URL.
    std::optional<ServerUnderTest> serverUnderTest;
    std::string target;  // the URL driven
    model::Executor executor = model::Executor::Closed;
    Environment environment;
    std::string startedAt;  // ISO 8601 UTC
    std::string finishedAt;
    bool interrupted = false;
    double measuredSeconds = 0;
    std::uint64_t requestsStarted = 0;
    stats::Summary overall;
    stats::RequestStats overallStats;
    // The warm-up's requests, kept apart from the measured ones: when the server
    // was started for the run, these are the first requests it answered (its cold
    // latency). Empty when the scenario has no warm-up.
    std::optional<stats::Summary> warmup;
    std::optional<stats::RequestStats> warmupStats;
    std::vector<EndpointResult> endpoints;
    Series series;
    std::vector<stats::ThresholdResult> thresholds;
    bool thresholdsPassed = true;
    EngineInfo engine;

    Json toJson() const;
    // Status code -> count over the whole run, codes seen only.
    std::map<int, std::uint64_t> statusCounts() const;
};

// "20261125T124501Z-io-c200": the start time and a file-safe label.
std::string runId(std::chrono::system_clock::time_point startedAt, std::string_view label);
// ISO 8601 UTC, to the second: "2026-11-25T12:45:01Z".
std::string isoTime(std::chrono::system_clock::time_point t);

// Judges `thresholds` on the result's whole-run statistics (an unknown endpoint id
// or a threshold that does not parse fails with the reason) and sets
// `thresholds` and `thresholdsPassed`.
void judgeThresholds(RunResult& result, const std::vector<std::string>& thresholds);

// Histogram <-> JSON: {"unit":"us","min":..,"max":..,"sum":..,"sum_sq":..,"counts":[[index,count],...]}.
Json histogramToJson(const stats::LatencyHistogram& histogram);
bool histogramFromJson(const Json& json, stats::LatencyHistogram& histogram);

// Stores the result beside the project: `<project file>.runs/<id>.json`, written
// atomically (a crash mid-write leaves the earlier runs as they were). Returns
// the file written or an error message.
std::variant<std::filesystem::path, std::string> storeRunResult(const RunResult& result,
                                                                const std::filesystem::path& projectFile);

}  // namespace loadstar::results
