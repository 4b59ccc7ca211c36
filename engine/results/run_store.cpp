#include "engine/results/run_store.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "engine/model/project_file.h"

namespace loadstar::results {

namespace {

constexpr int kRunFormatVersion = 1;
constexpr std::uintmax_t kMaxRunFileBytes = 512u << 20;

// A refusal that names where in the document it happened ("/series/12/overall").
struct RunReadError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

const Json& member(const Json& object, const char* key, const std::string& where) {
    if (!object.is_object() || !object.contains(key)) throw RunReadError(where + "/" + key + ": missing");
    return object.at(key);
}

template <typename T>
T value(const Json& object, const char* key, const std::string& where) {
    const Json& j = member(object, key, where);
    try {
        return j.get<T>();
    } catch (const Json::exception&) {
        throw RunReadError(where + "/" + key + ": wrong type (" + j.type_name() + ")");
    }
}

stats::Summary summaryFrom(const Json& j, const std::string& where) {
    auto summary = stats::Summary::fromJson(j);
    if (!summary) throw RunReadError(where + ": not a complete summary");
    return *summary;
}

// The counters live in the summary, the distributions and status codes beside it.
stats::RequestStats requestStatsFrom(const Json& j, const stats::Summary& summary, const std::string& where) {
    stats::RequestStats s;
    if (!histogramFromJson(member(j, "histogram", where), s.latency))
        throw RunReadError(where + "/histogram: not a histogram");
    if (!histogramFromJson(member(j, "histogram_uncorrected", where), s.uncorrected))
        throw RunReadError(where + "/histogram_uncorrected: not a histogram");
    const Json& statuses = member(j, "status_counts", where);
    if (!statuses.is_object()) throw RunReadError(where + "/status_counts: not an object");
    for (const auto& [code, count] : statuses.items()) {
        std::size_t parsed = 0;
        int status = -1;
        try {
            status = std::stoi(code, &parsed);
        } catch (const std::exception&) {
        }
        if (parsed != code.size() || status < 0 ||
            static_cast<std::size_t>(status) >= s.statusCounts.size() || !count.is_number_unsigned())
            throw RunReadError(where + "/status_counts/" + code + ": not a status code with a count");
        s.statusCounts[static_cast<std::size_t>(status)] = count.get<std::uint64_t>();
    }
    s.responses = summary.responses;
    s.expectedRejections = summary.expectedRejections;
    s.errors = summary.errorsByClass;
    s.bytesIn = summary.bytesIn;
    s.bytesOut = summary.bytesOut;
    s.dropped = summary.dropped;
    return s;
}

monitor::ProcessSample processFrom(const Json& j, const std::string& where) {
    monitor::ProcessSample p;
    p.alive = value<bool>(j, "alive", where);
    p.cpuPercent = value<double>(j, "cpu_percent", where);
    p.rssBytes = value<std::uint64_t>(j, "rss_bytes", where);
    p.threads = value<int>(j, "threads", where);
    p.openFds = value<int>(j, "open_fds", where);
    // Runs stored before process trees were sampled counted one process.
    p.processes = j.contains("processes") ? value<int>(j, "processes", where) : (p.alive ? 1 : 0);
    return p;
}

monitor::ResourceSample resourcesFrom(const Json& j, const std::string& where) {
    monitor::ResourceSample r;
    r.elapsedSeconds = value<double>(j, "t", where);
    r.self = processFrom(member(j, "self", where), where + "/self");
    if (j.contains("target")) r.target = processFrom(j.at("target"), where + "/target");
    const Json& machine = member(j, "machine", where);
    r.machine.cpuPercent = value<double>(machine, "cpu_percent", where + "/machine");
    r.machine.cpus = value<int>(machine, "cpus", where + "/machine");
    return r;
}

std::shared_ptr<const TickPoint> tickFrom(const Json& j, const std::vector<std::string>& endpointIds,
                                          const std::string& where) {
    auto tick = std::make_shared<TickPoint>();
    tick->elapsed = value<double>(j, "t", where);
    tick->seconds = value<double>(j, "seconds", where);
    tick->stage = value<int>(j, "stage", where);
    tick->level = value<double>(j, "level", where);
    tick->openConnections = value<int>(j, "open_connections", where);
    tick->overall = summaryFrom(member(j, "overall", where), where + "/overall");
    const Json& perEndpoint = member(j, "endpoints", where);
    for (const std::string& id : endpointIds) {
        if (!perEndpoint.contains(id)) throw RunReadError(where + "/endpoints/" + id + ": missing");
        tick->endpoints.push_back(summaryFrom(perEndpoint.at(id), where + "/endpoints/" + id));
    }
    tick->resources = resourcesFrom(member(j, "resources", where), where + "/resources");
    return tick;
}

Environment environmentFrom(const Json& j) {
    Environment e;
    e.cpuModel = value<std::string>(j, "cpu_model", "/environment");
    e.cpuCount = value<int>(j, "cpu_count", "/environment");
    e.kernel = value<std::string>(j, "kernel", "/environment");
    e.loadstarVersion = value<std::string>(j, "loadstar", "/environment");
    e.boostVersion = value<std::string>(j, "boost", "/environment");
    e.opensslVersion = value<std::string>(j, "openssl", "/environment");
    e.compiler = value<std::string>(j, "compiler", "/environment");
    return e;
}

EngineInfo engineFrom(const Json& j) {
    EngineInfo e;
    e.name = value<std::string>(j, "name", "/engine");
    if (j.contains("version")) e.version = value<std::string>(j, "version", "/engine");
    if (j.contains("workers")) e.workers = value<int>(j, "workers", "/engine");
    if (j.contains("notes")) e.notes = value<std::vector<std::string>>(j, "notes", "/engine");
    if (j.contains("imported_from"))
        e.importedFrom = value<std::vector<std::string>>(j, "imported_from", "/engine");
    return e;
}

// Scenario and server settings are stored in the project file's own format; read
// them back through the project reader with a holder document.
model::Project holderProject(const char* key, const Json& j) {
    Json holder = model::projectToJson(model::Project{});
    if (std::string_view(key) == "scenarios") {
        holder["scenarios"] = Json::array({j});
    } else {
        holder[key] = j;
    }
    auto project = model::projectFromJson(holder);
    if (const auto* error = std::get_if<model::ProjectError>(&project)) {
        std::string where = error->where;
        if (where.starts_with("/scenarios/0")) where = "/scenario" + where.substr(12);
        throw RunReadError(where + ": " + error->message);
    }
    return std::get<model::Project>(std::move(project));
}

RunResult readRun(const Json& j) {
    if (!j.is_object() || !j.contains("format") || j.at("format") != "loadstar-run")
        throw RunReadError("/format: not a Loadstar run (expected \"loadstar-run\")");
    const int version = value<int>(j, "version", "");
    if (version > kRunFormatVersion) {
        throw RunReadError("/version: written by a newer Loadstar (run format " + std::to_string(version) +
                           "; this build reads up to " + std::to_string(kRunFormatVersion) + ")");
    }
    RunResult r;
    r.id = value<std::string>(j, "id", "");
    // Runs stored before labels existed have none.
    if (j.contains("name")) r.name = value<std::string>(j, "name", "");
    if (j.contains("note")) r.note = value<std::string>(j, "note", "");
    if (const Json& scenario = member(j, "scenario", ""); !scenario.is_null())
        r.scenario = holderProject("scenarios", scenario).scenarios.at(0);
    if (j.contains("server") && !j.at("server").is_null())
        r.server = holderProject("server", j.at("server")).server;
    // Runs stored before the server choice existed (or the warm-up's figures) have neither.
    if (j.contains("server_under_test") && !j.at("server_under_test").is_null()) {
        r.serverUnderTest = ServerUnderTest::fromJson(j.at("server_under_test"));
        if (!r.serverUnderTest) throw RunReadError("/server_under_test: not a server description");
    }
    r.target = value<std::string>(j, "target", "");
    const auto executor = model::parseExecutor(value<std::string>(j, "executor", ""));
    if (!executor) throw RunReadError("/executor: expected \"closed\" or \"open\"");
    r.executor = *executor;
    r.environment = environmentFrom(member(j, "environment", ""));
    r.startedAt = value<std::string>(j, "started_at", "");
    r.finishedAt = value<std::string>(j, "finished_at", "");
    r.interrupted = value<bool>(j, "interrupted", "");
    r.measuredSeconds = value<double>(j, "measured_seconds", "");
    r.requestsStarted = value<std::uint64_t>(j, "requests_started", "");
    r.thresholdsPassed = value<bool>(j, "thresholds_passed", "");

    const Json& thresholds = member(j, "thresholds", "");
    for (std::size_t i = 0; i < thresholds.size(); ++i) {
        const std::string where = "/thresholds/" + std::to_string(i);
        const Json& t = thresholds.at(i);
        r.thresholds.push_back({value<std::string>(t, "threshold", where), value<bool>(t, "passed", where),
                                value<double>(t, "measured", where), value<std::string>(t, "text", where)});
    }

    const Json& overall = member(j, "overall", "");
    r.overall = summaryFrom(member(overall, "summary", "/overall"), "/overall/summary");
    r.overallStats = requestStatsFrom(overall, r.overall, "/overall");
    if (j.contains("warmup") && !j.at("warmup").is_null()) {
        const Json& warmup = j.at("warmup");
        r.warmup = summaryFrom(member(warmup, "summary", "/warmup"), "/warmup/summary");
        r.warmupStats = requestStatsFrom(warmup, *r.warmup, "/warmup");
    }

    std::vector<std::string> ids;
    const Json& endpoints = member(j, "endpoints", "");
    for (std::size_t i = 0; i < endpoints.size(); ++i) {
        const std::string where = "/endpoints/" + std::to_string(i);
        EndpointResult e;
        e.id = value<std::string>(endpoints.at(i), "id", where);
        e.summary = summaryFrom(member(endpoints.at(i), "summary", where), where + "/summary");
        e.stats = requestStatsFrom(endpoints.at(i), e.summary, where);
        ids.push_back(e.id);
        r.endpoints.push_back(std::move(e));
    }
    if (j.contains("engine")) r.engine = engineFrom(j.at("engine"));
    const Json& series = member(j, "series", "");
    if (!series.is_array()) throw RunReadError("/series: not an array");
    r.series.reserve(series.size());
    for (std::size_t i = 0; i < series.size(); ++i)
        r.series.push_back(tickFrom(series.at(i), ids, "/series/" + std::to_string(i)));
    return r;
}

}  // namespace

std::filesystem::path runsDirectory(const std::filesystem::path& projectFile) {
    std::filesystem::path directory = projectFile;
    directory += ".runs";
    return directory;
}

std::variant<RunResult, std::string> runResultFromJson(const Json& json) {
    try {
        return readRun(json);
    } catch (const RunReadError& e) {
        return std::string(e.what());
    } catch (const Json::exception& e) {
        return std::string(e.what());
    }
}

std::variant<RunResult, std::string> readRunResult(const std::filesystem::path& file) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec) return file.string() + ": cannot read: " + ec.message();
    if (size > kMaxRunFileBytes) return file.string() + ": too large for a stored run";
    std::ifstream in(file, std::ios::binary);
    if (!in) return file.string() + ": cannot open";
    std::ostringstream text;
    text << in.rdbuf();
    Json document;
    try {
        document = Json::parse(text.str());
    } catch (const Json::parse_error& e) {
        return file.string() + ": not JSON: " + e.what();
    }
    auto result = runResultFromJson(document);
    if (auto* error = std::get_if<std::string>(&result)) return file.string() + ": " + *error;
    return result;
}

