#include "engine/monitor/resource_monitor.h"

#include <unistd.h>

namespace loadstar::monitor {

Json ResourceSample::toJson() const {
    Json j{{"t", elapsedSeconds}, {"self", self.toJson()}};
    if (target) j["target"] = target->toJson();
    j["machine"] = machine.toJson();
    return j;
}

ResourceMonitor::ResourceMonitor(std::optional<pid_t> target) : self_(::getpid()) {
    if (target) target_.emplace(*target, SampleScope::Tree);
}

ResourceSample ResourceMonitor::sample(double elapsedSeconds) {
    ResourceSample s;
    s.elapsedSeconds = elapsedSeconds;
    s.self = self_.sample();
    if (target_) s.target = target_->sample();
    s.machine = machine_.sample();
    return s;
}

}  // namespace loadstar::monitor
