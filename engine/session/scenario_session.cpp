#include "engine/session/scenario_session.h"

#include "engine/load/scenario_plan.h"
#include "engine/stats/threshold.h"

namespace loadstar::session {

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
        if (!design.url.empty()) {
            scenario.target.url = design.url;
            targetPid = design.pid;
        } else {
            // `loadstar serve` in a child process, so that its CPU and memory are
            // sampled apart from the generator's.
            server::ServerProcessOptions serve;
            serve.binary = design.binary;
            serve.project = design.projectFile;
            auto launched = server::ServerProcess::launch(serve);
            if (auto* e = std::get_if<server::LaunchError>(&launched)) {
                std::string text = "cannot start the embedded server: " + e->message;
                if (!e->stderrText.empty()) text += "\n" + e->stderrText;
                while (!text.empty() && text.back() == '\n')
                    text.pop_back();
                return text;
            }
            session->launched_ = std::move(std::get<std::unique_ptr<server::ServerProcess>>(launched));
            scenario.target.url = session->launched_->url();
            targetPid = session->launched_->pid();
        }
        session->serverSettings_ = project.server;
    }
    auto url = model::parseTargetUrl(scenario.target.url);
    if (const auto* e = std::get_if<std::string>(&url))
        return "target \"" + scenario.target.url + "\": " + *e;
    // A literal address is refused before anything starts; a name when it is resolved.
    if (auto refusal = model::loopbackRefusal(std::get<model::TargetUrl>(url).host, scenario.allowRemote))
        return "target \"" + scenario.target.url + "\": " + *refusal;
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
}

std::optional<std::string> ScenarioSession::start() {
    return runner_->start();
}

results::RunResult ScenarioSession::finish() {
    const load::RunOutput& output = runner_->wait();
    results::RunResult result = load::makeRunResult(output, scenario_, scenario_.thresholds);
    if (targetsDesign()) result.server = serverSettings_;
    if (launched_) launched_->stop();
    return result;
}

}  // namespace loadstar::session