std::vector<StoredRun> listRuns(const std::filesystem::path& projectFile) {
    std::vector<StoredRun> runs;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(runsDirectory(projectFile), ec)) {
        if (entry.path().extension() != ".json" || !entry.is_regular_file(ec)) continue;
        StoredRun run{entry.path(), std::nullopt, {}};
        auto result = readRunResult(entry.path());
        if (auto* error = std::get_if<std::string>(&result)) {
            run.error = *error;
        } else {
            run.result = std::get<RunResult>(std::move(result));
        }
        runs.push_back(std::move(run));
    }
    std::sort(runs.begin(), runs.end(),
              [](const StoredRun& a, const StoredRun& b) { return a.file.stem() < b.file.stem(); });
    return runs;
}

std::optional<std::string> relabelRun(const std::filesystem::path& file, const std::string& name,
                                      const std::string& note) {
    auto result = readRunResult(file);
    if (auto* error = std::get_if<std::string>(&result)) return *error;
    RunResult& run = std::get<RunResult>(result);
    run.name = name;
    run.note = note;
    const auto written = model::writeFileAtomically(file, run.toJson().dump(1) + "\n");
    if (const auto* error = std::get_if<model::ProjectError>(&written)) return error->toString();
    return std::nullopt;
}

std::optional<std::string> deleteRun(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::remove(file, ec)) {
        return file.string() + ": " + (ec ? ec.message() : std::string("no such run"));
    }
    return std::nullopt;
}

}  // namespace loadstar::results
