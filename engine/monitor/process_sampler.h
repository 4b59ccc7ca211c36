#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <sys/types.h>
#include <vector>

#include "engine/model/json.h"

namespace loadstar::monitor {

// One process (or process tree) at one instant, read from /proc.
struct ProcessSample {
    bool alive = false;
    double cpuPercent = 0;  // user + system since the previous sample; 100 = one core
    std::uint64_t rssBytes = 0;
    int threads = 0;
    int openFds = 0;
    int processes = 0;  // how many processes the figures add up (1 unless a tree is sampled)

    Json toJson() const;
};

// What a sampler adds up: one process, or a process and all its descendants (a
// gunicorn or uvicorn master with its workers), found again at every sample so
// that a worker restarted mid-run is counted.
enum class SampleScope { Process, Tree };

// Where the children of a process are read from: the kernel's per-thread
// `/proc/PID/task/TID/children` lists (CONFIG_PROC_CHILDREN, Debian's kernels have
// it), or every `/proc/PID/stat`'s parent pid (always there, slower). Auto uses the
// lists when the kernel has them.
enum class ChildrenSource { Auto, ChildrenFiles, StatScan };

// The descendants of `pid` (children, grandchildren, ...), without `pid` itself,
// in no particular order.
std::vector<pid_t> descendantsOf(pid_t pid, ChildrenSource source = ChildrenSource::Auto);

// Samples one pid, or its tree. CPU % is a rate, so the first sample reports the
// CPU used since the sampler was made (construction takes a baseline reading).
//
// A tree's CPU counts each member's own time plus the time of its children that
// it has already reaped (cutime/cstime): when a worker exits and its master
// reaps it, its time moves from the worker's line to the master's, so the sum
// runs on without a jump or a double count. RSS is the members' sum, shared pages
// counted in each process that maps them (what `ps` shows).
class ProcessSampler {
  public:
    explicit ProcessSampler(pid_t pid, SampleScope scope = SampleScope::Process);
    ProcessSample sample();
    pid_t pid() const { return pid_; }
    SampleScope scope() const { return scope_; }

  private:
    struct CpuReading {
        std::uint64_t ticks = 0;  // in clock ticks
        std::chrono::steady_clock::time_point at;
    };
    std::optional<std::uint64_t> read(ProcessSample& into) const;

    pid_t pid_;
    SampleScope scope_;
    std::optional<CpuReading> previous_;
};

}  // namespace loadstar::monitor
