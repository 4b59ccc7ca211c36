#include "engine/engines/locust_results.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace loadstar::engines {

namespace {

constexpr const char* kAggregated = "Aggregated";

std::optional<stats::ErrorClass> errorClassNamed(std::string_view name) {
    for (std::size_t i = 0; i < stats::kErrorClassCount; ++i) {
        const auto c = static_cast<stats::ErrorClass>(i);
        if (name == stats::toString(c)) return c;
    }
    return std::nullopt;
}

// One endpoint's (or the total's) figures from the summary JSON. Locust records
// one time per request (from the send: there is no intended start in a closed
// loop), so both histograms hold the same values.
stats::RequestStats requestStatsOf(const Json& j) {
    stats::RequestStats s;
    for (const auto& [key, count] : j.at("response_times_ms").items()) {
        const double ms = std::stod(key);
        s.latency.recordMany(static_cast<std::int64_t>(std::llround(ms * 1000)), count.get<std::uint64_t>());
    }
    s.uncorrected = s.latency;
    for (const auto& [code, count] : j.at("status_counts").items()) {
        const int status = std::stoi(code);
        if (status >= 0 && static_cast<std::size_t>(status) < s.statusCounts.size())
            s.statusCounts[static_cast<std::size_t>(status)] = count.get<std::uint64_t>();
    }
    std::uint64_t transport = 0;
    for (const auto& [outcome, count] : j.at("outcomes").items()) {
        const auto n = count.get<std::uint64_t>();
        if (outcome == "expected_rejection") {
            s.expectedRejections += n;
        } else if (const auto c = errorClassNamed(outcome)) {
            s.errors[static_cast<std::size_t>(*c)] += n;
            if (*c <= stats::ErrorClass::Protocol) transport += n;
        }
    }
    const auto requests = j.at("requests").get<std::uint64_t>();
    s.responses = requests >= transport ? requests - transport : 0;
    s.bytesIn = j.at("content_bytes").get<std::uint64_t>();
    return s;
}

results::TickPoint tickOf(const LocustHistoryRow& aggregated, const LocustHistoryRow* previous,
                          const std::vector<const LocustHistoryRow*>& endpoints,
                          const std::vector<const LocustHistoryRow*>& previousEndpoints, double elapsed,
                          const LoadShape* shape) {
    results::TickPoint t;
    t.elapsed = elapsed;
    t.overall = tickSummaryOf(aggregated, previous);
    t.seconds = t.overall.seconds;
    t.stage = shape ? shape->stageAt(elapsed - t.seconds / 2) : 0;
    t.level = shape ? shape->levelAt(elapsed - t.seconds / 2) : aggregated.userCount;
    t.openConnections = aggregated.userCount;
    for (std::size_t i = 0; i < endpoints.size(); ++i) {
        t.endpoints.push_back(endpoints[i] ? tickSummaryOf(*endpoints[i], previousEndpoints[i])
                                           : stats::Summary{});
        t.endpoints.back().seconds = t.seconds;
    }
    t.resources.elapsedSeconds = elapsed;
    return t;
}

}  // namespace

std::variant<LocustSummary, std::string> parseLocustSummary(const Json& j) {
    if (!j.is_object() || j.value("format", "") != "loadstar-locust-summary")
        return std::string("not a Loadstar summary of a Locust run (format \"loadstar-locust-summary\")");
    if (j.value("version", 0) > 1) return std::string("written by a newer Loadstar (version above 1)");
    try {
        LocustSummary s;
        s.measuredFrom = j.at("measured_from").get<double>();
        s.lastRequestAt =
            j.at("last_request_at").is_null() ? s.measuredFrom : j.at("last_request_at").get<double>();
        s.finishedAt = j.at("finished_at").get<double>();
        s.completed = j.at("completed").get<bool>();
        s.lateSends = j.value("late_sends", std::uint64_t{0});
        s.workers = j.value("workers", 0);
        s.total = requestStatsOf(j.at("total"));
        for (const auto& [id, entry] : j.at("endpoints").items())
            s.endpoints[id] = requestStatsOf(entry);
        return s;
    } catch (const std::exception& e) {
        return std::string("incomplete summary: ") + e.what();
    }
}

