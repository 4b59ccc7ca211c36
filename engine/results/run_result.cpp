#include "engine/results/run_result.h"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <openssl/opensslv.h>
#include <sys/utsname.h>
#include <thread>

#include <boost/version.hpp>

#include "engine/model/project_file.h"
#include "engine/results/run_store.h"

namespace loadstar::results {

namespace {

std::string isoTime(std::chrono::system_clock::time_point t, bool compact) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, compact ? "%Y%m%dT%H%M%SZ" : "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

std::string fileSafe(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_' || c == '.';
        out += ok ? c : '-';
    }
    return out.substr(0, 60);
}

Json scenarioJson(const model::Scenario& scenario) {
    // The project writer owns the scenario format; borrow it through a project
    // holding only this scenario, so stored runs read like project files.
    model::Project holder;
    holder.scenarios.push_back(scenario);
    return model::projectToJson(holder)["scenarios"][0];
}

Json serverJson(const model::ServerSettings& settings) {
    model::Project holder;
    holder.server = settings;
    return model::projectToJson(holder)["server"];
}

Json requestStatsJson(const stats::RequestStats& s) {
    Json statuses = Json::object();
    for (std::size_t code = 0; code < s.statusCounts.size(); ++code) {
        if (s.statusCounts[code] != 0) statuses[std::to_string(code)] = s.statusCounts[code];
    }
    return Json{{"status_counts", std::move(statuses)},
                {"histogram", histogramToJson(s.latency)},
                {"histogram_uncorrected", histogramToJson(s.uncorrected)}};
}

}  // namespace

Environment Environment::capture() {
    Environment e;
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);) {
        if (line.starts_with("model name")) {
            const std::size_t colon = line.find(':');
            if (colon != std::string::npos) e.cpuModel = line.substr(colon + 2);
            break;
        }
    }
    e.cpuCount = static_cast<int>(std::thread::hardware_concurrency());
    utsname u{};
    if (::uname(&u) == 0) e.kernel = std::string(u.sysname) + " " + u.release;
    e.loadstarVersion = LOADSTAR_VERSION;
    e.boostVersion = std::to_string(BOOST_VERSION / 100000) + "." +
                     std::to_string(BOOST_VERSION / 100 % 1000) + "." + std::to_string(BOOST_VERSION % 100);
    e.opensslVersion = OPENSSL_VERSION_TEXT;
#if defined(__clang__)
    e.compiler = "clang " __clang_version__;
#elif defined(__GNUC__)
    e.compiler = "gcc " __VERSION__;
#endif
    return e;
}

Json Environment::toJson() const {
    return Json{{"cpu_model", cpuModel},       {"cpu_count", cpuCount}, {"kernel", kernel},
                {"loadstar", loadstarVersion}, {"boost", boostVersion}, {"openssl", opensslVersion},
                {"compiler", compiler}};
}

Json histogramToJson(const stats::LatencyHistogram& h) {
    Json counts = Json::array();
    for (const auto& [index, count] : h.nonZeroCounts())
        counts.push_back(Json::array({index, count}));
    return Json{{"unit", "us"},
                {"highest_trackable", h.highestTrackable()},
                {"count", h.count()},
                {"min", h.min()},
                {"max", h.max()},
                {"sum", h.sum()},
                {"sum_sq", h.sumOfSquares()},
                {"counts", std::move(counts)}};
}

bool histogramFromJson(const Json& j, stats::LatencyHistogram& h) {
    try {
        std::vector<std::pair<std::uint32_t, std::uint64_t>> counts;
        for (const Json& pair : j.at("counts"))
            counts.emplace_back(pair.at(0).get<std::uint32_t>(), pair.at(1).get<std::uint64_t>());
        return h.restoreCounts(counts, j.at("min").get<std::int64_t>(), j.at("max").get<std::int64_t>(),
                               j.at("sum").get<double>(), j.at("sum_sq").get<double>());
    } catch (const Json::exception&) {
        h.reset();
        return false;
    }
}

Json ServerUnderTest::toJson() const {
    Json j{{"kind", model::toString(choice.kind)},
           {"workers", choice.workers},
           {"worker_class", model::toString(choice.workerClass)},
           {"threads", choice.threads},
           {"software", software},
           {"command", command}};
    j["start_seconds"] = startSeconds ? Json(*startSeconds) : Json(nullptr);
    return j;
}

std::optional<ServerUnderTest> ServerUnderTest::fromJson(const Json& j) {
    try {
        ServerUnderTest s;
        const auto kind = model::parseServerKind(j.at("kind").get<std::string>());
        const auto workerClass = model::parseWorkerClass(j.at("worker_class").get<std::string>());
        if (!kind || !workerClass) return std::nullopt;
        s.choice = {*kind, j.at("workers").get<int>(), *workerClass, j.at("threads").get<int>()};
        s.software = j.at("software").get<std::string>();
        s.command = j.at("command").get<std::string>();
        if (!j.at("start_seconds").is_null()) s.startSeconds = j.at("start_seconds").get<double>();
        return s;
    } catch (const Json::exception&) {
        return std::nullopt;
    }
}

