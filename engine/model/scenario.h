#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/model/duration.h"
#include "engine/model/json.h"
#include "engine/model/server_choice.h"

namespace loadstar::model {

struct Target {
    enum class Kind { Embedded, Url };
    Kind kind = Kind::Embedded;
    std::string url;           // Url: base URL, http:// or https://
    bool insecureTls = false;  // accept self-signed certificates (local servers)

    bool operator==(const Target&) const = default;
};

// Closed loop: `target` virtual users; open loop: `target` requests per second.
enum class Executor { Closed, Open };

// Ramp linearly from the previous stage's target to this one over `duration`.
struct Stage {
    Duration duration{0};
    double target = 0;

    bool operator==(const Stage&) const = default;
};

struct MixEntry {
    std::string endpoint;  // an endpoint id
    double weight = 1;

    bool operator==(const MixEntry&) const = default;
};

enum class BodyMode { Valid, InvalidShare, Fixed };

// Who generates the load: Loadstar's own engine on this machine, or Locust's
// master with workers (on this machine and others that join it).
enum class LoadEngine { Native, Locust };

struct Scenario {
    std::string name;
    std::string description;
    Target target;
    ServerChoice server;  // when the target is the design: which server answers
    Executor executor = Executor::Closed;
    int vus = 10;               // Closed
    double rate = 100;          // Open: requests per second
    std::vector<Stage> stages;  // when non-empty, replaces vus/rate and duration
    Duration duration = std::chrono::seconds(10);
    Duration warmup{0};
    std::int64_t maxRequests = 0;  // 0: no limit
    int connections = 0;           // Open: max connections (0: as many as needed, up to 10000)
    int threads = 1;
    Duration timeout = std::chrono::seconds(10);
    Duration thinkTime{0};
    std::vector<MixEntry> mix;  // empty: every endpoint, equal weights
    BodyMode bodyMode = BodyMode::Valid;
    double invalidShare = 0;        // InvalidShare: 0..1
    std::optional<Json> fixedBody;  // Fixed
    std::vector<std::pair<std::string, std::string>> headers;
    std::vector<std::string> thresholds;  // e.g. "p95 < 200ms", "error_rate < 1%"
    std::uint64_t seed = 1;
    // A host outside loopback the user allowed this scenario to load, by name (the
    // workbench's confirmation); empty: loopback only. A target on another host is
    // refused until allowed again.
    std::string allowRemote;
    LoadEngine engine = LoadEngine::Native;
    int locustWorkers = 1;  // Locust: workers started on this machine

    bool operator==(const Scenario&) const = default;
};

const char* toString(Executor executor);  // "closed", "open"
std::optional<Executor> parseExecutor(std::string_view text);
const char* toString(BodyMode mode);  // "valid", "invalid_share", "fixed"
std::optional<BodyMode> parseBodyMode(std::string_view text);
const char* toString(LoadEngine engine);  // "native", "locust"
std::optional<LoadEngine> parseLoadEngine(std::string_view text);

}  // namespace loadstar::model
