#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <sys/types.h>

#include "engine/model/json.h"

namespace loadstar::monitor {

// One process at one instant, read from /proc/PID.
struct ProcessSample {
    bool alive = false;
    double cpuPercent = 0;  // user + system since the previous sample; 100 = one core
    std::uint64_t rssBytes = 0;
    int threads = 0;
    int openFds = 0;

    Json toJson() const;
};

// Samples one pid. CPU % is a rate, so the first sample reports the CPU used
// since the sampler was made (construction takes a baseline reading).
class ProcessSampler {
  public:
    explicit ProcessSampler(pid_t pid);
    ProcessSample sample();
    pid_t pid() const { return pid_; }

  private:
    struct CpuReading {
        std::uint64_t ticks = 0;  // utime + stime in clock ticks
        std::chrono::steady_clock::time_point at;
    };
    pid_t pid_;
    std::optional<CpuReading> previous_;
};

}  // namespace loadstar::monitor
