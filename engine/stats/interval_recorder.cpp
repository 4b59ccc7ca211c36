#include "engine/stats/interval_recorder.h"

#include <thread>

namespace loadstar::stats {

ThreadRecorder::ThreadRecorder(std::size_t endpoints)
    : buffers_{std::vector<RequestStats>(endpoints), std::vector<RequestStats>(endpoints)} {}

void ThreadRecorder::drainInto(std::vector<RequestStats>& into) {
    const bool nextIsOdd = start_.load(std::memory_order_relaxed) >= 0;
    const std::size_t retired = nextIsOdd ? 0 : 1;
    const std::size_t next = 1 - retired;
    const std::int64_t nextStart = nextIsOdd ? kOddStart : 0;
    // No record is in the next buffer yet: the previous drain waited them all out.
    end_[next].store(nextStart, std::memory_order_relaxed);
    const std::int64_t startedAtFlip = start_.exchange(nextStart, std::memory_order_acq_rel);
    // A record announced before the flip is at most one record's work from its end.
    while (end_[retired].load(std::memory_order_acquire) != startedAtFlip)
        std::this_thread::yield();
    std::vector<RequestStats>& buffer = buffers_[retired];
    for (std::size_t i = 0; i < buffer.size() && i < into.size(); ++i) {
        into[i].merge(buffer[i]);
        buffer[i].reset();
    }
}

IntervalRecorder::IntervalRecorder(std::size_t endpoints, std::size_t threads)
    : endpoints_(endpoints), interval_(endpoints) {
    threads_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i)
        threads_.push_back(std::make_unique<ThreadRecorder>(endpoints));
}

const std::vector<RequestStats>& IntervalRecorder::collect() {
    for (RequestStats& s : interval_)
        s.reset();
    for (const auto& t : threads_)
        t->drainInto(interval_);
    return interval_;
}

}  // namespace loadstar::stats
