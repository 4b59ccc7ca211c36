#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/load/load_generator.h"
#include "engine/load/load_options.h"
#include "engine/load/request_plan.h"
#include "engine/load/run_output.h"
#include "engine/load/snapshot.h"
#include "engine/monitor/resource_monitor.h"
#include "engine/stats/interval_recorder.h"

namespace loadstar::load {

// Runs one load test: the generator's I/O threads plus a control thread that, once
// per tick, merges the threads' interval histograms, samples the resource monitor
// and publishes a new immutable Snapshot.
class Runner {
  public:
    Runner(LoadOptions options, RequestPlan plan);
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    // Starts; on failure (e.g. the host does not resolve) nothing runs.
    std::optional<std::string> start();
    // From any thread (a signal handler should set a flag and call this from a
    // normal thread): ends the run early; what was measured is kept.
    void stop();
    bool finished() const { return finished_.load(); }
    // The newest snapshot. Readers and the control thread share a mutex held only
    // to copy or swap one pointer; the I/O threads never touch it. (libstdc++ 12's
    // std::atomic<shared_ptr> is lock-based too, and opaque to ThreadSanitizer.)
    std::shared_ptr<const Snapshot> snapshot() const;
    // Blocks until the run has ended.
    const RunOutput& wait();

  private:
    void control();
    void tick(std::chrono::steady_clock::time_point now, bool last);
    // The thresholds judged on what was measured so far.
    std::vector<stats::ThresholdResult> judgedSoFar() const;

    LoadOptions options_;
    RequestPlan plan_;
    stats::IntervalRecorder recorder_;
    LoadGenerator generator_;
    monitor::ResourceMonitor monitor_;
    RunOutput output_;
    // The series as published: every snapshot shares it; ticks [0, published_) were
    // in a snapshot already.
    std::shared_ptr<results::TickLog> history_ = std::make_shared<results::TickLog>();
    std::size_t published_ = 0;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point lastTick_;
    std::optional<std::chrono::steady_clock::time_point> stoppedAt_;
    void publish(std::shared_ptr<const Snapshot> snapshot);

    mutable std::mutex snapshotMutex_;
    std::shared_ptr<const Snapshot> snapshot_;
    std::atomic<bool> finished_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopRequested_ = false;
    std::thread thread_;
};

}  // namespace loadstar::load
