#include "engine/session/scenario_session.h"

#include <cstdlib>

#include "engine/engines/child_process.h"
#include "engine/engines/locust_export.h"
#include "engine/load/scenario_plan.h"
#include "engine/load/target_resolution.h"
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

load::Snapshot::Phase phaseOf(engines::LocustProgress::Phase phase) {
    switch (phase) {
        case engines::LocustProgress::Phase::WaitingForWorkers:
            return load::Snapshot::Phase::WarmingUp;
        case engines::LocustProgress::Phase::Running:
            return load::Snapshot::Phase::Running;
        case engines::LocustProgress::Phase::Stopping:
            return load::Snapshot::Phase::Stopping;
        case engines::LocustProgress::Phase::Finished:
            return load::Snapshot::Phase::Finished;
    }
    return load::Snapshot::Phase::Running;
}

// A Locust run's progress in the values of a native run's snapshot, so that one
// dashboard shows both.
std::shared_ptr<const load::Snapshot> snapshotOf(const engines::LocustProgress& p) {
    auto s = std::make_shared<load::Snapshot>();
    s->phase = p.phase == engines::LocustProgress::Phase::Running && p.stage < 0
                   ? load::Snapshot::Phase::WarmingUp
                   : phaseOf(p.phase);
    s->elapsed = p.elapsed;
    s->total = p.total;
    s->stage = p.stage;
    s->stageCount = static_cast<std::size_t>(std::max(1, p.stageCount));
    s->level = p.level;
    s->openConnections = p.users;
    s->requestsStarted = p.totals.requests;
    s->endpointIds = p.endpointIds;
    s->totals = p.totals;
    s->endpointTotals = p.endpointTotals;
    s->firstTick = p.firstTick;
    s->ticks = p.ticks;
    s->history = p.history;
    return s;
}

}  // namespace

std::variant<std::unique_ptr<ScenarioSession>, std::string> ScenarioSession::prepare(
    const model::Project& project, model::Scenario scenario, const DesignServer& design,
    const LocustSettings& locust) {
    const std::string quoted = "scenario \"" + scenario.name + "\": ";
    const bool byLocust = scenario.engine == model::LoadEngine::Locust;
    if (byLocust) {
        // Before any server starts: a missing Locust or a scenario it cannot run.
        if (!engines::findExecutable(locust.command)) {
            return std::string("Locust is not installed (no \"" + locust.command +
                               "\" command): install Debian's python3-locust package "
                               "(sudo apt-get install python3-locust)");
        }
        auto exported = engines::exportLocust(project, scenario);
        if (const auto* e = std::get_if<std::string>(&exported)) return quoted + *e;
    }
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
    // A literal address is refused before anything starts; a name when it is resolved.
    if (auto refusal = model::loopbackRefusal(std::get<model::TargetUrl>(url).host, scenario.allowRemote))
        return "target \"" + scenario.target.url + "\": " + *refusal;
    if (byLocust) {
        // Locust connects by itself: the name is resolved and checked here, as the
        // native generator does at its start.
        const auto resolved = load::resolveTarget(std::get<model::TargetUrl>(url), scenario.allowRemote);
        if (const auto* e = std::get_if<std::string>(&resolved))
            return "target \"" + scenario.target.url + "\": " + *e;
        session->project_ = project;
        session->locustSettings_ = locust;
        session->targetPid_ = targetPid;
        session->scenario_ = std::move(scenario);
        return session;
    }
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
    // The engines first: they sample the server's pid until they end.
    runner_.reset();
    locust_.reset();
    if (launched_) launched_->stop();
    if (framework_) framework_->stop();
    std::error_code ec;
    if (!scratch_.empty()) std::filesystem::remove_all(scratch_, ec);
}

std::optional<std::string> ScenarioSession::start() {
    if (!usesLocust()) return runner_->start();
    engines::LocustRunOptions o;
    o.locust = locustSettings_.command;
    o.workDir = locustSettings_.workDir;
    if (o.workDir.empty()) {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/loadstar-locust-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr)
            return std::string("cannot create a temporary folder for Locust");
        scratch_ = pattern;
        o.workDir = scratch_;
    }
    o.targetUrl = scenario_.target.url;
    o.localWorkers =
        locustSettings_.localWorkers >= 0 ? locustSettings_.localWorkers : scenario_.locustWorkers;
    o.expectedWorkers =
        locustSettings_.expectedWorkers >= 0 ? locustSettings_.expectedWorkers : o.localWorkers;
    o.masterBindHost = locustSettings_.masterBindHost;
    o.masterBindPort = locustSettings_.masterBindPort;
    o.targetPid = targetPid_;
    auto started = engines::LocustRun::start(project_, scenario_, std::move(o));
    if (auto* e = std::get_if<std::string>(&started)) return *e;
    locust_ = std::move(std::get<std::unique_ptr<engines::LocustRun>>(started));
    return std::nullopt;
}

std::shared_ptr<const load::Snapshot> ScenarioSession::snapshot() const {
    if (runner_) return runner_->snapshot();
    if (!locust_) return nullptr;
    auto progress = locust_->progress();
    if (!progress) return nullptr;
    const std::lock_guard lock(convertedMutex_);
    if (progress != convertedFrom_) {
        converted_ = snapshotOf(*progress);
        convertedFrom_ = std::move(progress);
    }
    return converted_;
}

void ScenarioSession::stop() {
    if (runner_) runner_->stop();
    if (locust_) locust_->stop();
}

bool ScenarioSession::finished() const {
    if (runner_) return runner_->finished();
    return !locust_ || locust_->finished();
}

std::string ScenarioSession::waitingText() const {
    if (!locust_) return {};
    const auto progress = locust_->progress();
    if (!progress || progress->phase != engines::LocustProgress::Phase::WaitingForWorkers) return {};
    return "Waiting for Locust workers: " + std::to_string(progress->workersReady) + " of " +
           std::to_string(progress->workersExpected) + " joined";
}

std::variant<results::RunResult, std::string> ScenarioSession::end() {
    if (!usesLocust()) return finish();
    if (!locust_) return std::string("Locust was not started");
    auto result = locust_->wait();
    if (auto* r = std::get_if<results::RunResult>(&result)) {
        if (targetsDesign()) {
            if (scenario_.server.kind == model::ServerKind::Embedded) r->server = serverSettings_;
            r->serverUnderTest = serverUnderTest_;
        }
    }
    if (launched_) launched_->stop();
    if (framework_) framework_->stop();
    return result;
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
