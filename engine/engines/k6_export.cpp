#include "engine/engines/k6_export.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>

#include "engine/engines/load_shape.h"
#include "engine/engines/request_samples.h"
#include "engine/stats/threshold.h"

namespace loadstar::engines {

namespace {

// Pseudo-thresholds that always pass: k6 puts a tagged sub-metric in its summary
// only when a threshold names it, and the per-endpoint figures are wanted there.
constexpr const char* kAlwaysDuration = "max>=0";
constexpr const char* kAlwaysCount = "count>=0";
constexpr const char* kAlwaysRate = "rate>=0";

// The script's functions: one request of the mix per iteration, checks, and the
// end-of-test summary for Loadstar.
constexpr std::string_view kIterationAndSummary = R"js(
const errors = new Counter('loadstar_errors');
const expectedRejections = new Counter('loadstar_expected_rejections');
const TOTAL_WEIGHT = ENDPOINTS.reduce((sum, e) => sum + e.weight, 0);
const HEADER_NAMES = new Set(Object.keys(HEADERS).map((name) => name.toLowerCase()));
const VALID = http.expectedStatuses({ min: 200, max: 399 });
const VALID_OR_REJECTED = http.expectedStatuses({ min: 200, max: 499 });

function pick(list) {
  return list[Math.floor(Math.random() * list.length)];
}

function pickEndpoint() {
  let r = Math.random() * TOTAL_WEIGHT;
  for (const e of ENDPOINTS) {
    r -= e.weight;
    if (r < 0) return e;
  }
  return ENDPOINTS[ENDPOINTS.length - 1];
}

// One request of the mix, like one request of Loadstar's own engine.
export function iteration() {
  const endpoint = pickEndpoint();
  const invalid = endpoint.invalid.length > 0 && Math.random() < INVALID_SHARE;
  const sample = pick(invalid ? endpoint.invalid : endpoint.valid);
  const headers = {};
  for (const [name, value] of Object.entries(sample.headers)) {
    if (!HEADER_NAMES.has(name.toLowerCase())) headers[name] = value;
  }
  Object.assign(headers, HEADERS);
  if (sample.body !== null && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }
  const tags = { endpoint: endpoint.id };
  const res = http.request(endpoint.method, BASE_URL + sample.target, sample.body, {
    headers,
    tags,
    timeout: TIMEOUT,
    redirects: 0,
    responseCallback: invalid ? VALID_OR_REJECTED : VALID,
  });
  const rejected = res.status >= 400 && res.status < 500;
  if (invalid && rejected) {
    expectedRejections.add(1, tags);
  } else if (res.status === 0 || res.status >= 400) {
    errors.add(1, tags);
  }
  if (invalid) {
    check(res, { 'invalid request rejected with 4xx': (r) => r.status >= 400 && r.status < 500 }, tags);
  } else {
    check(res, { 'status is 2xx': (r) => r.status >= 200 && r.status < 300 }, tags);
  }
  if (THINK_TIME_SECONDS > 0) sleep(THINK_TIME_SECONDS);
}

export default iteration;

function line(data, name, label) {
  const m = data.metrics[name];
  if (!m) return '';
  const v = m.values;
  if (m.type === 'trend') {
    return `${label}: avg=${v.avg.toFixed(2)}ms p(95)=${v['p(95)'].toFixed(2)}ms p(99)=${v['p(99)'].toFixed(2)}ms max=${v.max.toFixed(2)}ms\n`;
  }
  if (m.type === 'rate') return `${label}: ${(v.rate * 100).toFixed(2)}%\n`;
  return `${label}: ${v.count} (${v.rate.toFixed(1)}/s)\n`;
}

export function handleSummary(data) {
  const path = __ENV.SUMMARY_PATH || 'summary.json';
  const summary = Object.assign({ loadstar: Object.assign({ target: BASE_URL }, LOADSTAR) }, data);
  if (path === '-') return { stdout: JSON.stringify(summary) + '\n' };
  const measured = LOADSTAR.warmup_seconds > 0 ? '{scenario:load}' : '';
  let text = '\n';
  text += line(data, 'http_req_duration' + measured, 'http_req_duration');
  text += line(data, 'http_reqs' + measured, 'http_reqs');
  text += line(data, 'http_req_failed' + measured, 'http_req_failed');
  for (const [name, metric] of Object.entries(data.metrics)) {
    for (const [expression, verdict] of Object.entries(metric.thresholds || {})) {
      if (!['max>=0', 'count>=0', 'rate>=0'].includes(expression)) {
        text += `${verdict.ok ? 'passed' : 'FAILED'}: ${name} ${expression}\n`;
      }
    }
  }
  return { [path]: JSON.stringify(summary, null, 1), stdout: text + `summary: ${path}\n` };
}
)js";

std::string number(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", v);
    return buffer;
}

std::string js(const std::string& text) {
    return Json(text).dump();
}

std::string k6Duration(double seconds) {
    return model::formatDuration(model::Duration(static_cast<std::int64_t>(std::llround(seconds * 1e6))));
}

// k6's arrival rates are integers per timeUnit: the smallest unit of 1, 10, 100
// or 1000 seconds that makes every level whole (to a thousandth of a request/s).
int rateUnitSeconds(const LoadShape& shape) {
    for (const int unit : {1, 10, 100, 1000}) {
        bool whole = true;
        for (const LoadShape::Segment& s : shape.segments) {
            for (const double level : {s.from, s.to}) {
                const double scaled = level * unit;
                whole = whole && std::abs(scaled - std::round(scaled)) < 1e-6;
            }
        }
        if (whole) return unit;
    }
    return 1000;
}

Json vuStages(const LoadShape& shape, std::size_t first) {
    Json stages = Json::array();
    for (std::size_t i = first; i < shape.segments.size(); ++i) {
        stages.push_back({{"duration", k6Duration(shape.segments[i].seconds)},
                          {"target", std::lround(shape.segments[i].to)}});
    }
    return stages;
}

// The measured scenario ("load") and, with a warm-up, the one before it.
Json scenariosJson(const model::Scenario& s, const LoadShape& shape) {
    const bool warm = shape.warmupSeconds > 0;
    const std::size_t first = warm ? 1 : 0;
    const std::string start = k6Duration(shape.warmupSeconds);
    const std::string graceful = k6Duration(toSeconds(s.timeout));
    Json scenarios = Json::object();
    Json load;
    if (s.executor == model::Executor::Closed) {
        const long firstLevel = std::lround(shape.segments.front().from);
        if (warm) {
            scenarios["warmup"] = {{"executor", "constant-vus"},
                                   {"exec", "iteration"},
                                   {"vus", std::max(1L, firstLevel)},
                                   {"duration", start},
                                   {"gracefulStop", "0s"}};
        }
        if (s.stages.empty()) {
            load = {{"executor", "constant-vus"},
                    {"vus", s.vus},
                    {"duration", k6Duration(toSeconds(s.duration))}};
        } else {
            load = {{"executor", "ramping-vus"},
                    {"startVUs", warm ? firstLevel : 0L},
                    {"stages", vuStages(shape, first)},
                    {"gracefulRampDown", "0s"}};
        }
    } else {
        const int unit = rateUnitSeconds(shape);
        const auto scaled = [unit](double level) { return std::lround(level * unit); };
        const double peak = shape.peak();
        const long maxVus =
            s.connections > 0 ? s.connections
                              : std::clamp(std::lround(std::ceil(peak * std::max(1.0, toSeconds(s.timeout)))),
                                           100L, 10000L);
        const long preallocated =
            std::clamp(std::lround(std::ceil(peak / 10)), std::min(10L, maxVus), maxVus);
        const std::string timeUnit = std::to_string(unit) + "s";
        if (warm) {
            scenarios["warmup"] = {{"executor", "constant-arrival-rate"},
                                   {"exec", "iteration"},
                                   {"rate", scaled(shape.segments.front().from)},
                                   {"timeUnit", timeUnit},
                                   {"duration", start},
                                   {"preAllocatedVUs", preallocated},
                                   {"maxVUs", maxVus},
                                   {"gracefulStop", "0s"}};
        }
        if (s.stages.empty()) {
            load = {{"executor", "constant-arrival-rate"},
                    {"rate", scaled(s.rate)},
                    {"timeUnit", timeUnit},
                    {"duration", k6Duration(toSeconds(s.duration))}};
        } else {
            Json stages = Json::array();
            for (std::size_t i = first; i < shape.segments.size(); ++i) {
                stages.push_back({{"duration", k6Duration(shape.segments[i].seconds)},
                                  {"target", scaled(shape.segments[i].to)}});
            }
            load = {{"executor", "ramping-arrival-rate"},
                    {"startRate", scaled(shape.segments[first].from)},
                    {"timeUnit", timeUnit},
                    {"stages", std::move(stages)}};
        }
        load["preAllocatedVUs"] = preallocated;
        load["maxVUs"] = maxVus;
    }
    load["exec"] = "iteration";
    load["gracefulStop"] = graceful;
    if (warm) load["startTime"] = start;
    scenarios["load"] = std::move(load);
    return scenarios;
}

std::string metricKey(const std::string& metric, bool warm, const std::string& endpoint) {
    std::string tags;
    if (warm) tags += "scenario:load";
    if (!endpoint.empty()) tags += std::string(tags.empty() ? "" : ",") + "endpoint:" + endpoint;
    return tags.empty() ? metric : metric + "{" + tags + "}";
}

struct Thresholds {
    std::map<std::string, std::vector<std::string>> byMetric;
    std::vector<std::string> comments;
};

// Loadstar's thresholds in k6's syntax; rps becomes a count over the measured
// time, because k6 divides a counter by the whole test's duration (warm-up and
// graceful stop included).
std::variant<Thresholds, std::string> thresholds(const model::Scenario& scenario, const LoadShape& shape,
                                                 const std::vector<EndpointSamples>& endpoints) {
    const bool warm = shape.warmupSeconds > 0;
    Thresholds out;
    const double measured = shape.totalSeconds() - shape.warmupSeconds;
    for (const std::string& text : scenario.thresholds) {
        auto parsed = stats::parseThreshold(text);
        if (const auto* e = std::get_if<stats::ThresholdParseError>(&parsed))
            return "threshold \"" + text + "\": " + e->toString();
        const stats::Threshold& t = std::get<stats::Threshold>(parsed);
        if (!t.endpoint.empty() && std::none_of(endpoints.begin(), endpoints.end(),
                                                [&](const EndpointSamples& e) { return e.id == t.endpoint; }))
            return "threshold \"" + text + "\": the scenario sends no requests to \"" + t.endpoint + "\"";
        const char* op = t.op == stats::Threshold::Op::Less          ? "<"
                         : t.op == stats::Threshold::Op::LessOrEqual ? "<="
                         : t.op == stats::Threshold::Op::Greater     ? ">"
                                                                     : ">=";
        std::string metric;
        std::string expression;
        switch (t.metric) {
            case stats::Threshold::Metric::Percentile:
                metric = "http_req_duration";
                expression = t.percentile == 50 ? "med" : "p(" + number(t.percentile) + ")";
                expression += op + number(t.value / 1000);
                break;
            case stats::Threshold::Metric::Mean:
            case stats::Threshold::Metric::Min:
            case stats::Threshold::Metric::Max:
                metric = "http_req_duration";
                expression = std::string(t.metric == stats::Threshold::Metric::Mean  ? "avg"
                                         : t.metric == stats::Threshold::Metric::Min ? "min"
                                                                                     : "max") +
                             op + number(t.value / 1000);
                break;
            case stats::Threshold::Metric::ErrorRate:
                metric = "http_req_failed";
                expression = std::string("rate") + op + number(t.value);
                break;
            case stats::Threshold::Metric::Rps:
                metric = "http_reqs";
                expression = std::string("count") + op + number(std::round(t.value * measured));
                out.comments.push_back(js(text) + " is count" + op + number(std::round(t.value * measured)) +
                                       " over the " + number(measured) + " s measured");
                break;
            case stats::Threshold::Metric::Requests:
                metric = "http_reqs";
                expression = std::string("count") + op + number(t.value);
                break;
            case stats::Threshold::Metric::Errors:
                metric = "loadstar_errors";
                expression = std::string("count") + op + number(t.value);
                break;
        }
        out.byMetric[metricKey(metric, warm, t.endpoint)].push_back(expression);
    }
    const auto ensure = [&out](const std::string& key, const char* always) {
        auto& list = out.byMetric[key];
        if (list.empty()) list.emplace_back(always);
    };
    for (const std::string& endpoint : [&] {
             std::vector<std::string> ids{""};
             for (const EndpointSamples& e : endpoints)
                 ids.push_back(e.id);
             return ids;
         }()) {
        if (endpoint.empty() && !warm) continue;  // the untagged metrics are in the summary anyway
        ensure(metricKey("http_req_duration", warm, endpoint), kAlwaysDuration);
        ensure(metricKey("http_reqs", warm, endpoint), kAlwaysCount);
        ensure(metricKey("http_req_failed", warm, endpoint), kAlwaysRate);
        ensure(metricKey("loadstar_errors", warm, endpoint), kAlwaysCount);
        ensure(metricKey("loadstar_expected_rejections", warm, endpoint), kAlwaysCount);
    }
    return out;
}

Json endpointsJson(const std::vector<EndpointSamples>& endpoints) {
    Json out = Json::array();
    for (const EndpointSamples& e : endpoints) {
        auto samples = [](const std::vector<SampleRequest>& list) {
            Json arr = Json::array();
            for (const SampleRequest& s : list) {
                Json headers = Json::object();
                for (const auto& [name, value] : s.headers)
                    headers[name] = value;
                arr.push_back({{"target", s.target},
                               {"headers", std::move(headers)},
                               {"body", s.body ? Json(*s.body) : Json()}});
            }
            return arr;
        };
        out.push_back({{"id", e.id},
                       {"method", e.method},
                       {"path", e.path},
                       {"weight", e.weight},
                       {"valid", samples(e.valid)},
                       {"invalid", samples(e.invalid)}});
    }
    return out;
}

}  // namespace

