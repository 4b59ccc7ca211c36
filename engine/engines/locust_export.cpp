#include "engine/engines/locust_export.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>

#include "engine/engines/load_shape.h"
#include "engine/engines/locustfile_template.h"
#include "engine/engines/python_text.h"
#include "engine/engines/request_samples.h"
#include "engine/stats/threshold.h"

namespace loadstar::engines {

namespace {

// Locust wants integer task weights: the mix's weights scaled to whole numbers
// that keep their ratios to three significant digits.
std::vector<long> integerWeights(const std::vector<EndpointSamples>& endpoints) {
    double smallest = endpoints.front().weight;
    for (const EndpointSamples& e : endpoints)
        smallest = std::min(smallest, e.weight);
    std::vector<long> out;
    bool whole = true;
    for (const EndpointSamples& e : endpoints)
        whole = whole && std::floor(e.weight) == e.weight && e.weight < 1e6;
    for (const EndpointSamples& e : endpoints)
        out.push_back(whole ? static_cast<long>(e.weight)
                            : std::max(1L, std::lround(e.weight / smallest * 100)));
    long divisor = 0;
    for (const long w : out)
        divisor = std::gcd(divisor, w);
    for (long& w : out)
        w /= std::max(1L, divisor);
    return out;
}

// A Python method name for an endpoint id (operationIds may hold '-' or '.').
std::string methodName(const std::string& id, std::set<std::string>& taken) {
    std::string name;
    for (const char c : id)
        name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())) || isPythonKeyword(name) ||
        name == "send" || name.starts_with("on_"))
        name = "endpoint_" + name;
    std::string unique = name;
    for (int n = 2; !taken.insert(unique).second; ++n)
        unique = name + "_" + std::to_string(n);
    return unique;
}

std::string number(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", v);
    std::string text = buffer;
    if (text.find_first_of(".e") == std::string::npos) text += ".0";
    return text;
}

Json samplesJson(const std::vector<SampleRequest>& samples) {
    Json out = Json::array();
    for (const SampleRequest& s : samples) {
        Json headers = Json::object();
        for (const auto& [name, value] : s.headers)
            headers[name] = value;
        Json j{
            {"target", s.target}, {"headers", std::move(headers)}, {"body", s.body ? Json(*s.body) : Json()}};
        if (!s.breaks.empty()) j["breaks"] = s.breaks;
        out.push_back(std::move(j));
    }
    return out;
}

std::string dataJson(const model::Project& project, const model::Scenario& scenario,
                     const std::vector<EndpointSamples>& endpoints) {
    Json list = Json::array();
    for (const EndpointSamples& e : endpoints) {
        list.push_back({{"id", e.id},
                        {"method", e.method},
                        {"path", e.path},
                        {"valid", samplesJson(e.valid)},
                        {"invalid", samplesJson(e.invalid)}});
    }
    return Json{{"format", "loadstar-samples"}, {"version", 1},          {"project", project.name},
                {"scenario", scenario.name},    {"seed", scenario.seed}, {"endpoints", std::move(list)}}
               .dump(1) +
           "\n";
}

// One Python tuple per threshold: (as written, endpoint id or None, metric,
// operator, limit in Locust's units: milliseconds for latencies).
std::variant<std::string, std::string> thresholdTuples(const model::Scenario& scenario,
                                                       const std::vector<EndpointSamples>& endpoints) {
    std::string out;
    for (const std::string& text : scenario.thresholds) {
        auto parsed = stats::parseThreshold(text);
        if (const auto* e = std::get_if<stats::ThresholdParseError>(&parsed))
            return std::variant<std::string, std::string>(std::in_place_index<1>,
                                                          "threshold \"" + text + "\": " + e->toString());
        const stats::Threshold& t = std::get<stats::Threshold>(parsed);
        if (!t.endpoint.empty() && std::none_of(endpoints.begin(), endpoints.end(),
                                                [&](const EndpointSamples& e) { return e.id == t.endpoint; }))
            return std::variant<std::string, std::string>(
                std::in_place_index<1>,
                "threshold \"" + text + "\": the scenario sends no requests to \"" + t.endpoint + "\"");
        std::string metric;
        double limit = t.value;
        switch (t.metric) {
            case stats::Threshold::Metric::Percentile: {
                char name[32];
                std::snprintf(name, sizeof name, "p%g", t.percentile);
                metric = name;
                limit /= 1000;
                break;
            }
            case stats::Threshold::Metric::Mean:
                metric = "avg";
                limit /= 1000;
                break;
            case stats::Threshold::Metric::Min:
                metric = "min";
                limit /= 1000;
                break;
            case stats::Threshold::Metric::Max:
                metric = "max";
                limit /= 1000;
                break;
            case stats::Threshold::Metric::ErrorRate:
                metric = "error_rate";
                break;
            case stats::Threshold::Metric::Rps:
                metric = "rps";
                break;
            case stats::Threshold::Metric::Requests:
                metric = "requests";
                break;
            case stats::Threshold::Metric::Errors:
                metric = "errors";
                break;
        }
        const char* op = t.op == stats::Threshold::Op::Less          ? "<"
                         : t.op == stats::Threshold::Op::LessOrEqual ? "<="
                         : t.op == stats::Threshold::Op::Greater     ? ">"
                                                                     : ">=";
        out += "    (" + pythonString(text) + ", " +
               (t.endpoint.empty() ? "None" : pythonString(t.endpoint)) + ", " + pythonString(metric) + ", " +
               pythonString(op) + ", " + number(limit) + "),\n";
    }
    return std::variant<std::string, std::string>(std::in_place_index<0>, out);
}

