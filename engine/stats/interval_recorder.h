#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "engine/stats/request_stats.h"

namespace loadstar::stats {

// One I/O thread's measurements, double-buffered, recorded without a lock: the
// writer-reader phaser of HdrHistogram's interval recorder, for a single writer.
// The owning thread announces each record with one atomic increment of `start_`,
// whose sign says which buffer is active, writes into that buffer and then
// publishes the end of its record in that buffer's end counter (a plain release
// store: no other thread writes it). The collector flips the sign, so new records
// go to the other buffer, and waits until the end counter of the retired buffer
// has caught up with the start count it took at the flip: from then on the writer
// can no longer be inside it, and the collector merges it without ever blocking
// the writer.
class ThreadRecorder {
  public:
    explicit ThreadRecorder(std::size_t endpoints);

    // Owner thread only: `f(RequestStats&)` on the endpoint's active buffer.
    template <typename F>
    void update(std::size_t endpoint, F&& f) {
        const std::int64_t epoch = start_.fetch_add(1, std::memory_order_acq_rel);
        const std::size_t phase = epoch < 0 ? 1 : 0;
        f(buffers_[phase][endpoint]);
        std::atomic<std::int64_t>& end = end_[phase];
        end.store(end.load(std::memory_order_relaxed) + 1, std::memory_order_release);
    }

    // Collector only: retires the active buffer, adds it into `into` (one entry per
    // endpoint) and clears it for the next swap.
    void drainInto(std::vector<RequestStats>& into);

  private:
    static constexpr std::int64_t kOddStart = std::numeric_limits<std::int64_t>::min();

    // Counts start at 0 in the even phase (buffer 0) and at kOddStart in the odd one
    // (buffer 1), so the sign of a count names its buffer.
    std::atomic<std::int64_t> start_{0};
    std::array<std::atomic<std::int64_t>, 2> end_{0, kOddStart};
    std::array<std::vector<RequestStats>, 2> buffers_;
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
