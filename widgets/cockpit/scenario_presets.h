#pragma once

#include <vector>

#include <QString>

#include "engine/model/project.h"

namespace loadstar::widgets {

// The benchmark plan's matrix as starting points for a new scenario: a workload
// (micro: the framework's own overhead; I/O-bound: a wait; model-bound: CPU work)
// at 10, 200 or 1000 concurrent users, with the plan's warm-up and thresholds.
struct ScenarioPreset {
    QString label;  // "I/O-bound × 200"
    model::Scenario scenario;
};

// The workload's endpoint is the project's "hello", "io" or "model" when it has
// one; otherwise the mix is left empty (every endpoint).
std::vector<ScenarioPreset> scenarioPresets(const model::Project& project);

}  // namespace loadstar::widgets
