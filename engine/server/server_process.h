#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <thread>
#include <variant>
#include <vector>

namespace loadstar::server {

// The address a client on this machine connects to for a server listening on
// `host`: the unspecified addresses (0.0.0.0, ::) are reached through loopback
// (127.0.0.1, ::1), so that load and Try-it go to this machine; any other host as is.
std::string connectHost(std::string_view host);

struct ServerProcessOptions {
    std::string binary;      // the loadstar executable
    std::string project;     // the project file to serve
    std::string host;        // empty: the project's
    int port = 0;            // 0: an ephemeral port
    bool accessLog = false;  // `--access-log`: JSON lines per request, see takeAccessLogLines()
    int accessLogRate = 50;  // `--access-log-rate`: at most this many request lines per second
    std::chrono::milliseconds readyTimeout = std::chrono::seconds(15);
};

struct LaunchError {
    std::string message;
    std::string stderrText;  // what the child wrote to stderr before it failed
};

// `loadstar serve` as a child process: launched with pipes on stdout and stderr, ready
// when its first line says "listening on http://HOST:PORT", stopped with SIGTERM (then
// SIGKILL after a deadline). Running the server apart keeps its CPU and memory
// measurable on their own and a crash in it away from the workbench.
class ServerProcess {
  public:
    static std::variant<std::unique_ptr<ServerProcess>, LaunchError> launch(
        const ServerProcessOptions& options);

    ~ServerProcess();  // stops the child if it still runs
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    pid_t pid() const { return pid_; }
    const std::string& host() const { return host_; }  // as the server listens
    int port() const { return port_; }
    std::string url() const;  // "http://HOST:PORT" to connect to (see connectHost)

    // nullopt while the child runs; then its exit status (or 128 + signal).
    std::optional<int> exitStatus();

    // SIGTERM, then SIGKILL when it has not exited within `deadline`. Returns the exit
    // status (0 after a graceful stop).
    int stop(std::chrono::milliseconds deadline = std::chrono::seconds(5));

    // The child's stderr so far (the last 64 KiB).
    std::string stderrText() const;

    // The access-log lines (one JSON object each, without the newline) received since
    // the last call, oldest first. Only the newest 10,000 are kept between calls.
    std::vector<std::string> takeAccessLogLines();

  private:
    ServerProcess() = default;
    void drainOutput(int stdoutFd, int stderrFd);
    void takeStdout(const char* data, std::size_t size);

    pid_t pid_ = -1;
    std::optional<int> status_;
    std::string host_;
    int port_ = 0;
    mutable std::mutex stderrMutex_;
    std::string stderr_;
    std::mutex stdoutMutex_;
    std::string stdoutPartial_;  // an incomplete last line
    std::deque<std::string> accessLines_;
    std::thread drainer_;
};

}  // namespace loadstar::server
