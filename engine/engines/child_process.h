#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <variant>
#include <vector>

namespace loadstar::engines {

// A child process of an external engine (a Locust master or worker): started
// with its output in a log file and in a process group of its own (or of
// `group`), so that the terminal's Ctrl-C reaches Loadstar only and Loadstar
// decides how the engine stops. The child gets SIGTERM when the thread that
// started it ends (PR_SET_PDEATHSIG): start it from a thread that lives as long
// as the run, and a killed Loadstar leaves no engine process behind.
class ChildProcess {
  public:
    // `argv[0]` is run as it is (give a path). Returns the error text on failure.
    static std::variant<ChildProcess, std::string> spawn(const std::vector<std::string>& argv,
                                                         const std::filesystem::path& log, pid_t group = 0);

    ChildProcess(ChildProcess&& other) noexcept;
    ChildProcess& operator=(ChildProcess&& other) noexcept;
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    // Kills and reaps a child that still runs: nothing is left behind.
    ~ChildProcess();

    pid_t pid() const { return pid_; }
    // nullopt while it runs; then its exit status (128 + signal when killed).
    std::optional<int> exitStatus();
    void signal(int signal) const;
    // Waits up to `timeout` for the exit; nullopt if it still runs.
    std::optional<int> waitFor(std::chrono::milliseconds timeout);
    // SIGTERM, then SIGKILL after `grace`; the exit status.
    int stop(std::chrono::milliseconds grace);

  private:
    explicit ChildProcess(pid_t pid) : pid_(pid) {}
    pid_t pid_ = -1;
    std::optional<int> status_;
};

// The executable `command` names: itself when it holds a '/', else the first
// match on PATH; nullopt when there is none.
std::optional<std::filesystem::path> findExecutable(const std::string& command);

}  // namespace loadstar::engines
