#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <sys/types.h>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "engine/server/server_process.h"

namespace loadstar::server {

// A server that is not Loadstar's own (uvicorn, gunicorn, ...): a command line that
// serves HTTP on the loopback port it is given.
struct ExternalServerOptions {
    // The argv that serves on `host`:`port` (called again with a new port when
    // another process took the one chosen first).
    std::function<std::vector<std::string>(const std::string& host, int port)> command;
    std::filesystem::path workingDirectory;                        // empty: this process's
    std::vector<std::pair<std::string, std::string>> environment;  // set on top of this process's
    std::string host = "127.0.0.1";
    int port = 0;  // 0: a free loopback port, chosen before the start
    // Ready when a GET of this path answers with a 2xx status.
    std::string readinessPath = "/";
    std::chrono::milliseconds readyTimeout = std::chrono::seconds(30);
    // Pin the server (and so the workers it forks) to these CPUs from its start;
    // empty: wherever the kernel puts it.
    std::vector<int> cpus;
};

// A command for ExternalServerOptions: `argv` with every "{host}" and "{port}" in
// an argument replaced.
std::function<std::vector<std::string>(const std::string&, int)> commandLine(std::vector<std::string> argv);

// Reads the first line of an HTTP/1.1 answer to `GET path` on host:port: the status
// code, or nullopt when nothing answered within `timeout` (refused, closed, not HTTP).
std::optional<int> probeHttp(const std::string& host, int port, const std::string& path,
                             std::chrono::milliseconds timeout);

// The server as a child process in a process group of its own (the master and the
// workers it forks), so that it is measured apart, not hit by the terminal's Ctrl-C,
// and stopped whole: SIGTERM to the master, which stops its workers gracefully, then
// SIGKILL to every process left in the group after the deadline. launch() returns
// once the server answers, and measures how long that took from the spawn: the
// cold start.
class ExternalServer {
  public:
    static std::variant<std::unique_ptr<ExternalServer>, LaunchError> launch(
        const ExternalServerOptions& options);

    ~ExternalServer();  // stops the server if it still runs
    ExternalServer(const ExternalServer&) = delete;
    ExternalServer& operator=(const ExternalServer&) = delete;

    pid_t pid() const { return pid_; }  // the master; its pid is the group's id
    int port() const { return port_; }
    std::string url() const;
    const std::vector<std::string>& command() const { return command_; }  // as started
    // From the spawn to the first 2xx answer.
    std::chrono::duration<double> startDuration() const { return startDuration_; }

    // nullopt while the master runs; then its exit status (or 128 + signal).
    std::optional<int> exitStatus();

    // SIGTERM to the master; SIGKILL to the whole group when the master has not
    // exited within `deadline`, and to any process it left behind. Returns the
    // master's exit status.
    int stop(std::chrono::milliseconds deadline = std::chrono::seconds(5));

    // What the server wrote to stdout and stderr (merged), the last 64 KiB.
    std::string outputText() const;

  private:
    ExternalServer() = default;
    void drain(int fd);
    // nullopt once a GET of the readiness path answered 2xx; else why not.
    std::optional<std::string> waitUntilReady(const ExternalServerOptions& options,
                                              std::chrono::steady_clock::time_point spawnedAt);

    pid_t pid_ = -1;
    std::optional<int> status_;
    std::string host_;
    int port_ = 0;
    std::vector<std::string> command_;
    std::chrono::duration<double> startDuration_{0};
    mutable std::mutex outputMutex_;
    std::string output_;
    bool stopDraining_ = false;  // under outputMutex_
    std::atomic<bool> drained_{false};
    std::thread drainer_;
};

}  // namespace loadstar::server
