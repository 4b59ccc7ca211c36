#include "engine/engines/k6_summary.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>

namespace loadstar::engines {

namespace {

// One metric in either of k6's two summary shapes.
struct Metric {
    std::map<std::string, double> values;
    std::vector<std::pair<std::string, bool>> thresholds;  // expression, passed

    double value(const std::string& name, double fallback = 0) const {
        const auto it = values.find(name);
        return it == values.end() ? fallback : it->second;
    }
    bool has(const std::string& name) const { return values.count(name) != 0; }
};

Metric metricOf(const Json& m) {
    Metric out;
    const bool modern = m.contains("values") && m.at("values").is_object();
    for (const auto& [key, v] : (modern ? m.at("values") : m).items()) {
        if (v.is_number()) out.values[key] = v.get<double>();
    }
    // The legacy export names a Rate's value "value"; handleSummary's data "rate".
    if (!out.has("rate") && out.has("value") && out.has("passes")) out.values["rate"] = out.values["value"];
    if (m.contains("thresholds") && m.at("thresholds").is_object()) {
        for (const auto& [expression, verdict] : m.at("thresholds").items()) {
            // handleSummary: {"ok": true}; the legacy export: true when *crossed*.
            const bool passed = verdict.is_object() ? verdict.value("ok", false)
                                                    : verdict.is_boolean() && !verdict.get<bool>();
            out.thresholds.emplace_back(expression, passed);
        }
    }
    return out;
}

struct Key {
    std::string name;
    std::map<std::string, std::string> tags;
};

Key keyOf(const std::string& text) {
    Key k;
    const std::size_t open = text.find('{');
    k.name = text.substr(0, open);
    if (open == std::string::npos || text.back() != '}') return k;
    const std::string inner = text.substr(open + 1, text.size() - open - 2);
    std::size_t at = 0;
    while (at <= inner.size()) {
        const std::size_t comma = std::min(inner.find(',', at), inner.size());
        const std::string pair = inner.substr(at, comma - at);
        const std::size_t colon = pair.find(':');
        if (colon != std::string::npos) k.tags[pair.substr(0, colon)] = pair.substr(colon + 1);
        at = comma + 1;
    }
    return k;
}

// The expressions an exported script adds so that tagged figures reach the summary.
bool alwaysPasses(const std::string& expression) {
    return expression == "max>=0" || expression == "count>=0" || expression == "rate>=0";
}

struct Document {
    std::map<std::string, Metric> metrics;  // by the full key, tags included
    std::map<std::string, std::string> measuredTags;
    double seconds = 0;

