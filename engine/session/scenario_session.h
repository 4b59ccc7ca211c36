#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <sys/types.h>
#include <variant>
#include <vector>

#include "engine/engines/locust_run.h"
#include "engine/load/load_options.h"
#include "engine/load/runner.h"
#include "engine/model/project.h"
#include "engine/results/run_result.h"
#include "engine/server/external_server.h"
#include "engine/server/server_process.h"

namespace loadstar::session {

// Where the design is served when a scenario targets it.
struct DesignServer {
    // A server that already serves the design (the workbench's server panel): it is
    // used as it is and left running.
    std::string url;
    std::optional<pid_t> pid;  // sampled for CPU and memory when known
    // Otherwise `loadstar serve` is launched on `projectFile` for the run and
    // stopped after it (on an ephemeral port).
    std::string binary;
    std::string projectFile;
    // A scenario whose server choice is FastAPI or Flask runs the design generated
    // as that app: kept in `appCache` (empty: defaultAppCache()) and run by
    // `python` (empty: defaultPython()).
    std::filesystem::path appCache;
    std::string python;
    // Pin a server started for the run (all its processes) to these CPUs, so that
    // it and the load generator do not share cores; empty: no pinning.
    std::vector<int> serverCpus;
};

// How a scenario whose engine is Locust is run (the native engine needs none of it).
struct LocustSettings {
    std::string command = "locust";  // the locust executable, looked up on PATH
    int localWorkers = -1;           // -1: the scenario's own count
    int expectedWorkers = -1;        // the master waits for these; -1: the local ones
    std::string masterBindHost = "127.0.0.1";
    int masterBindPort = 0;  // 0: a free port
    // Where the locustfile, Locust's CSV files and logs go; empty: a temporary
    // folder removed with the session.
    std::filesystem::path workDir;
};

// One run of a scenario from start to stored result, shared by `loadstar run` and
// the workbench: checks the thresholds, starts the design's server when the
// scenario targets it (the embedded one, or the design generated as the FastAPI
// or Flask app the scenario chose), builds the request plan, runs, and turns the
// output into a RunResult. Whatever server it started is stopped with all its
// processes when the run ends, fails or is dropped. prepare() blocks until the server is ready, so a GUI
// calls it off its own thread; the runner inside publishes snapshots to poll while it runs.
class ScenarioSession {
  public:
    static std::variant<std::unique_ptr<ScenarioSession>, std::string> prepare(
        const model::Project& project, model::Scenario scenario, const DesignServer& design,
        const LocustSettings& locust = {});
    ~ScenarioSession();
    ScenarioSession(const ScenarioSession&) = delete;
    ScenarioSession& operator=(const ScenarioSession&) = delete;

    // The scenario as it runs: its target URL is the one driven.
    const model::Scenario& scenario() const { return scenario_; }
    const load::LoadOptions& options() const { return options_; }
    bool targetsDesign() const { return scenario_.target.kind == model::Target::Kind::Embedded; }
    // The server launched for this run (null when the target is a URL or a server
    // that already ran).
    const server::ServerProcess* launchedServer() const { return launched_.get(); }
    // The generated FastAPI or Flask app's server (null otherwise).
    const server::ExternalServer* frameworkServer() const { return framework_.get(); }
    // Which server answers and how it started (empty when the target is a URL).
    const std::optional<results::ServerUnderTest>& serverUnderTest() const { return serverUnderTest_; }

    std::optional<std::string> start();
    // The native engine's runner (null when Locust generates the load).
    load::Runner& runner() { return *runner_; }
    // Waits for the end of the run, stops a server launched for it, and makes the
    // result (the design's server settings recorded when it was the target).
    results::RunResult finish();

    // Either engine: what a dashboard shows (a Locust run's statistics in a native
    // run's snapshot), stopping early, and the end with the result or, when Locust
    // produced none, why.
    bool usesLocust() const { return scenario_.engine == model::LoadEngine::Locust; }
    std::shared_ptr<const load::Snapshot> snapshot() const;
    void stop();
    bool finished() const;
    std::variant<results::RunResult, std::string> end();
    // The Locust run once started (null for the native engine): its worker join
    // command, its files, its processes.
    const engines::LocustRun* locust() const { return locust_.get(); }
    // "Waiting for workers: 1 of 2 joined" while a Locust master waits; empty otherwise.
    std::string waitingText() const;

  private:
    ScenarioSession() = default;

    model::Scenario scenario_;
    model::ServerSettings serverSettings_;
    load::LoadOptions options_;
    std::unique_ptr<server::ServerProcess> launched_;
    std::unique_ptr<server::ExternalServer> framework_;
    std::optional<results::ServerUnderTest> serverUnderTest_;
    std::unique_ptr<load::Runner> runner_;
    model::Project project_;  // Locust: exported when the run starts
    LocustSettings locustSettings_;
    std::optional<pid_t> targetPid_;
    std::filesystem::path scratch_;  // a temporary work folder to remove
    std::unique_ptr<engines::LocustRun> locust_;
    // Locust's progress as a snapshot, made once per progress so that a reader
    // polling twice sees the same snapshot (and takes its ticks once).
    mutable std::mutex convertedMutex_;
    mutable std::shared_ptr<const engines::LocustProgress> convertedFrom_;
    mutable std::shared_ptr<const load::Snapshot> converted_;
};

}  // namespace loadstar::session
