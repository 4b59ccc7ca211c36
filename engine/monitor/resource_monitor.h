#pragma once

#include <optional>
#include <sys/types.h>

#include "engine/model/json.h"
#include "engine/monitor/machine_sampler.h"
#include "engine/monitor/process_sampler.h"

namespace loadstar::monitor {

// What the monitor saw at one tick: the load engine's own process, the target
// when there is one (the embedded server, a generated app's server with its
// workers, or a pid the user named: the process and its descendants), and the
// whole machine.
struct ResourceSample {
    double elapsedSeconds = 0;
    ProcessSample self;
    std::optional<ProcessSample> target;
    MachineSample machine;

    Json toJson() const;
};

class ResourceMonitor {
  public:
    explicit ResourceMonitor(std::optional<pid_t> target = std::nullopt);
    ResourceSample sample(double elapsedSeconds);

  private:
    ProcessSampler self_;
    std::optional<ProcessSampler> target_;
    MachineSampler machine_;
};

}  // namespace loadstar::monitor