std::string profileText(const model::Scenario& scenario) {
    const LoadShape shape = LoadShape::of(scenario);
    std::string out;
    for (std::size_t i = 0; i < shape.segments.size(); ++i) {
        const LoadShape::Segment& s = shape.segments[i];
        out += "    (" + number(s.seconds) + ", " + number(s.from) + ", " + number(s.to) + "),";
        if (i == 0 && shape.warmupSeconds > 0) out += "  # warm-up, not measured";
        out += "\n";
    }
    return out;
}

std::string headersText(const model::Scenario& scenario) {
    if (scenario.headers.empty()) return "{}";
    std::string out = "{\n";
    for (const auto& [name, value] : scenario.headers)
        out += "    " + pythonString(name) + ": " + pythonString(value) + ",\n";
    return out + "}";
}

std::string loadText(const model::Scenario& s) {
    std::string text =
        s.executor == model::Executor::Closed ? "Closed loop" : "Open loop (paced, see PACED_USERS)";
    if (!s.stages.empty()) {
        text += ", " + std::to_string(s.stages.size()) + " stages";
    } else if (s.executor == model::Executor::Closed) {
        text += ": " + std::to_string(s.vus) + " users for " + model::formatDuration(s.duration);
    } else {
        text += ": " + number(s.rate) + " requests/s for " + model::formatDuration(s.duration);
    }
    if (s.warmup.count() > 0)
        text += ", after a warm-up of " + model::formatDuration(s.warmup) + " (not measured)";
    return text + ".";
}

}  // namespace

int locustPacedUsers(const model::Scenario& scenario) {
    if (scenario.connections > 0) return std::min(scenario.connections, 1000);
    return static_cast<int>(std::clamp(std::ceil(LoadShape::of(scenario).peak()), 1.0, 1000.0));
}

std::variant<LocustExport, std::string> exportLocust(const model::Project& project,
                                                     const model::Scenario& scenario,
                                                     const LocustExportOptions& options) {
    auto sampled = scenarioSamples(project, scenario, options.samplesPerEndpoint);
    if (const auto* e = std::get_if<std::string>(&sampled)) return *e;
    const auto& endpoints = std::get<std::vector<EndpointSamples>>(sampled);
    auto thresholds = thresholdTuples(scenario, endpoints);
    if (thresholds.index() == 1) return std::get<1>(thresholds);

    LocustExport out;
    const bool open = scenario.executor == model::Executor::Open;
    const std::vector<long> weights = integerWeights(endpoints);
    std::set<std::string> taken;
    std::string tasks;
    for (std::size_t i = 0; i < endpoints.size(); ++i) {
        const EndpointSamples& e = endpoints[i];
        tasks += "\n    @task(" + std::to_string(weights[i]) + ")\n    def " + methodName(e.id, taken) +
                 "(self):\n        " + pythonString(e.method + " " + e.path) + "\n        self.send(" +
                 pythonString(e.id) + ")\n";
    }

    LocustTemplate t;
    t.projectName = project.name;
    t.scenarioName = scenario.name;
    t.loadText = loadText(scenario);
    t.dataFileName = options.dataFileName;
    t.headers = headersText(scenario);
    t.invalidShare = scenario.bodyMode == model::BodyMode::InvalidShare
                         ? number(std::clamp(scenario.invalidShare, 0.0, 1.0))
                         : "0.0";
    t.timeoutSeconds = number(toSeconds(scenario.timeout));
    t.thinkTimeSeconds = number(toSeconds(scenario.thinkTime));
    t.warmupSeconds = number(toSeconds(scenario.warmup));
    t.profile = profileText(scenario);
    t.levelUnit = open ? "requests per second" : "users";
    t.pacedUsers = open ? locustPacedUsers(scenario) : 0;
    t.thresholds = std::get<0>(thresholds);
    t.tasks = tasks;
    t.verifyTls = !scenario.target.insecureTls;
    t.host = scenario.target.kind == model::Target::Kind::Url ? scenario.target.url : std::string();
    out.locustfile = renderLocustfile(t);
    out.data = dataJson(project, scenario, endpoints);

    if (open) {
        out.notes.push_back(
            "Locust is closed-loop: the arrival rate is paced over " + std::to_string(t.pacedUsers) +
            " users, each sending at most one request at a time; when answers are slower than "
            "the pacing interval the rate falls short and the waiting is in no latency "
            "(coordinated omission). Late sends are counted at the end.");
    }
    if (scenario.maxRequests > 0)
        out.notes.push_back("max_requests (" + std::to_string(scenario.maxRequests) +
                            ") has no Locust equivalent: the test runs for its whole duration");
    if (scenario.threads > 1)
        out.notes.push_back("threads has no Locust equivalent: scale out with workers instead");
    if (!open && scenario.connections > 0)
        out.notes.push_back(
            "connections applies to the open loop only; each Locust user has its own connection");
    return out;
}

}  // namespace loadstar::engines
