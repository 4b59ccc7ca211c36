#include "engine/monitor/process_sampler.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

#include "engine/monitor/machine_sampler.h"
#include "engine/monitor/resource_monitor.h"

namespace loadstar::monitor {
namespace {

using namespace std::chrono_literals;

TEST(ProcessSampler, ReadsTheOwnProcess) {
    ProcessSampler sampler(::getpid());
    std::vector<char> touched(32 << 20, 1);  // 32 MiB resident
    const ProcessSample s = sampler.sample();
    EXPECT_TRUE(s.alive);
    EXPECT_GE(s.rssBytes, touched.size());
    EXPECT_GE(s.threads, 1);
    EXPECT_GE(s.openFds, 3) << "stdin, stdout, stderr at least";
}

TEST(ProcessSampler, CountsThreadsAndFds) {
    ProcessSampler sampler(::getpid());
    // A sanitizer may start a runtime thread with the first thread; let it exist first.
    std::thread([] {}).join();
    const ProcessSample before = sampler.sample();
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < 3; ++i)
        threads.emplace_back([&] {
            while (!stop)
                std::this_thread::sleep_for(1ms);
        });
    const ProcessSample during = sampler.sample();
    stop = true;
    for (auto& t : threads)
        t.join();
    ::close(fds[0]);
    ::close(fds[1]);
    EXPECT_EQ(during.threads, before.threads + 3);
    EXPECT_EQ(during.openFds, before.openFds + 2);
}

TEST(ProcessSampler, MeasuresABusyChildAndNoticesItsEnd) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // Spin for at most 3 s, so that a failing test cannot leave it behind.
        const auto end = std::chrono::steady_clock::now() + 3s;
        volatile std::uint64_t x = 0;
        while (std::chrono::steady_clock::now() < end)
            x = x + 1;
        ::_exit(0);
    }
    ProcessSampler sampler(child);
    std::this_thread::sleep_for(600ms);
    const ProcessSample busy = sampler.sample();
    EXPECT_TRUE(busy.alive);
    EXPECT_GE(busy.threads, 1) << "one, plus a sanitizer runtime thread under TSan";
    EXPECT_LE(busy.threads, 2);
    // On a shared, loaded machine the child gets some of a core, not necessarily
    // most (23% was seen at load 15 on 2 cores); an idle process reads ~0 (below).
    EXPECT_GT(busy.cpuPercent, 5.0);
    EXPECT_LT(busy.cpuPercent, 110.0);

    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    EXPECT_FALSE(sampler.sample().alive);
}

TEST(ProcessSampler, AnIdleProcessUsesNoCpu) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::sleep(3);
        ::_exit(0);
    }
    ProcessSampler sampler(child);
    std::this_thread::sleep_for(300ms);
    const ProcessSample s = sampler.sample();
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    EXPECT_TRUE(s.alive);
    EXPECT_LT(s.cpuPercent, 5.0);
}

// Spins for `duration` in this (forked) process.
void spin(std::chrono::milliseconds duration) {
    const auto end = std::chrono::steady_clock::now() + duration;
    volatile std::uint64_t x = 0;
    while (std::chrono::steady_clock::now() < end)
        x = x + 1;
}

// A forked child that forks `workers` grandchildren, each holding `megabytes` of
// its own memory and spinning for up to 3 s (so a failing test leaves nothing
// behind), while the child itself sleeps.
pid_t forkTree(int workers, std::size_t megabytes) {
    const pid_t root = ::fork();
    if (root != 0) return root;
    for (int i = 0; i < workers; ++i) {
        if (::fork() == 0) {
            std::vector<char> own(megabytes << 20);
            std::memset(own.data(), 1, own.size());
            spin(3s);
            ::_exit(0);
        }
    }
    ::sleep(3);
    ::_exit(0);
}

void killTree(pid_t root) {
    for (const pid_t p : descendantsOf(root))
        ::kill(p, SIGKILL);
    ::kill(root, SIGKILL);
    ::waitpid(root, nullptr, 0);
}

