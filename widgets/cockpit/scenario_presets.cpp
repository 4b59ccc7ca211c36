#include "widgets/cockpit/scenario_presets.h"

#include <QCoreApplication>

namespace loadstar::widgets {

std::vector<ScenarioPreset> scenarioPresets(const model::Project& project) {
    struct Workload {
        const char* key;
        const char* label;
        const char* endpoint;
        const char* description;
        std::vector<std::string> thresholds;
    };
    const std::vector<Workload> workloads = {
        {"micro",
         QT_TRANSLATE_NOOP("ScenarioPresets", "Micro"),
         "hello",
         "the framework's own overhead",
         {"p99 < 50ms", "error_rate < 1%"}},
        {"io",
         QT_TRANSLATE_NOOP("ScenarioPresets", "I/O-bound"),
         "io",
         "an I/O wait (a database call)",
         {"p95 < 100ms", "error_rate < 1%"}},
        {"model",
         QT_TRANSLATE_NOOP("ScenarioPresets", "Model-bound"),
         "model",
         "CPU work (model inference)",
         {"error_rate < 1%"}},
    };
    std::vector<ScenarioPreset> presets;
    for (const Workload& w : workloads) {
        const bool hasEndpoint = project.endpoint(w.endpoint) != nullptr;
        for (const int users : {10, 200, 1000}) {
            model::Scenario s;
            s.name = std::string(w.key) + "-c" + std::to_string(users);
            s.description = (hasEndpoint ? std::string(w.endpoint) + ": " : std::string()) + w.description +
                            ", " + std::to_string(users) + " concurrent users.";
            s.executor = model::Executor::Closed;
            s.vus = users;
            s.duration = std::chrono::seconds(10);
            s.warmup = std::chrono::seconds(2);
            s.timeout = std::chrono::seconds(30);
            if (hasEndpoint) s.mix = {model::MixEntry{w.endpoint, 1}};
            s.thresholds = w.thresholds;
            presets.push_back(
                {QCoreApplication::translate("ScenarioPresets", w.label) + QStringLiteral(" × %1").arg(users),
                 std::move(s)});
        }
    }
    return presets;
}

}  // namespace loadstar::widgets
