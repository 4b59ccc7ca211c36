#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "engine/model/project.h"
#include "engine/server/metrics.h"
#include "engine/server/request_handler.h"
#include "engine/server/schema_services.h"

namespace loadstar::server {

class AccessLog;

struct Started {
    std::string host;
    int port = 0;                       // the bound port (the ephemeral one when asked for 0)
    std::vector<std::string> warnings;  // e.g. listening on a non-loopback address
};

struct StartError {
    std::string message;
};

// The embedded HTTP/1.1 server: serves a project as its design and server settings
// say (host, port, concurrency model, limits), in this process, on its own threads.
// `loadstar serve` runs one in a child process; tests run one in-process on port 0.
//
// Async model: N event-loop threads; latency is a timer, CPU work runs on the loop
// thread or on an offload pool. Worker-pool model: one I/O thread hands every request
// to W blocking workers behind a bounded queue (full: 503).
class Server {
  public:
    Server(std::shared_ptr<const model::Project> project, SchemaServices services);
    ~Server();  // stops with a short deadline if still running
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds, listens and starts the threads. A failure (bad host, port in use) comes
    // back here and leaves nothing running.
    std::variant<Started, StartError> start();

    // Graceful stop: no new connections or requests; requests already received are
    // answered (with Connection: close) until `deadline`, then everything is closed.
    // Returns true when every connection finished within the deadline.
    bool stop(std::chrono::milliseconds deadline = std::chrono::seconds(5));

    // Before start(): every answered request is offered to `log`, which samples it.
    void setAccessLog(std::shared_ptr<AccessLog> log);

    const Metrics& metrics() const;
    const RequestHandler& handler() const;

    struct Impl;  // defined with the Beast code, so that this header includes no Boost

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace loadstar::server
