#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <sys/types.h>
#include <thread>
#include <variant>
#include <vector>

#include "engine/engines/child_process.h"
#include "engine/engines/load_shape.h"
#include "engine/engines/locust_csv.h"
#include "engine/model/project.h"
#include "engine/results/run_result.h"
#include "engine/results/tick_log.h"

namespace loadstar::engines {

struct LocustRunOptions {
    std::string locust = "locust";  // the command; looked up on PATH unless it holds a '/'
    std::filesystem::path workDir;  // the locustfile, its data, Locust's CSV files and logs
    std::string targetUrl;          // the base URL (Locust's --host)
    int localWorkers = 1;           // workers started on this machine
    int expectedWorkers = 1;        // the master starts when this many have joined; 0: no master
    std::string masterBindHost = "127.0.0.1";
    int masterBindPort = 0;          // 0: a free port
    std::optional<pid_t> targetPid;  // sampled as the target's CPU and memory
};

// What a Locust run looks like while it runs, in the values of a native run's
// snapshot (load::Snapshot), which the session makes of it.
struct LocustProgress {
    enum class Phase { WaitingForWorkers, Running, Stopping, Finished };
    Phase phase = Phase::WaitingForWorkers;
    int workersReady = 0;
    int workersExpected = 0;
    double elapsed = 0;  // seconds since the load started
    double total = 0;    // planned, warm-up included
    int stage = -1;
    int stageCount = 1;
    double level = 0;
    int users = 0;
    std::vector<std::string> endpointIds;
    stats::Summary totals;  // the measured part so far (the warm-up's during the warm-up)
    std::vector<stats::Summary> endpointTotals;
    // The ticks since the previous progress (ticks number firstTick, firstTick + 1,
    // ... of the run) and every tick so far, as in load::Snapshot.
    std::size_t firstTick = 0;
    results::Series ticks;
    std::shared_ptr<const results::TickLog> history;
};

// A scenario run by Locust: exported into the work folder, a headless master
// expecting N workers and N local workers started, its statistics followed while
// it runs, the result made when it ends.
//
// The statistics are followed through Locust's CSV history (--csv with
// --csv-full-history), not its web API: headless is how Locust runs unattended
// (in CI, on a cluster) and then it serves no web UI; the files need no port
// opened on the master; they are the same files `loadstar import-results` reads,
// so what was watched and what is imported agree; and they stay on disk if
// Loadstar stops first. The cost is a tick of one second (the exported
// locustfile flushes every second), and Locust's per-second percentiles are over
// its 10-second window whichever way they are read.
class LocustRun {
  public:
    static std::variant<std::unique_ptr<LocustRun>, std::string> start(const model::Project& project,
                                                                       const model::Scenario& scenario,
                                                                       LocustRunOptions options);
    ~LocustRun();  // stops Locust and waits for its processes
    LocustRun(const LocustRun&) = delete;
    LocustRun& operator=(const LocustRun&) = delete;

    // From any thread: asks the master to stop (SIGTERM: Locust stops its workers,
    // writes its statistics and runs the locustfile's end-of-test code).
    void stop();
    bool finished() const;
    std::shared_ptr<const LocustProgress> progress() const;
    // Blocks until Locust has ended; the result, or why there is none.
    std::variant<results::RunResult, std::string> wait();

    // The command a worker on another machine runs to join (after copying the
    // locustfile and its data file there); empty when no master runs.
    const std::string& workerCommand() const { return workerCommand_; }
    const std::filesystem::path& locustfile() const { return locustfile_; }
    const std::filesystem::path& workDir() const { return options_.workDir; }
    // The processes started on this machine, the master first.
    std::vector<pid_t> pids() const;

  private:
    LocustRun() = default;
    void follow();
    void readHistory();
    void publish(LocustProgress::Phase phase);
    // Moves the ticks not published yet into `progress` (and the shared history).
    void handOverTicks(LocustProgress& progress);
    std::variant<results::RunResult, std::string> makeResult();
    std::string logTail() const;

    LocustRunOptions options_;
    model::Scenario scenario_;
    LoadShape shape_;
    std::vector<std::string> endpointIds_;
    std::filesystem::path locustfile_;
    std::string workerCommand_;
    std::optional<ChildProcess> master_;
    std::vector<ChildProcess> workers_;
    std::chrono::system_clock::time_point startedAt_;

    // The follower's state (its thread only).
    LocustHistoryReader reader_;
    std::uintmax_t historyOffset_ = 0;
    std::vector<LocustHistoryRow> history_;
    std::optional<std::int64_t> loadStartedAt_;  // the history's timestamp when the users started
    std::optional<LocustHistoryRow> lastAggregated_;
    std::vector<std::optional<LocustHistoryRow>> lastEndpointRows_;
    std::vector<std::optional<LocustHistoryRow>> currentEndpointRows_;
    results::Series series_;
    // The ticks as published: series_[0, publishedTicks_) went out in a progress.
    std::shared_ptr<results::TickLog> tickLog_ = std::make_shared<results::TickLog>();
    std::size_t publishedTicks_ = 0;
    struct Samplers;
    std::unique_ptr<Samplers> samplers_;

    mutable std::mutex mutex_;
    std::shared_ptr<const LocustProgress> progress_;
    bool stopRequested_ = false;
    bool finished_ = false;
    std::optional<std::variant<results::RunResult, std::string>> result_;
    std::thread thread_;
};

}  // namespace loadstar::engines
