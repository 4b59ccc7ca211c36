#include "engine/monitor/machine_sampler.h"

#include <fstream>
#include <string>
#include <thread>

namespace loadstar::monitor {

namespace {

bool readMachineTicks(std::uint64_t& busy, std::uint64_t& total) {
    std::ifstream in("/proc/stat");
    std::string label;
    if (!(in >> label) || label != "cpu") return false;
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    std::uint64_t values[8] = {};
    for (std::uint64_t& v : values) {
        if (!(in >> v)) return false;
    }
    total = 0;
    for (const std::uint64_t v : values)
        total += v;
    busy = total - values[3] - values[4];
    return true;
}

}  // namespace

Json MachineSample::toJson() const {
    return Json{{"cpu_percent", cpuPercent}, {"cpus", cpus}};
}

MachineSampler::MachineSampler() {
    readMachineTicks(previousBusy_, previousTotal_);
}

MachineSample MachineSampler::sample() {
    MachineSample s;
    s.cpus = static_cast<int>(std::thread::hardware_concurrency());
    std::uint64_t busy = 0;
    std::uint64_t total = 0;
    if (!readMachineTicks(busy, total)) return s;
    if (total > previousTotal_ && busy >= previousBusy_) {
        s.cpuPercent =
            100.0 * static_cast<double>(busy - previousBusy_) / static_cast<double>(total - previousTotal_);
    }
    previousBusy_ = busy;
    previousTotal_ = total;
    return s;
}

}  // namespace loadstar::monitor
