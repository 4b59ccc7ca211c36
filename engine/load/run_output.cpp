#include "engine/load/run_output.h"

#include <algorithm>

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
    if (output.options.profile.warmup().count() > 0) {
        const double planned = std::chrono::duration<double>(output.options.profile.warmup()).count();
        const double ran = std::chrono::duration<double>(output.finishedAt - output.startedAt).count();
        r.warmupStats = output.warmup;
        r.warmup = stats::Summary::of(output.warmup, std::max(0.0, std::min(planned, ran)));
    }
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
