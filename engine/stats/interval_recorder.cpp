#include "engine/stats/interval_recorder.h"

namespace loadstar::stats {

ThreadRecorder::ThreadRecorder(std::size_t endpoints)
    : first_(endpoints), second_(endpoints), active_(&first_) {}

void ThreadRecorder::drainInto(std::vector<RequestStats>& into) {
    std::vector<RequestStats>* retired = nullptr;
    {
        const std::lock_guard lock(mutex_);
        retired = active_;
        active_ = active_ == &first_ ? &second_ : &first_;
    }
    for (std::size_t i = 0; i < retired->size() && i < into.size(); ++i) {
        into[i].merge((*retired)[i]);
        (*retired)[i].reset();
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
