#include "engine/server/worker_pool.h"

#include <atomic>
#include <future>
#include <thread>

#include <gtest/gtest.h>

namespace loadstar::server {
namespace {

using std::chrono::milliseconds;

TEST(WorkerPool, RefusesWorkBeyondBusyWorkersPlusQueue) {
    WorkerPool pool(2, 1);
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<int> started{0};
    const auto job = [&] {
        ++started;
        released.wait();
    };
    EXPECT_TRUE(pool.tryPost(job));
    EXPECT_TRUE(pool.tryPost(job));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (started.load() < 2 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::yield();
    ASSERT_EQ(started.load(), 2);     // both workers busy
    EXPECT_TRUE(pool.tryPost(job));   // one may wait
    EXPECT_FALSE(pool.tryPost(job));  // the next is refused
    EXPECT_EQ(pool.queued(), 1u);
    release.set_value();
    pool.stop();
}

TEST(WorkerPool, StopWakesSleepersEarly) {
    WorkerPool pool(1, 0);
    std::promise<void> sleeping;
    const auto begin = std::chrono::steady_clock::now();
    ASSERT_TRUE(pool.tryPost([&] {
        sleeping.set_value();
        pool.sleepFor(std::chrono::seconds(30));
    }));
    sleeping.get_future().wait();
    pool.stop();
    EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(5));
    EXPECT_FALSE(pool.tryPost([] {}));
}

TEST(WorkerPool, RunsQueuedJobsInOrderOnOneWorker) {
    WorkerPool pool(1, 8);
    std::vector<int> order;
    std::promise<void> done;
    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(pool.tryPost([&order, i] { order.push_back(i); }));
    ASSERT_TRUE(pool.tryPost([&] { done.set_value(); }));
    done.get_future().wait();
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace loadstar::server
