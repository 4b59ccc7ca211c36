#include "engine/server/worker_pool.h"

#include <algorithm>

namespace loadstar::server {

WorkerPool::WorkerPool(int workers, int queueSize)
    : workers_(static_cast<std::size_t>(std::max(1, workers))),
      capacity_(static_cast<std::size_t>(std::max(0, queueSize))) {
    threads_.reserve(workers_);
    for (std::size_t i = 0; i < workers_; ++i)
        threads_.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool() {
    stop();
}

bool WorkerPool::tryPost(std::function<void()> job) {
    {
        const std::lock_guard lock(mutex_);
        // Counted as accepted-and-unfinished, so that a job not yet picked up by an idle
        // worker does not take a queue place.
        if (stopped_ || queue_.size() + running_ >= capacity_ + workers_) return false;
        queue_.push_back(std::move(job));
    }
    wake_.notify_one();
    return true;
}

void WorkerPool::sleepFor(std::chrono::microseconds duration) {
    std::unique_lock lock(mutex_);
    stopping_.wait_for(lock, duration, [this] { return stopped_; });
}

void WorkerPool::stop() {
    std::deque<std::function<void()>> abandoned;  // destroyed outside the lock
    {
        const std::lock_guard lock(mutex_);
        if (stopped_ && threads_.empty()) return;
        stopped_ = true;
        abandoned.swap(queue_);
    }
    wake_.notify_all();
    stopping_.notify_all();
    for (std::thread& thread : threads_) {
        if (thread.joinable()) thread.join();
    }
    threads_.clear();
}

std::size_t WorkerPool::queued() const {
    const std::lock_guard lock(mutex_);
    return queue_.size();
}

void WorkerPool::run() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopped_ || !queue_.empty(); });
            if (stopped_) return;
            job = std::move(queue_.front());
            queue_.pop_front();
            ++running_;
        }
        job();
        job = nullptr;
        const std::lock_guard lock(mutex_);
        --running_;
    }
}

}  // namespace loadstar::server
