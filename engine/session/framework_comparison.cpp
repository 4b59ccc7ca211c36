#include "engine/session/framework_comparison.h"

namespace loadstar::session {

std::vector<model::ServerChoice> defaultComparisonServers() {
    return {
        model::ServerChoice{},
        model::ServerChoice{model::ServerKind::FastApi, 1, model::WorkerClass::Sync, 4},
        model::ServerChoice{model::ServerKind::Flask, 4, model::WorkerClass::Sync, 4},
    };
}

std::vector<std::string> defaultComparisonScenarios(const model::Project& project) {
    std::vector<std::string> names;
    for (const model::Scenario& s : project.scenarios) {
        if (s.target.kind == model::Target::Kind::Embedded) names.push_back(s.name);
    }
    return names;
}

std::variant<std::vector<model::Scenario>, std::string> comparisonRuns(
    const model::Project& project, const std::vector<std::string>& scenarios,
    const std::vector<model::ServerChoice>& servers) {
    if (scenarios.empty()) return std::string("no scenario to compare the servers on");
    if (servers.empty()) return std::string("no server to compare");
    std::vector<model::Scenario> runs;
    for (const std::string& name : scenarios) {
        const model::Scenario* scenario = project.scenario(name);
        if (scenario == nullptr) return "the project has no scenario \"" + name + "\"";
        if (scenario->target.kind != model::Target::Kind::Embedded) {
            return "scenario \"" + name + "\" drives " + scenario->target.url +
                   ", not the design: there is no server to choose";
        }
        for (const model::ServerChoice& server : servers) {
            runs.push_back(*scenario);
            runs.back().server = server;
        }
    }
    return runs;
}

}  // namespace loadstar::session