std::vector<std::string> endpointNames(const std::vector<LocustHistoryRow>& rows) {
    std::vector<std::string> names;
    for (const LocustHistoryRow& r : rows) {
        if (r.name != kAggregated && std::find(names.begin(), names.end(), r.name) == names.end())
            names.push_back(r.name);
    }
    return names;
}

results::Series seriesFromHistory(const std::vector<LocustHistoryRow>& rows,
                                  const std::vector<std::string>& endpointIds, std::int64_t startTimestamp,
                                  const LoadShape* shape) {
    results::Series series;
    const LocustHistoryRow* previous = nullptr;
    std::vector<const LocustHistoryRow*> previousEndpoints(endpointIds.size(), nullptr);
    std::vector<const LocustHistoryRow*> current(endpointIds.size(), nullptr);
    for (const LocustHistoryRow& row : rows) {
        if (row.name != kAggregated) {
            const auto it = std::find(endpointIds.begin(), endpointIds.end(), row.name);
            if (it != endpointIds.end()) current[static_cast<std::size_t>(it - endpointIds.begin())] = &row;
            continue;
        }
        // The "Aggregated" row closes the rows of its timestamp.
        if (row.timestamp >= startTimestamp) {
            const double elapsed = static_cast<double>(row.timestamp - startTimestamp);
            series.push_back(std::make_shared<const results::TickPoint>(
                tickOf(row, previous, current, previousEndpoints, elapsed, shape)));
        }
        previous = &row;
        for (std::size_t i = 0; i < current.size(); ++i) {
            if (current[i]) previousEndpoints[i] = current[i];
        }
        std::fill(current.begin(), current.end(), nullptr);
    }
    return series;
}

std::vector<std::string> locustNotes() {
    return {
        "Generated by Locust: a closed loop; latency is measured from each request's actual send, so in an "
        "open-loop scenario the waiting of requests sent late is in no figure (coordinated omission).",
        "Locust rounds each response time before counting it (to 1 ms below 100 ms, 10 ms below 1 s, 100 ms "
        "below 10 s, 1 s above); its percentiles and the histograms here carry that rounding.",
        "Per-second percentiles are Locust's current ones, over the last 10 seconds, not the second's own.",
        "Bytes sent are not counted by Locust; bytes received are response bodies only."};
}

std::optional<stats::ErrorClass> errorClassOfLocustFailure(const std::string& error) {
    // An exported locustfile names the class: "HTTP 503 (status_5xx)", "timeout: ...".
    const std::size_t open = error.rfind('(');
    if (open != std::string::npos && error.back() == ')') {
        if (const auto c = errorClassNamed(error.substr(open + 1, error.size() - open - 2))) return c;
    }
    if (const auto c = errorClassNamed(error.substr(0, error.find(':')))) return c;
    std::string lower;
    for (const char ch : error)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower.find("422") != std::string::npos) return stats::ErrorClass::Status422;
    for (const char* code : {"500", "501", "502", "503", "504"}) {
        if (lower.find(code) != std::string::npos) return stats::ErrorClass::Status5xx;
    }
    if (lower.find("timeout") != std::string::npos || lower.find("timed out") != std::string::npos)
        return stats::ErrorClass::Timeout;
    if (lower.find("refused") != std::string::npos || lower.find("gaierror") != std::string::npos)
        return stats::ErrorClass::Connect;
    if (lower.find("reset") != std::string::npos || lower.find("disconnected") != std::string::npos)
        return stats::ErrorClass::Read;
    if (lower.find("client error") != std::string::npos || lower.find("httperror('4") != std::string::npos)
        return stats::ErrorClass::Status4xx;
    return std::nullopt;
}