    const Metric* find(const std::string& name, const std::string& endpoint) const {
        for (const auto& [text, metric] : metrics) {
            Key k = keyOf(text);
            if (k.name != name) continue;
            auto wanted = measuredTags;
            if (!endpoint.empty()) wanted["endpoint"] = endpoint;
            if (k.tags == wanted) return &metric;
        }
        return nullptr;
    }
};

std::int64_t us(double ms) {
    return static_cast<std::int64_t>(std::llround(ms * 1000));
}

// The percentiles a summary lists; one it lacks takes the next listed above it
// (max last): an upper bound, reported in `missing`.
stats::LatencySummary latencyOf(const Metric& d, std::uint64_t count, std::vector<std::string>& missing) {
    stats::LatencySummary l;
    l.count = count;
    l.min = us(d.value("min"));
    l.max = us(d.value("max"));
    l.mean = d.value("avg") * 1000;
    const std::vector<std::pair<std::string, std::int64_t*>> points = {
        {"med", &l.p50}, {"p(90)", &l.p90}, {"p(95)", &l.p95}, {"p(99)", &l.p99}, {"p(99.9)", &l.p999}};
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (d.has(points[i].first)) {
            *points[i].second = us(d.value(points[i].first));
            continue;
        }
        if (std::find(missing.begin(), missing.end(), points[i].first) == missing.end())
            missing.push_back(points[i].first);
        *points[i].second = l.max;
        for (std::size_t j = i + 1; j < points.size(); ++j) {
            if (d.has(points[j].first)) {
                *points[i].second = us(d.value(points[j].first));
                break;
            }
        }
    }
    return l;
}

stats::Summary summaryOf(const Document& doc, const std::string& endpoint,
                         std::vector<std::string>& missing) {
    stats::Summary s;
    const Metric none;
    const Metric* duration = doc.find("http_req_duration", endpoint);
    const Metric* reqs = doc.find("http_reqs", endpoint);
    const Metric* failed = doc.find("http_req_failed", endpoint);
    const Metric* errors = doc.find("loadstar_errors", endpoint);
    const Metric* rejections = doc.find("loadstar_expected_rejections", endpoint);
    s.seconds = doc.seconds;
    s.requests =
        static_cast<std::uint64_t>(reqs ? reqs->value("count") : (duration ? duration->value("count") : 0));
    s.responses = s.requests;
    // A Rate's "passes" are its samples of 1: on http_req_failed, the failed requests.
    s.errors =
        static_cast<std::uint64_t>(errors ? errors->value("count") : (failed ? failed->value("passes") : 0));
    s.expectedRejections = static_cast<std::uint64_t>(rejections ? rejections->value("count") : 0);
    s.rps = s.seconds > 0 ? static_cast<double>(s.requests) / s.seconds : (reqs ? reqs->value("rate") : 0);
    s.errorRate = s.requests > 0 ? static_cast<double>(s.errors) / static_cast<double>(s.requests) : 0;
    s.latency = latencyOf(duration ? *duration : none, s.requests, missing);
    s.uncorrected = s.latency;
    if (endpoint.empty()) {
        const auto whole = [&doc](const char* name) {
            const auto it = doc.metrics.find(name);
            return it == doc.metrics.end() ? 0.0 : it->second.value("count");
        };
        s.bytesIn = static_cast<std::uint64_t>(whole("data_received"));
        s.bytesOut = static_cast<std::uint64_t>(whole("data_sent"));
        s.dropped = static_cast<std::uint64_t>(whole("dropped_iterations"));
    }
    return s;
}

void collectChecks(const Json& group, std::map<std::string, std::pair<double, double>>& checks) {
    if (!group.is_object()) return;
    if (group.contains("checks")) {
        const Json& list = group.at("checks");
        auto add = [&checks](const Json& c) {
            auto& [passes, fails] = checks[c.value("name", std::string("?"))];
            passes += c.value("passes", 0.0);
            fails += c.value("fails", 0.0);
        };
        if (list.is_array()) {
            for (const Json& c : list)
                add(c);
        } else if (list.is_object()) {
            for (const auto& [_, c] : list.items())
                add(c);
        }
    }
    if (group.contains("groups")) {
        for (const auto& [_, g] : group.at("groups").items())
            collectChecks(g, checks);
    }
}

std::string number(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%g", v);
    return b;
}

stats::Summary merged(const std::vector<stats::Summary>& parts) {
    stats::Summary m = parts.front();
    double sum = m.latency.mean * static_cast<double>(m.requests);
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const stats::Summary& p = parts[i];
        m.seconds = std::max(m.seconds, p.seconds);
        m.requests += p.requests;
        m.responses += p.responses;
        m.errors += p.errors;
        m.expectedRejections += p.expectedRejections;
        m.dropped += p.dropped;
        m.bytesIn += p.bytesIn;
        m.bytesOut += p.bytesOut;
        sum += p.latency.mean * static_cast<double>(p.requests);
        m.latency.min = std::min(m.latency.min, p.latency.min);
        m.latency.max = std::max(m.latency.max, p.latency.max);
        m.latency.p50 = std::max(m.latency.p50, p.latency.p50);
        m.latency.p90 = std::max(m.latency.p90, p.latency.p90);
        m.latency.p95 = std::max(m.latency.p95, p.latency.p95);
        m.latency.p99 = std::max(m.latency.p99, p.latency.p99);
        m.latency.p999 = std::max(m.latency.p999, p.latency.p999);
    }
    m.latency.count = m.requests;
    m.latency.mean = m.requests > 0 ? sum / static_cast<double>(m.requests) : 0;
    m.rps = m.seconds > 0 ? static_cast<double>(m.requests) / m.seconds : 0;
    m.errorRate = m.requests > 0 ? static_cast<double>(m.errors) / static_cast<double>(m.requests) : 0;
    m.uncorrected = m.latency;
    return m;
}

