#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace loadstar::server {

// W blocking workers behind a bounded queue, like gunicorn's sync workers: a job
// occupies its worker for its whole duration (sleeps included), and when every worker
// is busy and the queue is full, new work is refused so the caller can answer 503.
class WorkerPool {
  public:
    WorkerPool(int workers, int queueSize);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // False when every worker is busy and `queueSize` jobs already wait, or when stopping.
    bool tryPost(std::function<void()> job);

    // Sleeps like a blocking I/O call, but wakes early when the pool stops.
    void sleepFor(std::chrono::microseconds duration);

    // Wakes sleepers, runs no more queued jobs and joins the workers.
    void stop();

    std::size_t queued() const;

  private:
    void run();

    const std::size_t workers_;
    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable stopping_;
    std::deque<std::function<void()>> queue_;
    std::size_t running_ = 0;
    bool stopped_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace loadstar::server