std::variant<K6Export, std::string> exportK6(const model::Project& project, const model::Scenario& scenario,
                                             const K6ExportOptions& options) {
    auto sampled = scenarioSamples(project, scenario, options.samplesPerEndpoint);
    if (const auto* e = std::get_if<std::string>(&sampled)) return *e;
    const auto& endpoints = std::get<std::vector<EndpointSamples>>(sampled);
    const LoadShape shape = LoadShape::of(scenario);
    auto limits = thresholds(scenario, shape, endpoints);
    if (const auto* e = std::get_if<std::string>(&limits)) return *e;
    const Thresholds& t = std::get<Thresholds>(limits);

    Json thresholdsJson = Json::object();
    for (const auto& [key, list] : t.byMetric)
        thresholdsJson[key] = list;
    Json optionsJson{
        {"scenarios", scenariosJson(scenario, shape)},
        {"thresholds", std::move(thresholdsJson)},
        {"summaryTrendStats", {"avg", "min", "med", "max", "p(90)", "p(95)", "p(99)", "p(99.9)", "count"}},
        {"insecureSkipTLSVerify", scenario.target.insecureTls},
        {"discardResponseBodies", true}};
    Json headers = Json::object();
    for (const auto& [name, value] : scenario.headers)
        headers[name] = value;
    Json ids = Json::array();
    for (const EndpointSamples& e : endpoints)
        ids.push_back(e.id);
    const Json loadstar{{"project", project.name},
                        {"scenario", scenario.name},
                        {"executor", model::toString(scenario.executor)},
                        {"warmup_seconds", shape.warmupSeconds},
                        {"measured_seconds", shape.totalSeconds() - shape.warmupSeconds},
                        {"endpoints", std::move(ids)}};
    const std::string baseUrl = scenario.target.kind == model::Target::Kind::Url ? scenario.target.url : "";
    const bool open = scenario.executor == model::Executor::Open;

    std::string s;
    s += "// k6 test for the scenario " + js(scenario.name) + " of the project " + js(project.name) +
         ", exported by Loadstar.\n//\n";
    s += "// Run it (BASE_URL is the target's base URL" +
         std::string(baseUrl.empty() ? "" : "; it defaults to the scenario's") + "):\n";
    s += "//   k6 run -e BASE_URL=http://127.0.0.1:8000 script.js\n";
    s += "// It writes k6's end-of-test summary as JSON to summary.json (SUMMARY_PATH to change it, \"-\" "
         "for\n"
         "// stdout); bring it into Loadstar's run history with\n"
         "//   loadstar import-results summary.json --project PROJECT\n";
    s += "// The scenario \"load\" is the measured one" +
         std::string(shape.warmupSeconds > 0 ? "; \"warmup\" runs before it and the thresholds ignore it"
                                             : "") +
         ". Requests carry an `endpoint` tag.\n";
    if (open) {
        s += "// Open loop: the arrival-rate executors start iterations on schedule whether or not earlier "
             "ones\n"
             "// have finished; when no VU is free the iteration is dropped (dropped_iterations).\n";
    }
    for (const std::string& c : t.comments)
        s += "// Threshold " + c + ".\n";
    s += R"js(import http from 'k6/http';
import { check, sleep } from 'k6';
import { Counter } from 'k6/metrics';

)js";
    s += "const BASE_URL = (__ENV.BASE_URL || " + js(baseUrl) + ").replace(/\\/+$/, '');\n";
    s += "if (!BASE_URL) throw new Error('set the target with -e BASE_URL=http://HOST:PORT');\n";
    s += "// Sent with every request; each replaces a sample's own header of the same name.\n";
    s += "const HEADERS = " + headers.dump() + ";\n";
    s += "// The share of requests sent invalid on purpose (each breaks one constraint of the design);\n"
         "// a 4xx answer to them is the expected one.\n";
    s += "const INVALID_SHARE = " +
         number(scenario.bodyMode == model::BodyMode::InvalidShare
                    ? std::clamp(scenario.invalidShare, 0.0, 1.0)
                    : 0) +
         ";\n";
    s += "const THINK_TIME_SECONDS = " + number(open ? 0 : toSeconds(scenario.thinkTime)) + ";\n";
    s += "const TIMEOUT = " + js(k6Duration(toSeconds(scenario.timeout))) + ";\n";
    s += "// Read back by `loadstar import-results` from the summary.\n";
    s += "const LOADSTAR = " + loadstar.dump() + ";\n";
    s += "// Requests generated from the design at export time: valid samples and invalid variants.\n";
    s += "const ENDPOINTS = " + endpointsJson(endpoints).dump(1) + ";\n\n";
    s += "export const options = " + optionsJson.dump(2) + ";\n";
    s += kIterationAndSummary;

    K6Export out;
    out.script = std::move(s);
    if (scenario.maxRequests > 0)
        out.notes.push_back("max_requests (" + std::to_string(scenario.maxRequests) +
                            ") is not exported: the test runs for its whole duration");
    if (scenario.threads > 1) out.notes.push_back("threads has no k6 equivalent: k6 schedules VUs itself");
    if (open && scenario.thinkTime.count() > 0)
        out.notes.push_back("think time is ignored in an open loop, as in Loadstar's engine");
    return out;
}