Json EngineInfo::toJson() const {
    Json j{{"name", name}, {"notes", notes}};
    if (!version.empty()) j["version"] = version;
    if (workers > 0) j["workers"] = workers;
    if (!importedFrom.empty()) j["imported_from"] = importedFrom;
    return j;
}

std::map<int, std::uint64_t> RunResult::statusCounts() const {
    std::map<int, std::uint64_t> out;
    for (std::size_t code = 0; code < overallStats.statusCounts.size(); ++code) {
        if (overallStats.statusCounts[code] != 0)
            out[static_cast<int>(code)] = overallStats.statusCounts[code];
    }
    return out;
}

Json RunResult::toJson() const {
    std::vector<std::string> ids;
    Json endpointsJson = Json::array();
    for (const EndpointResult& e : endpoints) {
        ids.push_back(e.id);
        Json j{{"id", e.id}, {"summary", e.summary.toJson()}};
        j.update(requestStatsJson(e.stats));
        endpointsJson.push_back(std::move(j));
    }
    Json seriesJson = Json::array();
    for (const auto& point : series)
        seriesJson.push_back(point->toJson(ids));
    Json thresholdsJson = Json::array();
    for (const stats::ThresholdResult& t : thresholds) {
        thresholdsJson.push_back({{"threshold", t.text},
                                  {"passed", t.passed},
                                  {"measured", t.measured},
                                  {"text", t.measuredText}});
    }
    Json overallJson{{"summary", overall.toJson()}};
    overallJson.update(requestStatsJson(overallStats));
    Json warmupJson(nullptr);
    if (warmup && warmupStats) {
        warmupJson = Json{{"summary", warmup->toJson()}};
        warmupJson.update(requestStatsJson(*warmupStats));
    }
    Json out{{"format", "loadstar-run"},
             {"version", 1},
             {"id", id},
             {"name", name},
             {"note", note},
             {"scenario", scenario ? scenarioJson(*scenario) : Json(nullptr)},
             {"server", server ? serverJson(*server) : Json(nullptr)},
             {"server_under_test", serverUnderTest ? serverUnderTest->toJson() : Json(nullptr)},
             {"target", target},
             {"executor", model::toString(executor)},
             {"environment", environment.toJson()},
             {"started_at", startedAt},
             {"finished_at", finishedAt},
             {"interrupted", interrupted},
             {"measured_seconds", measuredSeconds},
             {"requests_started", requestsStarted},
             {"thresholds_passed", thresholdsPassed},
             {"thresholds", std::move(thresholdsJson)},
             {"overall", std::move(overallJson)},
             {"warmup", std::move(warmupJson)},
             {"endpoints", std::move(endpointsJson)},
             {"series", std::move(seriesJson)}};
    // Runs of the native engine keep the format they always had.
    if (!engine.native() || !engine.notes.empty()) out["engine"] = engine.toJson();
    return out;
}

std::string runId(std::chrono::system_clock::time_point startedAt, std::string_view label) {
    return isoTime(startedAt, true) + "-" + fileSafe(label);
}

std::string isoTime(std::chrono::system_clock::time_point t) {
    return isoTime(t, false);
}

void judgeThresholds(RunResult& r, const std::vector<std::string>& thresholds) {
    auto lookup = [&r](std::string_view id) -> const stats::RequestStats* {
        if (id.empty()) return &r.overallStats;
        for (const EndpointResult& e : r.endpoints) {
            if (e.id == id) return &e.stats;
        }
        return nullptr;
    };
    r.thresholds = stats::judge(thresholds, lookup, r.measuredSeconds);
    r.thresholdsPassed = std::all_of(r.thresholds.begin(), r.thresholds.end(),
                                     [](const stats::ThresholdResult& t) { return t.passed; });
}

std::variant<std::filesystem::path, std::string> storeRunResult(const RunResult& result,
                                                                const std::filesystem::path& projectFile) {
    const std::filesystem::path directory = runsDirectory(projectFile);
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec) return directory.string() + ": " + ec.message();
    std::filesystem::path file = directory / (result.id + ".json");
    for (int n = 2; std::filesystem::exists(file); ++n)
        file = directory / (result.id + "-" + std::to_string(n) + ".json");
    const auto written = model::writeFileAtomically(file, result.toJson().dump(1) + "\n");
    if (const auto* error = std::get_if<model::ProjectError>(&written)) return error->toString();
    return file;
}

}  // namespace loadstar::results