TEST(ProcessSampler, AddsUpATreeOfWorkers) {
    const pid_t root = forkTree(2, 24);
    ASSERT_GT(root, 0);
    // Both workers forked and touched their memory.
    const auto until = std::chrono::steady_clock::now() + 2s;
    while (std::chrono::steady_clock::now() < until &&
           ProcessSampler(root, SampleScope::Tree).sample().rssBytes < (48u << 20))
        std::this_thread::sleep_for(20ms);
    ProcessSampler tree(root, SampleScope::Tree);
    ProcessSampler alone(root, SampleScope::Process);
    std::this_thread::sleep_for(500ms);
    const ProcessSample t = tree.sample();
    const ProcessSample a = alone.sample();
    const std::vector<pid_t> members = descendantsOf(root);
    killTree(root);

    EXPECT_EQ(members.size(), 2u);
    EXPECT_TRUE(t.alive);
    EXPECT_EQ(t.processes, 3);
    EXPECT_EQ(a.processes, 1);
    EXPECT_GE(t.rssBytes, a.rssBytes + (48u << 20)) << "each worker's own 24 MiB";
    EXPECT_GE(t.threads, 3);
    EXPECT_GE(t.openFds, a.openFds);
    EXPECT_LT(a.cpuPercent, 5.0) << "the root only sleeps";
    EXPECT_GT(t.cpuPercent, 5.0) << "two spinning workers, on however busy a machine";
    EXPECT_LT(t.cpuPercent, 100.0 * std::thread::hardware_concurrency() + 10);
    EXPECT_EQ(t.toJson()["processes"], 3);
    EXPECT_FALSE(ProcessSampler(root, SampleScope::Tree).sample().alive);
}

TEST(ProcessSampler, BothWaysOfFindingChildrenAgree) {
    const pid_t root = forkTree(3, 1);
    ASSERT_GT(root, 0);
    const auto until = std::chrono::steady_clock::now() + 2s;
    while (std::chrono::steady_clock::now() < until && descendantsOf(root).size() < 3)
        std::this_thread::sleep_for(10ms);
    std::vector<pid_t> scanned = descendantsOf(root, ChildrenSource::StatScan);
    std::vector<pid_t> listed = descendantsOf(root, ChildrenSource::Auto);
    killTree(root);
    std::sort(scanned.begin(), scanned.end());
    std::sort(listed.begin(), listed.end());
    EXPECT_EQ(scanned.size(), 3u);
    EXPECT_EQ(scanned, listed);
}

// A worker that exits and is reaped by its master moves its CPU time into the
// master's cutime: the tree's figures, added up over time, must come to exactly
// what the kernel accounts for the whole tree (no time lost, none counted twice).
TEST(ProcessSampler, AWorkerThatExitsKeepsItsCpuTimeInTheTree) {
    int go[2];
    ASSERT_EQ(::pipe(go), 0);
    const pid_t root = ::fork();
    ASSERT_GE(root, 0);
    if (root == 0) {
        char c = 0;
        if (::read(go[0], &c, 1) != 1) ::_exit(1);
        const pid_t worker = ::fork();
        if (worker == 0) {
            spin(450ms);
            ::_exit(0);
        }
        ::waitpid(worker, nullptr, 0);
        ::usleep(400'000);
        ::_exit(0);
    }
    ::close(go[0]);
    ProcessSampler tree(root, SampleScope::Tree);
    const auto start = std::chrono::steady_clock::now();
    ASSERT_EQ(::write(go[1], "x", 1), 1);
    ::close(go[1]);
    double cpuSeconds = 0;
    auto last = start;
    for (;;) {
        std::this_thread::sleep_for(150ms);
        const ProcessSample s = tree.sample();
        const auto now = std::chrono::steady_clock::now();
        if (!s.alive) break;
        cpuSeconds += s.cpuPercent / 100.0 * std::chrono::duration<double>(now - last).count();
        last = now;
    }
    int status = 0;
    rusage usage{};
    ASSERT_EQ(::wait4(root, &status, 0, &usage), root);
    const double kernel = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                          static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    EXPECT_GT(kernel, 0.02) << "the worker spun";
    // The sampler reads clock ticks (10 ms); a tick or two of rounding either way.
    EXPECT_NEAR(cpuSeconds, kernel, 0.035);
}

TEST(MachineSampler, ReportsABusyShareBetweenZeroAndAHundred) {
    MachineSampler sampler;
    const auto end = std::chrono::steady_clock::now() + 300ms;
    volatile std::uint64_t x = 0;
    while (std::chrono::steady_clock::now() < end)
        x = x + 1;
    const MachineSample s = sampler.sample();
    EXPECT_GE(s.cpus, 1);
    EXPECT_GT(s.cpuPercent, 100.0 / s.cpus / 3) << "this thread alone kept one core busy";
    EXPECT_LE(s.cpuPercent, 100.0);
}

TEST(ResourceMonitor, SamplesSelfTargetAndMachine) {
    ResourceMonitor monitor(::getppid());
    const ResourceSample s = monitor.sample(1.5);
    EXPECT_TRUE(s.self.alive);
    ASSERT_TRUE(s.target.has_value());
    EXPECT_TRUE(s.target->alive);
    const Json j = s.toJson();
    EXPECT_EQ(j["t"], 1.5);
    EXPECT_TRUE(j["self"]["rss_bytes"].get<std::uint64_t>() > 0);
    EXPECT_TRUE(j.contains("target"));
    EXPECT_FALSE(ResourceMonitor().sample(0).target.has_value());
}

}  // namespace
}  // namespace loadstar::monitor