namespace {

std::string dnsName(const std::string& text) {
    std::string out = "loadstar-";
    for (const char c : text) {
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const bool ok = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
        if (ok) {
            out += lower;
        } else if (out.back() != '-') {
            out += '-';
        }
    }
    out = out.substr(0, 52);
    while (out.back() == '-')
        out.pop_back();
    return out;
}

}  // namespace

K6OperatorManifests k6OperatorManifests(const std::string& scenarioName, const std::string& script,
                                        int parallelism, const std::string& baseUrl) {
    K6OperatorManifests m;
    m.name = dnsName(scenarioName);
    m.configMap = "# The k6 script of the scenario " + js(scenarioName) + ", for k6-operator's TestRun " +
                  m.name +
                  ".\n"
                  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " +
                  m.name + "\ndata:\n  " + kK6ScriptFile + ": |\n";
    std::size_t at = 0;
    while (at < script.size()) {
        const std::size_t end = script.find('\n', at);
        const std::string lineText =
            script.substr(at, end == std::string::npos ? std::string::npos : end - at);
        m.configMap += lineText.empty() ? "\n" : "    " + lineText + "\n";
        if (end == std::string::npos) break;
        at = end + 1;
    }
    m.testRun = "# k6-operator runs the scenario " + js(scenarioName) + " on " + std::to_string(parallelism) +
                " runner pods, each with its share of the VUs or of the arrival rate.\n"
                "# Each runner prints its end-of-test summary as one JSON line to its log (SUMMARY_PATH=-):\n"
                "#   kubectl logs -l k6_cr=" +
                m.name +
                ",runner=true --tail=-1 > summaries.log\n"
                "#   loadstar import-results summaries.log --merge --project PROJECT\n"
                "apiVersion: k6.io/v1alpha1\nkind: TestRun\nmetadata:\n  name: " +
                m.name + "\nspec:\n  parallelism: " + std::to_string(parallelism) +
                "\n  script:\n    configMap:\n      name: " + m.name + "\n      file: " + kK6ScriptFile +
                "\n  arguments: --quiet\n  runner:\n    env:\n"
                "      - name: BASE_URL\n        # the target as the runner pods reach it\n        value: " +
                js(baseUrl.empty() ? "http://SERVICE.NAMESPACE.svc.cluster.local:8000" : baseUrl) +
                "\n      - name: SUMMARY_PATH\n        value: \"-\"\n";
    return m;
}

}  // namespace loadstar::engines
