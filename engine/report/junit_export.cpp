#include "engine/report/junit_export.h"

#include "engine/report/threshold_limit.h"
#include "engine/text/markup.h"

namespace loadstar::report {

namespace {

std::string seconds(double s) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", s);
    return buffer;
}

std::string attribute(const std::string& text) {
    // Newlines in attributes would be normalised to spaces by a parser; say so ourselves.
    std::string out = text::escapeMarkup(text);
    for (std::size_t at = out.find('\n'); at != std::string::npos; at = out.find('\n', at))
        out.replace(at, 1, "&#10;");
    return out;
}

}  // namespace

std::string junitReport(const std::vector<results::RunResult>& runs) {
    std::size_t tests = 0;
    std::size_t failures = 0;
    std::size_t errors = 0;
    double time = 0;
    std::string suites;
    for (const results::RunResult& r : runs) {
        const std::string scenario = r.scenario ? r.scenario->name : "load";
        std::size_t suiteFailures = 0;
        std::size_t suiteErrors = 0;
        std::string cases;
        for (const stats::ThresholdResult& t : r.thresholds) {
            const ThresholdLimit limit = thresholdLimit(t);
            cases += "    <testcase classname=\"" + attribute("loadstar." + scenario) + "\" name=\"" +
                     attribute(t.text) + "\" time=\"" + seconds(r.measuredSeconds) + "\"";
            if (t.passed) {
                cases += "/>\n";
                continue;
            }
            if (limit.limit.empty()) {
                ++suiteErrors;
                cases += ">\n      <error type=\"invalid-threshold\" message=\"" + attribute(limit.measured) +
                         "\">" + text::escapeMarkup(t.measuredText) + "</error>\n    </testcase>\n";
            } else {
                ++suiteFailures;
                const std::string message = "measured " + limit.measured + ", limit " + limit.limit;
                cases += ">\n      <failure type=\"threshold\" message=\"" + attribute(message) + "\">" +
                         text::escapeMarkup(t.measuredText + "\nmeasured: " + limit.measured +
                                            "\nlimit: " + limit.limit) +
                         "</failure>\n    </testcase>\n";
            }
        }
        tests += r.thresholds.size();
        failures += suiteFailures;
        errors += suiteErrors;
        time += r.measuredSeconds;
        suites += "  <testsuite name=\"" + attribute(scenario + " (" + r.id + ")") + "\" tests=\"" +
                  std::to_string(r.thresholds.size()) + "\" failures=\"" + std::to_string(suiteFailures) +
                  "\" errors=\"" + std::to_string(suiteErrors) + "\" skipped=\"0\" time=\"" +
                  seconds(r.measuredSeconds) + "\" timestamp=\"" + attribute(r.startedAt) + "\">\n";
        suites += "    <properties>\n";
        const std::pair<const char*, std::string> properties[] = {
            {"target", r.target},
            {"executor", model::toString(r.executor)},
            {"requests", std::to_string(r.overall.requests)},
            {"interrupted", r.interrupted ? "true" : "false"},
            {"loadstar", r.environment.loadstarVersion},
        };
        for (const auto& [name, value] : properties)
            suites +=
                "      <property name=\"" + std::string(name) + "\" value=\"" + attribute(value) + "\"/>\n";
        suites += "    </properties>\n" + cases + "  </testsuite>\n";
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"loadstar\" tests=\"" +
           std::to_string(tests) + "\" failures=\"" + std::to_string(failures) + "\" errors=\"" +
           std::to_string(errors) + "\" time=\"" + seconds(time) + "\">\n" + suites + "</testsuites>\n";
}

}  // namespace loadstar::report
