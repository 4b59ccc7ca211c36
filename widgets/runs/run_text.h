#pragma once

#include <optional>
#include <utility>
#include <vector>

#include <QString>

#include "engine/results/run_result.h"

// How a run's numbers and settings read in the run and compare views.
namespace loadstar::widgets {

QString percentText(double percent);                           // "0.42 %"
QString secondsText(double seconds);                           // "10.0 s", "2 min 05 s"
QString runStartText(const results::RunResult& result);        // "2026-11-25 14:02:31 UTC"
QString concurrencyText(const model::ServerSettings& server);  // "async ×1", "worker pool ×4 (queue 64)"
QString engineText(const results::EngineInfo& engine);         // "Locust, 2 workers", "k6 (imported)"
QString notesText(const results::EngineInfo& engine);          // the notes, one a line

// The target server's CPU and memory over the run, when it was sampled.
struct ResourceUse {
    std::optional<double> serverCpuMean;  // % of one core
    std::optional<double> serverRssPeakBytes;
    std::optional<double> loadCpuMean;
};
ResourceUse resourceUse(const results::RunResult& result);

using Facts = std::vector<std::pair<QString, QString>>;
Facts scenarioFacts(const model::Scenario& scenario);
Facts serverFacts(const model::ServerSettings& server);

}  // namespace loadstar::widgets
