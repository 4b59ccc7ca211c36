#include "support/scale_out.h"

#include <fstream>
#include <signal.h>

#include "engine/model/project_file.h"
#include "engine/server/schema_services.h"
#include "support/temp_dir.h"

namespace loadstar::testing {

using namespace std::chrono_literals;

model::Project scaleOutProject() {
    auto loaded = model::loadProject(sourceDir() / "projects" / "benchmark-plan.loadstar.json");
    model::Project p = std::get<model::Project>(std::move(loaded));
    model::Scenario mixed;
    mixed.name = "mixed";
    mixed.vus = 2;
    mixed.duration = 3s;
    mixed.warmup = 1s;
    mixed.thinkTime = 5ms;
    mixed.mix = {{"hello", 3}, {"echo", 1}};
    mixed.bodyMode = model::BodyMode::InvalidShare;
    mixed.invalidShare = 0.3;
    mixed.headers = {{"X-Run", "scale-out"}};
    mixed.thresholds = {"p99 < 2s", "error_rate < 1%", "echo: p95 < 2s", "requests > 10"};

    model::Scenario ramp = mixed;
    ramp.name = "ramp";
    ramp.warmup = {};
    ramp.stages = {{1s, 3}, {1s, 1}};

    model::Scenario rate = mixed;
    rate.name = "rate";
    rate.executor = model::Executor::Open;
    rate.rate = 20.5;
    rate.connections = 4;

    model::Scenario rateStages = rate;
    rateStages.name = "rate-stages";
    rateStages.stages = {{1s, 10}, {2s, 30}};
    rateStages.thresholds = {"rps > 1", "errors < 5"};
    p.scenarios = {mixed, ramp, rate, rateStages};
    return p;
}

EmbeddedServer::EmbeddedServer(const model::Project& project) {
    auto served = std::make_shared<model::Project>(project);
    served->server.port = 0;
    served->server.host = "127.0.0.1";
    server_ = std::make_unique<server::Server>(served, server::projectSchemaServices(served));
    auto started = server_->start();
    if (auto* e = std::get_if<server::StartError>(&started)) throw std::runtime_error(e->message);
    const auto& bound = std::get<server::Started>(started);
    url_ = "http://" + bound.host + ":" + std::to_string(bound.port);
}

EmbeddedServer::~EmbeddedServer() {
    server_->stop(2s);
}

bool processAlive(pid_t pid) {
    if (::kill(pid, 0) != 0) return false;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const std::size_t close = text.rfind(')');
    return close == std::string::npos || close + 2 >= text.size() || text[close + 2] != 'Z';
}

}  // namespace loadstar::testing
