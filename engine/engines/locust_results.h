#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/engines/load_shape.h"
#include "engine/engines/locust_csv.h"
#include "engine/model/json.h"
#include "engine/results/run_result.h"
#include "engine/stats/request_stats.h"

namespace loadstar::engines {

// What an exported locustfile writes with --loadstar-summary when Locust quits:
// the measured part's histograms (Locust's rounded response times), status codes
// and error classes per endpoint.
struct LocustSummary {
    double measuredFrom = 0;  // Unix seconds: the start, or the end of the warm-up
    double lastRequestAt = 0;
    double finishedAt = 0;
    bool completed = false;  // the load shape ran to its end (not stopped)
    std::uint64_t lateSends = 0;
    int workers = 0;
    stats::RequestStats total;
    std::map<std::string, stats::RequestStats> endpoints;
};

std::variant<LocustSummary, std::string> parseLocustSummary(const Json& json);

// The per-second ticks of Locust's stats history: rows of one timestamp make a
// tick (the "Aggregated" one overall, the others per endpoint in `endpointIds`'
// order). Time counts from `startTimestamp`; the stage and the level come from
// `shape` when there is one (Locust's user count otherwise).
results::Series seriesFromHistory(const std::vector<LocustHistoryRow>& rows,
                                  const std::vector<std::string>& endpointIds, std::int64_t startTimestamp,
                                  const LoadShape* shape);

// The endpoints named in Locust's rows, first seen first ("Aggregated" left out).
std::vector<std::string> endpointNames(const std::vector<LocustHistoryRow>& rows);

// Notes every Locust result carries.
std::vector<std::string> locustNotes();

// A stored run from a Locust run's files: the summary's histograms when there is
// one (else the figures of the stats CSV, without histograms), the history's
// series; thresholds judged by Loadstar on those figures.
struct LocustRunFiles {
    std::optional<LocustSummary> summary;
    std::vector<LocustStatsRow> stats;
    std::vector<LocustHistoryRow> history;
    std::vector<LocustFailureRow> failures;
};
results::RunResult locustRunResult(const LocustRunFiles& files,
                                   const std::optional<model::Scenario>& scenario, const std::string& label);

// Loadstar's error class for the text of a Locust failure ("HTTP 503 (status_5xx)"
// from an exported locustfile, "ConnectionRefusedError(...)", "HTTPError('500
// Server Error ...')" from others); nullopt when it cannot tell.
std::optional<stats::ErrorClass> errorClassOfLocustFailure(const std::string& error);

}  // namespace loadstar::engines
