#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "engine/load/load_options.h"
#include "engine/load/request_plan.h"
#include "engine/stats/interval_recorder.h"

namespace loadstar::load {

// The I/O side of a run: `threads` threads, each with its own io_context and its
// own keep-alive connections, driving the plan's requests closed loop (one
// connection per virtual user) or open loop (arrivals on a schedule, latency from
// the intended start) and recording every answer into its thread's recorder.
// No Boost in this header: Asio stays in the .cpp.
class LoadGenerator {
  public:
    using Clock = std::chrono::steady_clock;

    // `plan` and `recorder` must outlive the generator; the recorder needs one
    // thread slot per generator thread, and one endpoint slot per plan endpoint
    // plus one after them that takes the warm-up's requests (all endpoints).
    LoadGenerator(const LoadOptions& options, const RequestPlan& plan, stats::IntervalRecorder& recorder);
    ~LoadGenerator();
    LoadGenerator(const LoadGenerator&) = delete;
    LoadGenerator& operator=(const LoadGenerator&) = delete;

    // Resolves the host, prepares TLS, starts the threads. The profile's time 0
    // is `start`. On failure nothing runs and the reason is returned.
    std::optional<std::string> start(Clock::time_point start);

    // Graceful: no new requests; those in flight may finish until the grace
    // period (the timeout, at most 2 s, plus two deadline sweeps) ends, then they
    // are abandoned uncounted.
    void stop();
    // True once every thread has finished.
    bool finished() const;
    void join();

    int openConnections() const;
    std::uint64_t requestsStarted() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace loadstar::load
