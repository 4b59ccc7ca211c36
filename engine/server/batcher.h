#pragma once

// Private to engine/server.

#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "engine/model/project.h"
#include "engine/server/net.h"

namespace loadstar::server {

// Collects requests of one endpoint into batches: a batch closes when its window
// (counted from its first request) ends or when it is full. Batches are processed one
// at a time, as one model instance would, each taking base + perItem * size; a request's
// wait for its batch to close and for the processor counts as queue time.
class Batcher {
  public:
    using Done = std::function<void(model::Duration waited)>;

    Batcher(net::io_context& context, const model::Batching& settings);

    // Thread-safe: `done` is called on the batcher's strand when the request's batch
    // has been processed.
    void submit(Done done);

  private:
    struct Waiter {
        Done done;
        Clock::time_point since;
        model::Duration waited{0};
    };

    void add(Done done);
    void closeWindow();
    void runNext();

    net::strand<net::io_context::executor_type> strand_;
    net::steady_timer window_;
    net::steady_timer processor_;
    model::Batching settings_;
    std::vector<Waiter> pending_;
    std::deque<std::vector<Waiter>> batches_;
    std::vector<Waiter> current_;
    std::uint64_t generation_ = 0;
    bool busy_ = false;
};

}  // namespace loadstar::server
