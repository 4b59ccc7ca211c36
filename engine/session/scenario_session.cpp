#include "engine/session/scenario_session.h"

#include "engine/load/scenario_plan.h"
#include "engine/server/cpu_affinity.h"
#include "engine/session/framework_launch.h"
#include "engine/stats/threshold.h"

namespace loadstar::session {

namespace {

using Clock = std::chrono::steady_clock;

// `loadstar serve` in a child process, so that its CPU and memory are sampled
// apart from the generator's; ready once it answers its health path.
std::variant<std::unique_ptr<server::ServerProcess>, std::string> launchEmbedded(
    const model::Project& project, const DesignServer& design, results::ServerUnderTest& described) {
    server::ServerProcessOptions serve;
    serve.binary = design.binary;
    serve.project = design.projectFile;
    const auto spawnedAt = Clock::now();
    auto launched = server::ServerProcess::launch(serve);
    if (auto* e = std::get_if<server::LaunchError>(&launched)) {
        std::string text = "cannot start the embedded server: " + e->message;
        if (!e->stderrText.empty()) text += "\n" + e->stderrText;
        while (!text.empty() && text.back() == '\n')
            text.pop_back();
        return text;
    }
    auto process = std::move(std::get<std::unique_ptr<server::ServerProcess>>(launched));
    if (!design.serverCpus.empty()) {
        if (auto e = server::pinTree(process->pid(), design.serverCpus)) return "the embedded server: " + *e;
    }
    // It listens once it says so; the first answer follows at once.
    const std::string host = server::connectHost(process->host());
    const auto until = Clock::now() + std::chrono::seconds(5);
    std::optional<int> status;
    while (!(status = server::probeHttp(host, process->port(), project.server.builtins.health,
                                        std::chrono::seconds(1))) &&
           Clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    if (status) described.startSeconds = std::chrono::duration<double>(Clock::now() - spawnedAt).count();
    described.software = std::string("Loadstar ") + LOADSTAR_VERSION;
    described.command = design.binary + " serve " + design.projectFile + " --port 0";
    return process;
}

}  // namespace

std::variant<std::unique_ptr<ScenarioSession>, std::string> ScenarioSession::prepare(
    const model::Project& project, model::Scenario scenario, const DesignServer& design) {
    const std::string quoted = "scenario \"" + scenario.name + "\": ";
    for (const std::string& t : scenario.thresholds) {
        auto threshold = stats::parseThreshold(t);
        if (const auto* e = std::get_if<stats::ThresholdParseError>(&threshold))
            return quoted + "threshold \"" + t + "\": " + e->toString();
    }
    std::unique_ptr<ScenarioSession> session(new ScenarioSession);
    std::optional<pid_t> targetPid;
    if (scenario.target.kind == model::Target::Kind::Embedded) {
        // A mistake in the scenario is reported before a server is started for it
        // (a generated app takes seconds to start); the plan is made again below
        // for the server's real address.
        const auto placeholder = std::get<model::TargetUrl>(model::parseTargetUrl("http://127.0.0.1:1"));
        auto trial = load::buildRequestPlan(project, scenario, placeholder);
        if (const auto* e = std::get_if<std::string>(&trial)) return quoted + *e;
        results::ServerUnderTest described;
        described.choice = scenario.server;
        if (scenario.server.kind != model::ServerKind::Embedded) {
            auto started = launchFramework(project, scenario.server, design);
            if (const auto* e = std::get_if<std::string>(&started)) return *e;
            auto& framework = std::get<FrameworkServer>(started);
            session->framework_ = std::move(framework.process);
            described = std::move(framework.described);
            scenario.target.url = session->framework_->url();
            targetPid = session->framework_->pid();
        } else if (!design.url.empty()) {
            scenario.target.url = design.url;
            targetPid = design.pid;
            described.software = std::string("Loadstar ") + LOADSTAR_VERSION;
        } else {
            auto launched = launchEmbedded(project, design, described);
            if (const auto* e = std::get_if<std::string>(&launched)) return *e;
            session->launched_ = std::move(std::get<std::unique_ptr<server::ServerProcess>>(launched));
            scenario.target.url = session->launched_->url();
            targetPid = session->launched_->pid();
        }
        if (scenario.server.kind == model::ServerKind::Embedded) session->serverSettings_ = project.server;
        session->serverUnderTest_ = std::move(described);
    }
    auto url = model::parseTargetUrl(scenario.target.url);
    if (const auto* e = std::get_if<std::string>(&url))
        return "target \"" + scenario.target.url + "\": " + *e;
    auto plan = load::buildRequestPlan(project, scenario, std::get<model::TargetUrl>(url));
    if (const auto* e = std::get_if<std::string>(&plan)) return quoted + *e;

    session->options_ = load::LoadOptions::of(scenario, std::get<model::TargetUrl>(url));
    session->options_.targetPid = targetPid;
    session->scenario_ = std::move(scenario);
    session->runner_ =
        std::make_unique<load::Runner>(session->options_, std::move(std::get<load::RequestPlan>(plan)));
    return session;
}

ScenarioSession::~ScenarioSession() {
    // The runner first: it samples the server's pid until it ends.
    runner_.reset();
    if (launched_) launched_->stop();
    if (framework_) framework_->stop();
}

std::optional<std::string> ScenarioSession::start() {
    return runner_->start();
}

results::RunResult ScenarioSession::finish() {
    const load::RunOutput& output = runner_->wait();
    results::RunResult result = load::makeRunResult(output, scenario_, scenario_.thresholds);
    if (targetsDesign()) {
        if (scenario_.server.kind == model::ServerKind::Embedded) result.server = serverSettings_;
        result.serverUnderTest = serverUnderTest_;
    }
    if (launched_) launched_->stop();
    if (framework_) framework_->stop();
    return result;
}

}  // namespace loadstar::session
