#include "engine/server/batcher.h"

#include <algorithm>

#include <boost/asio/post.hpp>

namespace loadstar::server {

Batcher::Batcher(net::io_context& context, const model::Batching& settings)
    : strand_(net::make_strand(context)), window_(strand_), processor_(strand_), settings_(settings) {}

void Batcher::submit(Done done) {
    net::post(strand_, [this, done = std::move(done)]() mutable { add(std::move(done)); });
}

void Batcher::add(Done done) {
    pending_.push_back({std::move(done), Clock::now(), model::Duration(0)});
    if (pending_.size() >= static_cast<std::size_t>(std::max(1, settings_.maxBatch))) {
        closeWindow();
    } else if (pending_.size() == 1) {
        window_.expires_after(settings_.window);
        window_.async_wait([this, generation = generation_](boost::system::error_code ec) {
            if (!ec && generation == generation_) closeWindow();
        });
    }
}

void Batcher::closeWindow() {
    ++generation_;
    window_.cancel();
    batches_.push_back(std::move(pending_));
    pending_.clear();
    runNext();
}

void Batcher::runNext() {
    if (busy_ || batches_.empty()) return;
    busy_ = true;
    current_ = std::move(batches_.front());
    batches_.pop_front();
    const auto now = Clock::now();
    for (Waiter& waiter : current_)
        waiter.waited = std::chrono::duration_cast<model::Duration>(now - waiter.since);
    processor_.expires_after(settings_.base + settings_.perItem * static_cast<std::int64_t>(current_.size()));
    processor_.async_wait([this](boost::system::error_code) {
        std::vector<Waiter> finished = std::move(current_);
        current_.clear();
        busy_ = false;
        for (Waiter& waiter : finished) {
            waiter.done(waiter.waited);
        }
        runNext();
    });
}

}  // namespace loadstar::server
