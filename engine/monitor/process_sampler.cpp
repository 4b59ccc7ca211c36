#include "engine/monitor/process_sampler.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>

namespace loadstar::monitor {

namespace {

struct StatFields {
    std::uint64_t ticks = 0;
    int threads = 0;
    std::uint64_t rssPages = 0;
};

// /proc/PID/stat: the command name is in parentheses and may hold spaces, so the
// numbered fields are counted from the last ')'. utime and stime are fields 14 and
// 15, num_threads 20, rss 24.
std::optional<StatFields> readStat(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(in, text)) return std::nullopt;
    const std::size_t close = text.rfind(')');
    if (close == std::string::npos) return std::nullopt;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    StatFields out;
    std::uint64_t utime = 0;
    for (int number = 3; fields >> field; ++number) {
        if (number == 3 && field == "Z") return std::nullopt;  // a zombie is gone for our purposes
        if (number == 14) utime = std::stoull(field);
        if (number == 15) out.ticks = utime + std::stoull(field);
        if (number == 20) out.threads = std::stoi(field);
        if (number == 24) {
            out.rssPages = std::stoull(field);
            return out;
        }
    }
    return std::nullopt;
}

int countOpenFds(pid_t pid) {
    std::error_code ec;
    int n = 0;
    for (std::filesystem::directory_iterator it("/proc/" + std::to_string(pid) + "/fd", ec), end;
         !ec && it != end; it.increment(ec))
        ++n;
    return n;
}

}  // namespace

Json ProcessSample::toJson() const {
    return Json{{"alive", alive},
                {"cpu_percent", cpuPercent},
                {"rss_bytes", rssBytes},
                {"threads", threads},
                {"open_fds", openFds}};
}

ProcessSampler::ProcessSampler(pid_t pid) : pid_(pid) {
    if (const auto stat = readStat(pid_))
        previous_ = CpuReading{stat->ticks, std::chrono::steady_clock::now()};
}

ProcessSample ProcessSampler::sample() {
    ProcessSample s;
    const auto stat = readStat(pid_);
    const auto now = std::chrono::steady_clock::now();
    if (!stat) return s;
    s.alive = true;
    s.threads = stat->threads;
    s.rssBytes = stat->rssPages * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
    s.openFds = countOpenFds(pid_);
    if (previous_) {
        const double wall = std::chrono::duration<double>(now - previous_->at).count();
        const double ticksPerSecond = static_cast<double>(::sysconf(_SC_CLK_TCK));
        const double cpu = static_cast<double>(stat->ticks - previous_->ticks) / ticksPerSecond;
        if (wall > 0 && stat->ticks >= previous_->ticks) s.cpuPercent = 100.0 * cpu / wall;
    }
    previous_ = CpuReading{stat->ticks, now};
    return s;
}

}  // namespace loadstar::monitor
