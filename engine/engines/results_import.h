#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/model/project.h"
#include "engine/results/run_result.h"

namespace loadstar::engines {

struct ImportOptions {
    // Several k6 summaries are the runners of one distributed test: one run.
    bool mergeK6 = false;
    // The project's scenario the Locust files ran (k6 summaries of an exported
    // script name theirs): copied into the run, its thresholds judged.
    std::string scenario;
};

// Runs from other engines' result files, recognised by their content:
//   - k6's end-of-test summary (handleSummary's JSON or --summary-export's), also
//     inside a runner's log: one run each, or one for all with mergeK6;
//   - Locust's CSV files (PREFIX_stats.csv, PREFIX_stats_history.csv,
//     PREFIX_failures.csv): one run per prefix; the others of a prefix are taken
//     from beside the one given when they exist;
//   - the summary an exported locustfile writes (--loadstar-summary): joins the
//     Locust files given with it, or is a run of its own.
// A file that is none of these, or unreadable, is an error naming it.
std::variant<std::vector<results::RunResult>, std::string> importResults(
    const std::vector<std::filesystem::path>& files, const std::optional<model::Project>& project,
    const ImportOptions& options = {});

}  // namespace loadstar::engines
