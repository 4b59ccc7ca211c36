#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "engine/stats/request_stats.h"

namespace loadstar::stats {

// One I/O thread's measurements, double-buffered. The owning thread records into
// the active buffer under a mutex that only it and the once-per-tick collector
// ever take, so the lock is uncontended except for the instant of the swap; the
// collector then merges the retired buffer without holding it.
class ThreadRecorder {
  public:
    explicit ThreadRecorder(std::size_t endpoints);

    // Owner thread only: `f(RequestStats&)` on the endpoint's active buffer.
    template <typename F>
    void update(std::size_t endpoint, F&& f) {
        const std::lock_guard lock(mutex_);
        f((*active_)[endpoint]);
    }

    // Collector only: retires the active buffer, adds it into `into` (one entry per
    // endpoint) and clears it for the next swap.
    void drainInto(std::vector<RequestStats>& into);

  private:
    std::mutex mutex_;
    std::vector<RequestStats> first_;
    std::vector<RequestStats> second_;
    std::vector<RequestStats>* active_;
};

// The per-thread recorders of a run and the tick-time merge of their intervals.
class IntervalRecorder {
  public:
    IntervalRecorder(std::size_t endpoints, std::size_t threads);

    std::size_t endpoints() const { return endpoints_; }
    std::size_t threadCount() const { return threads_.size(); }
    ThreadRecorder& thread(std::size_t index) { return *threads_[index]; }

    // One collector thread only. Per endpoint, everything recorded since the last
    // call; the reference stays valid until the next call.
    const std::vector<RequestStats>& collect();

  private:
    std::size_t endpoints_;
    std::vector<std::unique_ptr<ThreadRecorder>> threads_;
    std::vector<RequestStats> interval_;
};

}  // namespace loadstar::stats
