#pragma once

#include <cstdint>

#include "engine/model/json.h"

namespace loadstar::monitor {

// The whole machine's busy share from /proc/stat: 100 = every core busy.
struct MachineSample {
    double cpuPercent = 0;
    int cpus = 0;

    Json toJson() const;
};

class MachineSampler {
  public:
    MachineSampler();
    MachineSample sample();

  private:
    std::uint64_t previousBusy_ = 0;
    std::uint64_t previousTotal_ = 0;
};

}  // namespace loadstar::monitor
