#include "engine/monitor/process_sampler.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>

namespace loadstar::monitor {

namespace {

struct StatFields {
    bool zombie = false;
    pid_t parent = 0;
    std::uint64_t ticks = 0;        // utime + stime
    std::uint64_t reapedTicks = 0;  // cutime + cstime: children waited for
    int threads = 0;
    std::uint64_t rssPages = 0;
};

std::uint64_t toUnsigned(const std::string& field) {
    std::uint64_t v = 0;
    std::from_chars(field.data(), field.data() + field.size(), v);
    return v;
}

// /proc/PID/stat: the command name is in parentheses and may hold spaces, so the
// numbered fields are counted from the last ')'. state is field 3, ppid 4, utime
// and stime 14 and 15, cutime and cstime 16 and 17, num_threads 20, rss 24.
std::optional<StatFields> readStat(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(in, text)) return std::nullopt;
    const std::size_t close = text.rfind(')');
    if (close == std::string::npos || close + 2 > text.size()) return std::nullopt;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    StatFields out;
    for (int number = 3; fields >> field; ++number) {
        switch (number) {
            case 3:
                out.zombie = field == "Z" || field == "X";
                break;
            case 4:
                out.parent = static_cast<pid_t>(toUnsigned(field));
                break;
            case 14:
            case 15:
                out.ticks += toUnsigned(field);
                break;
            case 16:
            case 17:
                out.reapedTicks += toUnsigned(field);
                break;
            case 20:
                out.threads = static_cast<int>(toUnsigned(field));
                break;
            case 24:
                out.rssPages = toUnsigned(field);
                return out;
            default:
                break;
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

std::optional<pid_t> pidOf(const std::string& name) {
    pid_t pid = 0;
    const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), pid);
    if (error != std::errc() || end != name.data() + name.size() || pid <= 0) return std::nullopt;
    return pid;
}

bool haveChildrenFiles() {
    static const bool have = [] {
        const std::string self = std::to_string(::getpid());
        return std::filesystem::exists("/proc/" + self + "/task/" + self + "/children");
    }();
    return have;
}

// The direct children of `pid`: each of its threads lists the children it forked.
std::vector<pid_t> childrenFromFiles(pid_t pid) {
    std::vector<pid_t> out;
    std::error_code ec;
    for (std::filesystem::directory_iterator it("/proc/" + std::to_string(pid) + "/task", ec), end;
         !ec && it != end; it.increment(ec)) {
        std::ifstream in(it->path() / "children");
        std::string child;
        while (in >> child) {
            if (const auto p = pidOf(child)) out.push_back(*p);
        }
    }
    return out;
}

std::unordered_map<pid_t, std::vector<pid_t>> childrenByParent() {
    std::unordered_map<pid_t, std::vector<pid_t>> out;
    std::error_code ec;
    for (std::filesystem::directory_iterator it("/proc", ec), end; !ec && it != end; it.increment(ec)) {
        const auto pid = pidOf(it->path().filename().string());
        if (!pid) continue;
        if (const auto stat = readStat(*pid)) out[stat->parent].push_back(*pid);
    }
    return out;
}

}  // namespace

std::vector<pid_t> descendantsOf(pid_t pid, ChildrenSource source) {
    const bool files =
        source == ChildrenSource::ChildrenFiles || (source == ChildrenSource::Auto && haveChildrenFiles());
    std::unordered_map<pid_t, std::vector<pid_t>> byParent;
    if (!files) byParent = childrenByParent();
    std::vector<pid_t> out;
    std::unordered_set<pid_t> seen{pid};  // pids are reused: never walk in a circle
    std::vector<pid_t> open{pid};
    while (!open.empty()) {
        const pid_t parent = open.back();
        open.pop_back();
        const std::vector<pid_t> children = files ? childrenFromFiles(parent) : byParent[parent];
        for (const pid_t child : children) {
            if (!seen.insert(child).second) continue;
            out.push_back(child);
            open.push_back(child);
        }
    }
    return out;
}

Json ProcessSample::toJson() const {
    return Json{{"alive", alive},     {"cpu_percent", cpuPercent}, {"rss_bytes", rssBytes},
                {"threads", threads}, {"open_fds", openFds},       {"processes", processes}};
}

ProcessSampler::ProcessSampler(pid_t pid, SampleScope scope) : pid_(pid), scope_(scope) {
    ProcessSample ignored;
    if (const auto ticks = read(ignored)) previous_ = CpuReading{*ticks, std::chrono::steady_clock::now()};
}

// Fills everything but the CPU rate and returns the CPU ticks to take it from;
// nullopt when the process is gone.
std::optional<std::uint64_t> ProcessSampler::read(ProcessSample& into) const {
    const auto root = readStat(pid_);
    if (!root || root->zombie) return std::nullopt;  // a zombie is gone for our purposes
    const auto pageSize = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
    into.alive = true;
    into.processes = 1;
    into.threads = root->threads;
    into.rssBytes = root->rssPages * pageSize;
    into.openFds = countOpenFds(pid_);
    if (scope_ == SampleScope::Process) return root->ticks;

    std::uint64_t ticks = root->ticks + root->reapedTicks;
    for (const pid_t member : descendantsOf(pid_)) {
        const auto stat = readStat(member);
        if (!stat) continue;  // exited between the listing and the read
        // An exited worker not yet reaped still holds its CPU time until its
        // parent's cutime takes it over.
        ticks += stat->ticks + stat->reapedTicks;
        if (stat->zombie) continue;
        ++into.processes;
        into.threads += stat->threads;
        into.rssBytes += stat->rssPages * pageSize;
        into.openFds += countOpenFds(member);
    }
    return ticks;
}

ProcessSample ProcessSampler::sample() {
    ProcessSample s;
    const auto ticks = read(s);
    const auto now = std::chrono::steady_clock::now();
    if (!ticks) return ProcessSample{};
    if (previous_) {
        const double wall = std::chrono::duration<double>(now - previous_->at).count();
        const double ticksPerSecond = static_cast<double>(::sysconf(_SC_CLK_TCK));
        // A tree's sum can go down when a member leaves it (an orphan reaped by
        // init takes its time along): that interval reads 0, not a negative rate.
        if (wall > 0 && *ticks >= previous_->ticks) {
            s.cpuPercent = 100.0 * static_cast<double>(*ticks - previous_->ticks) / ticksPerSecond / wall;
        }
    }
    previous_ = CpuReading{*ticks, now};
    return s;
}

}  // namespace loadstar::monitor
