#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "engine/model/project.h"
#include "engine/server/server.h"

namespace loadstar::testing {

// The Benchmark plan sample with short scenarios for the external engines, one
// per k6 executor: "mixed" (closed loop, 2 users, hello 3 : echo 1 with a third of
// echo's requests invalid, a warm-up, thresholds), "ramp" (closed loop in stages),
// "rate" (open loop at a constant rate) and "rate-stages" (open loop in stages).
model::Project scaleOutProject();

// The project's design served in this process on a loopback port (port 0).
class EmbeddedServer {
  public:
    explicit EmbeddedServer(const model::Project& project);
    ~EmbeddedServer();
    EmbeddedServer(const EmbeddedServer&) = delete;
    EmbeddedServer& operator=(const EmbeddedServer&) = delete;
    const std::string& url() const { return url_; }

  private:
    std::unique_ptr<server::Server> server_;
    std::string url_;
};

// True while `pid` is a process (a zombie counts as gone).
bool processAlive(pid_t pid);

}  // namespace loadstar::testing
