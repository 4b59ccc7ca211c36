#include "widgets/in_process_run.h"

#include <unistd.h>

#include "engine/load/load_profile.h"
#include "engine/load/runner.h"
#include "engine/load/scenario_plan.h"
#include "engine/server/server.h"

namespace loadstar::widgets {

std::variant<load::RunResult, std::string> runInProcess(const model::Project& project,
                                                        const model::Scenario& scenario) {
    auto served = std::make_shared<model::Project>(project);
    served->server.port = 0;
    server::Server server(served, server::projectSchemaServices(served));
    auto started = server.start();
    if (const auto* e = std::get_if<server::StartError>(&started)) return e->message;
    const auto& bound = std::get<server::Started>(started);
    auto url = load::parseTargetUrl("http://" + bound.host + ":" + std::to_string(bound.port));
    if (const auto* e = std::get_if<std::string>(&url)) return *e;
    auto plan = load::buildRequestPlan(*served, scenario, std::get<load::TargetUrl>(url));
    if (const auto* e = std::get_if<std::string>(&plan)) return *e;

    load::LoadOptions o;
    o.url = std::get<load::TargetUrl>(url);
    o.executor = scenario.executor;
    o.profile = load::LoadProfile::of(scenario);
    o.maxRequests = scenario.maxRequests;
    o.maxConnections = scenario.connections;
    o.threads = std::max(1, scenario.threads);
    o.timeout = scenario.timeout;
    o.thinkTime = scenario.thinkTime;
    o.seed = scenario.seed;
    o.tick = std::chrono::milliseconds(100);
    o.targetPid = ::getpid();
    load::Runner runner(o, std::move(std::get<load::RequestPlan>(plan)));
    if (auto failure = runner.start()) return *failure;
    load::RunResult result = load::makeRunResult(runner.wait(), scenario, scenario.thresholds);
    result.server = project.server;
    server.stop(std::chrono::seconds(2));
    return result;
}

}  // namespace loadstar::widgets
