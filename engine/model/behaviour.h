#pragma once

#include <cstdint>
#include <optional>

#include "engine/model/duration.h"

namespace loadstar::model {

// How long the simulated I/O wait takes. Distribution: log-normal through p50 and p99.
struct Latency {
    enum class Kind { None, Fixed, Distribution };
    Kind kind = Kind::None;
    Duration fixed{0};
    Duration p50{0};
    Duration p99{0};

    bool operator==(const Latency&) const = default;
};

// Real computation per request. On the loop thread it blocks the event loop (like
// sync work inside a FastAPI `async def`); offloaded it runs on a thread pool.
struct CpuWork {
    Duration duration{0};
    bool offload = false;

    bool operator==(const CpuWork&) const = default;
};

// Requests arriving within `window`, up to `maxBatch`, are processed together at
// a cost of base + perItem * size (batched model inference).
struct Batching {
    bool enabled = false;
    Duration window{0};
    int maxBatch = 1;
    Duration base{0};
    Duration perItem{0};

    bool operator==(const Batching&) const = default;
};

// A share (0..1) of responses answered with `status` instead of the real response.
struct ErrorInjection {
    double rate = 0.0;
    int status = 500;

    bool operator==(const ErrorInjection&) const = default;
};

enum class ResponseSource { Generated, Example, Echo };

struct Behaviour {
    Latency latency;
    CpuWork cpu;
    Batching batching;
    ErrorInjection errors;
    ResponseSource response = ResponseSource::Generated;
    std::uint64_t seed = 1;     // generated responses are deterministic for a seed
    bool serverTiming = false;  // add a Server-Timing header with queue and handler time

    bool operator==(const Behaviour&) const = default;
};

const char* toString(ResponseSource source);  // "generated", "example", "echo"
std::optional<ResponseSource> parseResponseSource(std::string_view text);

}  // namespace loadstar::model
