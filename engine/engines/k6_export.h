#pragma once

#include <string>
#include <variant>
#include <vector>

#include "engine/model/project.h"

namespace loadstar::engines {

struct K6ExportOptions {
    std::size_t samplesPerEndpoint = 32;
};

// A scenario as a k6 script: one file, the requests embedded.
struct K6Export {
    std::string script;
    std::vector<std::string> notes;  // what k6 does differently, for the user to read
};

// options.scenarios uses the executor that matches the scenario: constant-vus or
// ramping-vus for a closed loop, constant-arrival-rate or ramping-arrival-rate for
// an open one; a warm-up is a scenario of its own before it ("warmup"; the
// measured one is "load") and the thresholds look at the measured one only. The
// requests carry an `endpoint` tag; thresholds are written in k6's syntax;
// checks on the status codes; handleSummary writes the end-of-test summary as
// JSON (SUMMARY_PATH, "summary.json" by default, "-" for stdout) with a
// "loadstar" member naming the project, scenario and endpoints, which
// `loadstar import-results` reads back. BASE_URL sets the target.
std::variant<K6Export, std::string> exportK6(const model::Project& project, const model::Scenario& scenario,
                                             const K6ExportOptions& options = {});

// k6-operator's resources for a distributed run of `script`: a ConfigMap holding
// it and a TestRun (k6.io/v1alpha1) with `parallelism` runners, each running its
// share of the load and printing its summary (SUMMARY_PATH=-) to its log.
struct K6OperatorManifests {
    std::string name;  // the resources' name, DNS-1123
    std::string configMap;
    std::string testRun;
};
K6OperatorManifests k6OperatorManifests(const std::string& scenarioName, const std::string& script,
                                        int parallelism, const std::string& baseUrl);

// The name the ConfigMap gives the script file.
inline constexpr const char* kK6ScriptFile = "script.js";

}  // namespace loadstar::engines
