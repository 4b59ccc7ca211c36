#include "engine/load/run_store.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "engine/model/project_file.h"

namespace loadstar::load {

namespace {

monitor::ProcessSample processFromJson(const Json& j) {
    monitor::ProcessSample p;
    p.alive = j.value("alive", false);
    p.cpuPercent = j.value("cpu_percent", 0.0);
    p.rssBytes = j.value("rss_bytes", std::uint64_t{0});
    p.threads = j.value("threads", 0);
    p.openFds = j.value("open_fds", 0);
    return p;
}

std::optional<stats::RequestStats> requestStatsFromJson(const Json& j, const stats::Summary& summary) {
    stats::RequestStats s;
    if (!histogramFromJson(j.at("histogram"), s.latency)) return std::nullopt;
    if (!histogramFromJson(j.at("histogram_uncorrected"), s.uncorrected)) return std::nullopt;
    for (const auto& [code, count] : j.at("status_counts").items()) {
        const int c = std::stoi(code);
        if (c >= 0 && c < static_cast<int>(s.statusCounts.size()))
            s.statusCounts[static_cast<std::size_t>(c)] = count.get<std::uint64_t>();
    }
    s.responses = summary.responses;
    s.expectedRejections = summary.expectedRejections;
    s.errors = summary.errorsByClass;
    s.bytesIn = summary.bytesIn;
    s.bytesOut = summary.bytesOut;
    s.dropped = summary.dropped;
    return s;
}

}  // namespace

std::filesystem::path runsDirectory(const std::filesystem::path& projectFile) {
    std::filesystem::path directory = projectFile;
    directory += ".runs";
    return directory;
}

std::variant<RunResult, std::string> runResultFromJson(const Json& j) {
    try {
        if (j.at("format") != "loadstar-run") return std::string("not a Loadstar run result");
        RunResult r;
        r.id = j.at("id").get<std::string>();
        r.name = j.value("name", std::string());
        r.note = j.value("note", std::string());
        if (j.contains("server") && !j.at("server").is_null()) {
            Json holder{{"format", "loadstar-project"}, {"version", 1}, {"server", j.at("server")}};
            auto project = model::projectFromJson(holder);
            if (auto* p = std::get_if<model::Project>(&project)) r.server = p->server;
        }
        if (!j.at("scenario").is_null()) {
            Json holder{{"format", "loadstar-project"}, {"version", 1}, {"scenarios", Json::array({j.at("scenario")})}};
            auto project = model::projectFromJson(holder);
            if (auto* p = std::get_if<model::Project>(&project); p && !p->scenarios.empty())
                r.scenario = p->scenarios.front();
        }
        r.target = j.at("target").get<std::string>();
        r.executor = model::parseExecutor(j.at("executor").get<std::string>()).value_or(model::Executor::Closed);
        const Json& env = j.at("environment");
        r.environment.cpuModel = env.value("cpu_model", std::string());
        r.environment.cpuCount = env.value("cpu_count", 0);
        r.environment.kernel = env.value("kernel", std::string());
        r.environment.loadstarVersion = env.value("loadstar", std::string());
        r.environment.boostVersion = env.value("boost", std::string());
        r.environment.opensslVersion = env.value("openssl", std::string());
        r.environment.compiler = env.value("compiler", std::string());
        r.startedAt = j.at("started_at").get<std::string>();
        r.finishedAt = j.at("finished_at").get<std::string>();
        r.interrupted = j.at("interrupted").get<bool>();
        r.measuredSeconds = j.at("measured_seconds").get<double>();
        r.requestsStarted = j.at("requests_started").get<std::uint64_t>();
        r.thresholdsPassed = j.at("thresholds_passed").get<bool>();
        for (const Json& t : j.at("thresholds"))
            r.thresholds.push_back({t.at("threshold").get<std::string>(), t.at("passed").get<bool>(),
                                    t.at("measured").get<double>(), t.at("text").get<std::string>()});
        auto overall = stats::Summary::fromJson(j.at("overall").at("summary"));
        if (!overall) return std::string("/overall/summary: malformed");
        r.overall = *overall;
        auto overallStats = requestStatsFromJson(j.at("overall"), r.overall);
        if (!overallStats) return std::string("/overall: malformed histogram");
        r.overallStats = std::move(*overallStats);
        std::vector<std::string> ids;
        for (const Json& e : j.at("endpoints")) {
            auto summary = stats::Summary::fromJson(e.at("summary"));
            if (!summary) return std::string("/endpoints: malformed summary");
            auto s = requestStatsFromJson(e, *summary);
            if (!s) return std::string("/endpoints: malformed histogram");
            ids.push_back(e.at("id").get<std::string>());
            r.endpoints.push_back({ids.back(), *summary, std::move(*s)});
        }
        for (const Json& t : j.at("series")) {
            auto point = std::make_shared<TickPoint>();
            point->elapsed = t.at("t").get<double>();
            point->seconds = t.at("seconds").get<double>();
            point->stage = t.at("stage").get<int>();
            point->level = t.at("level").get<double>();
            point->openConnections = t.at("open_connections").get<int>();
            auto summary = stats::Summary::fromJson(t.at("overall"));
            if (!summary) return std::string("/series: malformed summary");
            point->overall = *summary;
            for (const std::string& id : ids) {
                const Json& per = t.at("endpoints");
                auto s = per.contains(id) ? stats::Summary::fromJson(per.at(id)) : std::nullopt;
                point->endpoints.push_back(s.value_or(stats::Summary{}));
            }
            const Json& res = t.at("resources");
            point->resources.elapsedSeconds = res.value("t", 0.0);
            point->resources.self = processFromJson(res.at("self"));
            if (res.contains("target")) point->resources.target = processFromJson(res.at("target"));
            point->resources.machine.cpuPercent = res.at("machine").value("cpu_percent", 0.0);
            point->resources.machine.cpus = res.at("machine").value("cpus", 0);
            r.series.push_back(std::move(point));
        }
        return r;
    } catch (const std::exception& e) {
        return std::string(e.what());
    }
}

std::variant<RunResult, std::string> readRunResult(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return file.string() + ": cannot be read";
    std::ostringstream text;
    text << in.rdbuf();
    Json j = Json::parse(text.str(), nullptr, false);
    if (j.is_discarded()) return file.string() + ": not valid JSON";
    auto r = runResultFromJson(j);
    if (auto* e = std::get_if<std::string>(&r)) return file.string() + ": " + *e;
    return r;
}

std::vector<StoredRun> listRuns(const std::filesystem::path& projectFile) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(runsDirectory(projectFile), ec)) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<StoredRun> out;
    for (const auto& f : files) {
        auto r = readRunResult(f);
        if (auto* e = std::get_if<std::string>(&r))
            out.push_back({f, std::nullopt, *e});
        else
            out.push_back({f, std::get<RunResult>(std::move(r)), {}});
    }
    return out;
}

std::optional<std::string> relabelRun(const std::filesystem::path& file, const std::string& name,
                                      const std::string& note) {
    auto r = readRunResult(file);
    if (auto* e = std::get_if<std::string>(&r)) return *e;
    auto& result = std::get<RunResult>(r);
    result.name = name;
    result.note = note;
    const auto written = model::writeFileAtomically(file, result.toJson().dump(1) + "\n");
    if (const auto* error = std::get_if<model::ProjectError>(&written)) return error->toString();
    return std::nullopt;
}

std::optional<std::string> deleteRun(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::remove(file, ec)) return file.string() + ": " + (ec ? ec.message() : "no such file");
    return std::nullopt;
}

}  // namespace loadstar::load
