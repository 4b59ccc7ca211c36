#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/model/json.h"
#include "engine/model/project.h"
#include "engine/results/run_result.h"

namespace loadstar::engines {

// k6's end-of-test summary as a run: either shape k6 writes it in, handleSummary's
// data (`metrics.NAME.values`, thresholds as {"ok": bool}) or the legacy
// `--summary-export` file (the values at the top of each metric, thresholds as
// "crossed" booleans). A script exported by Loadstar adds a "loadstar" member
// (project, scenario, endpoints, measured time) and tags its requests by
// endpoint; from another script the whole test is one endpoint.
//
// What a summary lacks is said in the result's notes: no per-tick series, no
// histogram (the percentiles it lists only), no status codes.
struct K6Summary {
    Json document;
    std::string file;                     // where it came from, for the notes and the run id
    std::optional<std::string> modified;  // ISO time of the file's last change
};

// Finds the summary in `text`: a JSON document, or (a k6-operator runner's log)
// the line that holds one. nullopt when there is none.
std::optional<Json> findK6Summary(const std::string& text);

bool isK6Summary(const Json& json);

// One run from one summary, or from several runners' summaries of one
// distributed test (k6-operator): counts and rates add up, min/max and the
// weighted mean are exact, and a percentile is the highest of the runners' (an
// upper bound: percentiles cannot be merged), which the notes say.
std::variant<results::RunResult, std::string> k6RunResult(const std::vector<K6Summary>& summaries,
                                                          const std::optional<model::Project>& project);

}  // namespace loadstar::engines
