#include "engine/session/in_process_run.h"

#include <unistd.h>

#include "engine/load/load_options.h"
#include "engine/load/runner.h"
#include "engine/load/scenario_plan.h"
#include "engine/server/server.h"

namespace loadstar::session {

std::variant<results::RunResult, std::string> runInProcess(const model::Project& project,
                                                           const model::Scenario& scenario) {
    auto served = std::make_shared<model::Project>(project);
    served->server.port = 0;
    server::Server server(served, server::projectSchemaServices(served));
    auto started = server.start();
    if (const auto* e = std::get_if<server::StartError>(&started)) return e->message;
    const auto& bound = std::get<server::Started>(started);
    auto url = model::parseTargetUrl("http://" + bound.host + ":" + std::to_string(bound.port));
    if (const auto* e = std::get_if<std::string>(&url)) return *e;
    const auto& target = std::get<model::TargetUrl>(url);
    auto plan = load::buildRequestPlan(*served, scenario, target);
    if (const auto* e = std::get_if<std::string>(&plan)) return *e;

    load::LoadOptions options = load::LoadOptions::of(scenario, target);
    options.tick = std::chrono::milliseconds(100);
    options.targetPid = ::getpid();
    load::Runner runner(options, std::move(std::get<load::RequestPlan>(plan)));
    if (auto failure = runner.start()) return *failure;
    results::RunResult result = load::makeRunResult(runner.wait(), scenario, scenario.thresholds);
    result.server = project.server;
    server.stop(std::chrono::seconds(2));
    return result;
}

}  // namespace loadstar::session
