#include "engine/server/cpu_affinity.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <sched.h>
#include <unistd.h>

#include "engine/monitor/process_sampler.h"

namespace loadstar::server {

namespace {

std::optional<int> number(std::string_view text) {
    int v = -1;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (error != std::errc() || end != text.data() + text.size() || v < 0 || v >= CPU_SETSIZE)
        return std::nullopt;
    return v;
}

}  // namespace

std::variant<std::vector<int>, std::string> parseCpuList(std::string_view text) {
    std::vector<int> cpus;
    const std::string wrong = "\"" + std::string(text) + "\" is not a CPU list such as 0 or 0,2-3";
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        const std::string_view item = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        if (comma != std::string_view::npos && text.empty()) return wrong;
        const std::size_t dash = item.find('-');
        const auto first = number(item.substr(0, dash));
        const auto last = dash == std::string_view::npos ? first : number(item.substr(dash + 1));
        if (!first || !last || *last < *first) return wrong;
        for (int cpu = *first; cpu <= *last; ++cpu)
            cpus.push_back(cpu);
    }
    if (cpus.empty()) return wrong;
    std::sort(cpus.begin(), cpus.end());
    cpus.erase(std::unique(cpus.begin(), cpus.end()), cpus.end());
    const int online = static_cast<int>(::sysconf(_SC_NPROCESSORS_ONLN));
    if (cpus.back() >= online) {
        return "CPU " + std::to_string(cpus.back()) + " does not exist here (this machine has " +
               std::to_string(online) + ", numbered from 0)";
    }
    return cpus;
}

std::string formatCpuList(const std::vector<int>& cpus) {
    std::string text;
    for (std::size_t i = 0; i < cpus.size();) {
        std::size_t j = i;
        while (j + 1 < cpus.size() && cpus[j + 1] == cpus[j] + 1)
            ++j;
        if (!text.empty()) text += ",";
        text += std::to_string(cpus[i]) + (j > i ? "-" + std::to_string(cpus[j]) : "");
        i = j + 1;
    }
    return text;
}

std::optional<std::string> pinProcess(pid_t pid, const std::vector<int>& cpus) {
    cpu_set_t set;
    CPU_ZERO(&set);
    for (const int cpu : cpus)
        CPU_SET(static_cast<std::size_t>(cpu), &set);
    std::error_code ec;
    int pinned = 0;
    for (std::filesystem::directory_iterator it("/proc/" + std::to_string(pid) + "/task", ec), end;
         !ec && it != end; it.increment(ec)) {
        pid_t tid = 0;
        const std::string name = it->path().filename().string();
        std::from_chars(name.data(), name.data() + name.size(), tid);
        if (tid <= 0) continue;
        if (::sched_setaffinity(tid, sizeof set, &set) != 0) {
            if (errno == ESRCH) continue;  // the thread ended meanwhile
            return "cannot pin process " + std::to_string(pid) + " to CPUs " + formatCpuList(cpus) + ": " +
                   std::strerror(errno);
        }
        ++pinned;
    }
    if (pinned == 0) return "cannot pin process " + std::to_string(pid) + ": it is gone";
    return std::nullopt;
}

std::optional<std::string> pinTree(pid_t pid, const std::vector<int>& cpus) {
    if (auto e = pinProcess(pid, cpus)) return e;
    for (const pid_t member : monitor::descendantsOf(pid))
        pinProcess(member, cpus);  // a worker that exits meanwhile is no failure
    return std::nullopt;
}

}  // namespace loadstar::server