results::RunResult locustRunResult(const LocustRunFiles& files,
                                   const std::optional<model::Scenario>& scenario, const std::string& label) {
    results::RunResult r;
    r.scenario = scenario;
    r.executor = scenario ? scenario->executor : model::Executor::Closed;
    r.engine.name = "locust";
    r.engine.notes = locustNotes();

    std::vector<std::string> ids = endpointNames(files.history);
    for (const LocustStatsRow& row : files.stats) {
        if (row.name != kAggregated && std::find(ids.begin(), ids.end(), row.name) == ids.end())
            ids.push_back(row.name);
    }
    if (files.summary) {
        for (const auto& [id, _] : files.summary->endpoints) {
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        }
    }

    // When the run started and how long its measured part was.
    double started = files.history.empty() ? 0 : static_cast<double>(files.history.front().timestamp);
    double finished = files.history.empty() ? 0 : static_cast<double>(files.history.back().timestamp);
    double measured = finished - started;
    if (files.summary) {
        measured = std::max(0.0, files.summary->lastRequestAt - files.summary->measuredFrom);
        finished = files.summary->finishedAt;
        if (started == 0) started = files.summary->measuredFrom;
        r.interrupted = !files.summary->completed;
        r.engine.workers = files.summary->workers;
        if (files.summary->lateSends > 0) {
            r.engine.notes.push_back(std::to_string(files.summary->lateSends) +
                                     " sends started late: the users could not keep the arrival rate.");
        }
    }
    const auto at = [](double unix) {
        return std::chrono::system_clock::time_point(
            std::chrono::duration_cast<std::chrono::system_clock::duration>(
                std::chrono::duration<double>(unix)));
    };
    r.id = results::runId(at(started), label);
    r.startedAt = results::isoTime(at(started));
    r.finishedAt = results::isoTime(at(finished));
    r.measuredSeconds = measured;

    const LoadShape shape = scenario ? LoadShape::of(*scenario) : LoadShape{};
    r.series =
        seriesFromHistory(files.history, ids, files.history.empty() ? 0 : files.history.front().timestamp,
                          scenario ? &shape : nullptr);

    if (files.summary) {
        r.overallStats = files.summary->total;
        r.overall = stats::Summary::of(r.overallStats, measured);
        for (const std::string& id : ids) {
            const auto it = files.summary->endpoints.find(id);
            const stats::RequestStats s =
                it == files.summary->endpoints.end() ? stats::RequestStats() : it->second;
            r.endpoints.push_back(results::EndpointResult{id, stats::Summary::of(s, measured), s});
        }
        r.requestsStarted = r.overall.requests;
        results::judgeThresholds(r, scenario ? scenario->thresholds : std::vector<std::string>{});
        return r;
    }

    // From the CSV files alone: Locust's figures, without histograms.
    r.engine.notes.push_back(
        "No latency histogram: percentiles are the ones Locust's stats CSV lists (50% to "
        "100%); status codes are not in Locust's CSV files.");
    std::map<std::string, std::array<std::uint64_t, stats::kErrorClassCount>> classes;
    for (const LocustFailureRow& f : files.failures) {
        if (const auto c = errorClassOfLocustFailure(f.error)) {
            classes[f.name][static_cast<std::size_t>(*c)] += f.occurrences;
            classes[kAggregated][static_cast<std::size_t>(*c)] += f.occurrences;
        }
    }
    const auto withClasses = [&classes](stats::Summary s, const std::string& name) {
        if (const auto it = classes.find(name); it != classes.end()) {
            s.errorsByClass = it->second;
            std::uint64_t transport = 0;
            for (std::size_t i = 0; i <= static_cast<std::size_t>(stats::ErrorClass::Protocol); ++i)
                transport += it->second[i];
            s.responses = s.requests >= transport ? s.requests - transport : 0;
        }
        return s;
    };
    for (const LocustStatsRow& row : files.stats) {
        if (row.name == kAggregated) {
            r.overall = withClasses(summaryOf(row, measured), kAggregated);
        }
    }
    for (const std::string& id : ids) {
        stats::Summary s;
        for (const LocustStatsRow& row : files.stats) {
            if (row.name == id) s = withClasses(summaryOf(row, measured), id);
        }
        r.endpoints.push_back(results::EndpointResult{id, s, stats::RequestStats()});
    }
    r.requestsStarted = r.overall.requests;
    r.thresholdsPassed = true;
    return r;
}

}  // namespace loadstar::engines
