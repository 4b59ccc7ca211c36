#include "engine/load/run_output.h"

namespace loadstar::load {

results::RunResult makeRunResult(const RunOutput& output, const std::optional<model::Scenario>& scenario,
                                 const std::vector<std::string>& thresholds) {
    results::RunResult r;
    r.id = results::runId(output.startedAt, scenario ? scenario->name : "load");
    r.scenario = scenario;
    r.target = output.options.url.origin() + output.options.url.target;
    r.executor = output.options.executor;
    r.environment = results::Environment::capture();
    r.startedAt = results::isoTime(output.startedAt);
    r.finishedAt = results::isoTime(output.finishedAt);
    r.interrupted = output.interrupted;
    r.measuredSeconds = output.measuredSeconds;
    r.requestsStarted = output.requestsStarted;
    r.overallStats = output.overall;
    r.overall = stats::Summary::of(output.overall, output.measuredSeconds);
    for (std::size_t i = 0; i < output.endpoints.size(); ++i) {
        r.endpoints.push_back({output.endpointIds[i],
                               stats::Summary::of(output.endpoints[i], output.measuredSeconds),
                               output.endpoints[i]});
    }
    r.series = output.series;
    results::judgeThresholds(r, thresholds);
    return r;
}

}  // namespace loadstar::load
