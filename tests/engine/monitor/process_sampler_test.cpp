#include "engine/monitor/process_sampler.h"

#include <chrono>
#include <signal.h>
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
