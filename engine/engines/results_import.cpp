#include "engine/engines/results_import.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/engines/k6_summary.h"
#include "engine/engines/locust_csv.h"
#include "engine/engines/locust_results.h"

namespace loadstar::engines {

namespace {

constexpr std::uintmax_t kMaxFileBytes = 512u << 20;

std::variant<std::string, std::string> readText(const std::filesystem::path& file) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec)
        return std::variant<std::string, std::string>(std::in_place_index<1>,
                                                      file.string() + ": " + ec.message());
    if (size > kMaxFileBytes)
        return std::variant<std::string, std::string>(std::in_place_index<1>, file.string() + ": too large");
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in)
        return std::variant<std::string, std::string>(std::in_place_index<1>,
                                                      file.string() + ": cannot read");
    return std::variant<std::string, std::string>(std::in_place_index<0>, text.str());
}

std::optional<std::string> modifiedAt(const std::filesystem::path& file) {
    std::error_code ec;
    const auto t = std::filesystem::last_write_time(file, ec);
    if (ec) return std::nullopt;
    // GCC 12 has no clock_cast: carry the offset between the two clocks over.
    const auto system =
        std::chrono::system_clock::now() + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                               t - std::filesystem::file_time_type::clock::now());
    return results::isoTime(system);
}

// "results_stats_history.csv" -> "results"; the suffixes Locust gives its files.
std::string locustPrefix(const std::filesystem::path& file) {
    const std::string name = file.string();
    for (const char* suffix : {"_stats_history.csv", "_stats.csv", "_failures.csv", "_exceptions.csv"}) {
        if (name.ends_with(suffix)) return name.substr(0, name.size() - std::string(suffix).size());
    }
    return (file.parent_path() / file.stem()).string();
}

struct LocustGroup {
    LocustRunFiles files;
    std::vector<std::string> sources;
};

}  // namespace

std::variant<std::vector<results::RunResult>, std::string> importResults(
    const std::vector<std::filesystem::path>& files, const std::optional<model::Project>& project,
    const ImportOptions& options) {
    std::optional<model::Scenario> scenario;
    if (!options.scenario.empty()) {
        if (!project) return std::string("--scenario needs the project (--project)");
        const model::Scenario* s = project->scenario(options.scenario);
        if (s == nullptr) return "the project has no scenario \"" + options.scenario + "\"";
        scenario = *s;
    }
    std::vector<K6Summary> k6;
    std::map<std::string, LocustGroup> locust;
    std::vector<std::pair<std::string, LocustSummary>> locustSummaries;
    std::vector<std::filesystem::path> queue = files;
    for (std::size_t i = 0; i < queue.size(); ++i) {
        const std::filesystem::path& file = queue[i];
        auto text = readText(file);
        if (text.index() == 1) return std::get<1>(text);
        const std::string& content = std::get<0>(text);
        const LocustCsvKind kind = locustCsvKind(content);
        if (kind != LocustCsvKind::Unknown) {
            const std::string prefix = locustPrefix(file);
            LocustGroup& group = locust[prefix];
            if (std::find(group.sources.begin(), group.sources.end(), file.string()) != group.sources.end())
                continue;
            group.sources.push_back(file.string());
            std::string error;
            if (kind == LocustCsvKind::Stats) {
                auto rows = parseLocustStats(content);
                if (auto* e = std::get_if<std::string>(&rows))
                    error = *e;
                else
                    group.files.stats = std::move(std::get<0>(rows));
            } else if (kind == LocustCsvKind::History) {
                auto rows = parseLocustHistory(content);
                if (auto* e = std::get_if<std::string>(&rows))
                    error = *e;
                else
                    group.files.history = std::move(std::get<0>(rows));
            } else {
                auto rows = parseLocustFailures(content);
                if (auto* e = std::get_if<std::string>(&rows))
                    error = *e;
                else
                    group.files.failures = std::move(std::get<0>(rows));
            }
            if (!error.empty()) return file.string() + ": " + error;
            // The prefix's other files, when they lie beside the one given.
            for (const char* suffix : {"_stats.csv", "_stats_history.csv", "_failures.csv"}) {
                const std::filesystem::path sibling = prefix + suffix;
                if (std::filesystem::exists(sibling) &&
                    std::find(queue.begin(), queue.end(), sibling) == queue.end())
                    queue.push_back(sibling);
            }
            continue;
        }
        Json json;
        try {
            json = Json::parse(content);
        } catch (const Json::parse_error&) {
        }
        if (json.is_object() && json.value("format", "") == "loadstar-locust-summary") {
            auto summary = parseLocustSummary(json);
            if (auto* e = std::get_if<std::string>(&summary)) return file.string() + ": " + *e;
            locustSummaries.emplace_back(file.string(), std::move(std::get<LocustSummary>(summary)));
            continue;
        }
        if (auto found = findK6Summary(content)) {
            k6.push_back({std::move(*found), file.string(), modifiedAt(file)});
            continue;
        }
        return file.string() +
               ": not a k6 summary, a Locust CSV file (stats, stats history or failures) or a Loadstar "
               "summary "
               "of a Locust run";
    }

    std::vector<results::RunResult> runs;
    if (!k6.empty()) {
        std::vector<std::vector<K6Summary>> batches;
        if (options.mergeK6) {
            batches.push_back(k6);
        } else {
            for (K6Summary& s : k6)
                batches.push_back({s});
        }
        for (const auto& batch : batches) {
            auto run = k6RunResult(batch, project);
            if (auto* e = std::get_if<std::string>(&run)) return *e;
            runs.push_back(std::move(std::get<results::RunResult>(run)));
        }
    }
    if (locustSummaries.size() == 1 && locust.size() == 1) {
        locust.begin()->second.files.summary = std::move(locustSummaries.front().second);
        locust.begin()->second.sources.push_back(locustSummaries.front().first);
        locustSummaries.clear();
    }
    for (auto& [file, summary] : locustSummaries) {
        locust[file].files.summary = std::move(summary);
        locust[file].sources.push_back(file);
    }
    for (auto& [prefix, group] : locust) {
        const std::string label =
            scenario ? scenario->name : std::filesystem::path(prefix).filename().string();
        results::RunResult r = locustRunResult(group.files, scenario, "locust-" + label);
        r.engine.importedFrom = group.sources;
        if (!scenario)
            r.engine.notes.push_back(
                "No scenario was given (--scenario): the run has no thresholds and no target.");
        runs.push_back(std::move(r));
    }
    return runs;
}

}  // namespace loadstar::engines