std::chrono::system_clock::time_point parseIso(const std::string& text) {
    std::tm tm{};
    if (::strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm) == nullptr)
        return std::chrono::system_clock::now();
    return std::chrono::system_clock::from_time_t(::timegm(&tm));
}

}  // namespace

std::optional<Json> findK6Summary(const std::string& text) {
    try {
        Json whole = Json::parse(text);
        if (isK6Summary(whole)) return whole;
        return std::nullopt;
    } catch (const Json::parse_error&) {
    }
    // A runner's log: the summary is the one line that holds it.
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        const std::size_t brace = text.find('{', at);
        if (brace < end) {
            try {
                Json line = Json::parse(text.substr(brace, end - brace));
                if (isK6Summary(line)) return line;
            } catch (const Json::parse_error&) {
            }
        }
        at = end + 1;
    }
    return std::nullopt;
}

bool isK6Summary(const Json& j) {
    return j.is_object() && j.contains("metrics") && j.at("metrics").is_object() &&
           (j.contains("root_group") || j.contains("state") || j.at("metrics").contains("http_reqs") ||
            j.at("metrics").contains("iterations"));
}

std::variant<results::RunResult, std::string> k6RunResult(const std::vector<K6Summary>& summaries,
                                                          const std::optional<model::Project>& project) {
    if (summaries.empty()) return std::string("no k6 summary");
    const Json& first = summaries.front().document;
    const Json loadstar = first.value("loadstar", Json::object());
    std::vector<std::string> endpointIds;
    if (loadstar.contains("endpoints"))
        endpointIds = loadstar.at("endpoints").get<std::vector<std::string>>();

    std::vector<std::string> missing;
    std::vector<stats::Summary> overall;
    std::vector<std::vector<stats::Summary>> endpoints;
    std::map<std::string, std::pair<double, double>> checks;
    std::map<std::string, std::pair<bool, double>> verdicts;  // text -> passed everywhere, worst measured
    std::vector<std::string> order;
    double testSeconds = 0;
    for (const K6Summary& summary : summaries) {
        Document doc;
        for (const auto& [key, m] : summary.document.at("metrics").items())
            doc.metrics[key] = metricOf(m);
        const Json meta = summary.document.value("loadstar", Json::object());
        if (meta.value("warmup_seconds", 0.0) > 0) doc.measuredTags["scenario"] = "load";
        const double runMs = summary.document.value("state", Json::object()).value("testRunDurationMs", 0.0);
        testSeconds = std::max(testSeconds, runMs / 1000);
        doc.seconds = meta.value("measured_seconds", runMs / 1000);
        if (doc.seconds <= 0) {
            const Metric* reqs = doc.find("http_reqs", "");
            if (reqs && reqs->value("rate") > 0) doc.seconds = reqs->value("count") / reqs->value("rate");
        }
        if (endpointIds.empty()) {
            for (const auto& [key, _] : doc.metrics) {
                const Key k = keyOf(key);
                if (k.tags.count("endpoint") && std::find(endpointIds.begin(), endpointIds.end(),
                                                          k.tags.at("endpoint")) == endpointIds.end())
                    endpointIds.push_back(k.tags.at("endpoint"));
            }
        }
        overall.push_back(summaryOf(doc, "", missing));
        endpoints.emplace_back();
        for (const std::string& id : endpointIds)
            endpoints.back().push_back(summaryOf(doc, id, missing));
        for (const auto& [key, m] : doc.metrics) {
            for (const auto& [expression, passed] : m.thresholds) {
                if (alwaysPasses(expression)) continue;
                const std::string text = key + ": " + expression;
                const std::size_t op = expression.find_first_of("<>=!");
                const double measured = m.value(expression.substr(0, op == std::string::npos ? 0 : op));
                auto [it, inserted] = verdicts.try_emplace(text, passed, measured);
                if (inserted) order.push_back(text);
                it->second.first = it->second.first && passed;
                it->second.second = std::max(it->second.second, measured);
            }
        }
        collectChecks(summary.document.value("root_group", Json::object()), checks);
    }

    results::RunResult r;
    r.engine.name = "k6";
    for (const K6Summary& s : summaries)
        r.engine.importedFrom.push_back(s.file);
    r.engine.notes.push_back(
        "Imported from k6's end-of-test summary: no per-second series, no latency histogram "
        "(only the percentiles it lists), no status codes.");
    if (!missing.empty()) {
        std::string list;
        for (const std::string& m : missing)
            list += (list.empty() ? "" : ", ") + m;
        r.engine.notes.push_back("The summary lists no " + list +
                                 ": each is shown as the next percentile it lists (an upper bound); set "
                                 "summaryTrendStats to have them.");
    }
    if (summaries.size() > 1) {
        r.engine.workers = static_cast<int>(summaries.size());
        r.engine.notes.push_back("Merged from " + std::to_string(summaries.size()) +
                                 " runners: counts and rates add up, min, max and mean are exact, each "
                                 "percentile is the highest of the runners' (an upper bound).");
    }
    if (loadstar.value("warmup_seconds", 0.0) > 0)
        r.engine.notes.push_back(
            "Warm-up excluded (the \"load\" scenario's requests); bytes sent and received "
            "include it.");
    for (const auto& [name, counts] : checks) {
        r.engine.notes.push_back("Check \"" + name + "\": " + number(counts.first) + " passed, " +
                                 number(counts.second) + " failed.");
    }
    r.overall = merged(overall);
    for (std::size_t i = 0; i < endpointIds.size(); ++i) {
        std::vector<stats::Summary> parts;
        for (const auto& e : endpoints)
            parts.push_back(e[i]);
        r.endpoints.push_back(results::EndpointResult{endpointIds[i], merged(parts), stats::RequestStats()});
    }
    r.measuredSeconds = r.overall.seconds;
    r.requestsStarted = r.overall.requests;
    r.executor = loadstar.value("executor", std::string("closed")) == "open" ? model::Executor::Open
                                                                             : model::Executor::Closed;
    r.target = loadstar.value("target", std::string());
    if (project) {
        if (const model::Scenario* s = project->scenario(loadstar.value("scenario", std::string())))
            r.scenario = *s;
    }
    for (const std::string& text : order) {
        const auto& [passed, measured] = verdicts.at(text);
        r.thresholds.push_back(
            {text, passed, measured, text.substr(0, text.find(':')) + " = " + number(measured)});
        r.thresholdsPassed = r.thresholdsPassed && passed;
    }
    const auto finished =
        summaries.front().modified ? parseIso(*summaries.front().modified) : std::chrono::system_clock::now();
    const auto started = finished - std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                        std::chrono::duration<double>(testSeconds));
    const std::string label = loadstar.contains("scenario")
                                  ? loadstar.at("scenario").get<std::string>()
                                  : std::filesystem::path(summaries.front().file).stem().string();
    r.id = results::runId(started, "k6-" + label);
    r.startedAt = results::isoTime(started);
    r.finishedAt = results::isoTime(finished);
    return r;
}

}  // namespace loadstar::engines
