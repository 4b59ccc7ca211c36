#include "engine/server/external_server.h"

#include <arpa/inet.h>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <linux/close_range.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace loadstar::server {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kOutputKeep = 64 * 1024;
constexpr int kLaunchAttempts = 3;

struct Fd {
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
};

bool setTimeouts(int fd, std::chrono::milliseconds timeout) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    return ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0 &&
           ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) == 0;
}

std::optional<sockaddr_in> loopbackAddress(const std::string& host, int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) return std::nullopt;
    return address;
}

// A port nobody listens on right now. Another process may take it before the
// server binds it; launch() then tries again with a new one.
std::optional<int> freePort(const std::string& host) {
    const Fd socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    auto address = loopbackAddress(host, 0);
    if (socket.fd < 0 || !address) return std::nullopt;
    if (::bind(socket.fd, reinterpret_cast<const sockaddr*>(&*address), sizeof *address) != 0)
        return std::nullopt;
    socklen_t length = sizeof *address;
    if (::getsockname(socket.fd, reinterpret_cast<sockaddr*>(&*address), &length) != 0) return std::nullopt;
    return ntohs(address->sin_port);
}

std::string replaceAll(std::string text, std::string_view what, const std::string& with) {
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
        text.replace(at, what.size(), with);
    return text;
}

int decodeStatus(const siginfo_t& info) {
    if (info.si_code == CLD_EXITED) return info.si_status;
    return 128 + info.si_status;
}

// Whether the child has exited, without reaping it: a zombie keeps its pid, so
// the process group's id cannot be handed to anyone else while we still signal it.
std::optional<int> peekExit(pid_t pid) {
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) return -1;
    if (info.si_pid != pid) return std::nullopt;
    return decodeStatus(info);
}

std::optional<int> peekExitWithin(pid_t pid, std::chrono::milliseconds timeout) {
    const auto until = Clock::now() + timeout;
    for (;;) {
        if (const auto status = peekExit(pid)) return status;
        if (Clock::now() >= until) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

// Live processes (not zombies) whose process group is `group`.
int liveMembers(pid_t group) {
    int n = 0;
    std::error_code ec;
    for (std::filesystem::directory_iterator it("/proc", ec), end; !ec && it != end; it.increment(ec)) {
        std::ifstream in(it->path() / "stat");
        std::string text;
        if (!std::getline(in, text)) continue;
        const std::size_t close = text.rfind(')');
        if (close == std::string::npos) continue;
        char state = 0;
        long parent = 0;
        long pgrp = 0;
        if (std::sscanf(text.c_str() + close + 1, " %c %ld %ld", &state, &parent, &pgrp) != 3) continue;
        if (pgrp == group && state != 'Z' && state != 'X') ++n;
    }
    return n;
}

bool addressInUse(const std::string& output) {
    return output.find("Address already in use") != std::string::npos ||
           output.find("Connection in use") != std::string::npos;
}

std::string describeExit(int status) {
    if (status > 128) return "was killed by signal " + std::to_string(status - 128);
    return "exited with status " + std::to_string(status);
}

// This process's environment with `overrides` set on top, as NAME=VALUE strings.
std::vector<std::string> environmentWith(const std::vector<std::pair<std::string, std::string>>& overrides) {
    std::vector<std::string> out;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string_view entry(*e);
        const std::string_view name = entry.substr(0, entry.find('='));
        bool replaced = false;
        for (const auto& [key, value] : overrides)
            replaced = replaced || key == name;
        if (!replaced) out.emplace_back(entry);
    }
    for (const auto& [key, value] : overrides)
        out.push_back(key + "=" + value);
    return out;
}

// `name` as execve wants it: as is when it holds a '/', else found on PATH.
std::optional<std::string> executablePath(const std::string& name) {
    if (name.find('/') != std::string::npos) return name;
    const char* path = std::getenv("PATH");
    std::string_view dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
    while (!dirs.empty()) {
        const std::size_t colon = dirs.find(':');
        const std::string dir(dirs.substr(0, colon));
        dirs = colon == std::string_view::npos ? std::string_view() : dirs.substr(colon + 1);
        const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return std::nullopt;
}

// Starts `args` in a process group of its own with stdout and stderr on `outFd`.
// fork + exec rather than posix_spawn for one thing posix_spawn cannot do: the
// child asks for SIGTERM when the thread that started it ends (PR_SET_PDEATHSIG),
// so a crash or kill of Loadstar stops the server (and the master its workers)
// instead of leaving it serving. Callers start it from a thread that outlives
// the server (the CLI's main thread, the run's worker thread). Returns the pid or
// why it could not start.
std::variant<pid_t, std::string> spawnInGroup(const std::vector<std::string>& args,
                                              std::vector<std::string> environment,
                                              const std::filesystem::path& workingDirectory,
                                              const std::vector<int>& cpus, int outFd) {
    const std::optional<std::string> path = executablePath(args.front());
    if (!path) return "cannot start " + args.front() + ": not found on PATH";
    std::vector<std::string> argStrings = args;
    std::vector<char*> argv;
    for (std::string& arg : argStrings)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (std::string& entry : environment)
        envp.push_back(entry.data());
    envp.push_back(nullptr);
    const std::string cwd = workingDirectory.string();
    cpu_set_t cpuSet;
    CPU_ZERO(&cpuSet);
    for (const int cpu : cpus)
        CPU_SET(static_cast<std::size_t>(cpu), &cpuSet);
    int report[2];  // the child writes {stage, errno} here when it cannot exec
    if (::pipe2(report, O_CLOEXEC) != 0) return "cannot create a pipe: " + std::string(std::strerror(errno));

    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0) {
        // Only async-signal-safe calls from here to the exec.
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) ::_exit(127);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        for (int s = 1; s < NSIG; ++s)
            ::signal(s, SIG_DFL);  // an ignored signal would stay ignored across the exec
        const int in = ::open("/dev/null", O_RDONLY);
        ::dup2(in, STDIN_FILENO);
        ::dup2(outFd, STDOUT_FILENO);
        ::dup2(outFd, STDERR_FILENO);
        // Nothing else of ours goes along (sockets, files of the workbench).
        ::syscall(SYS_close_range, 3u, ~0u, CLOSE_RANGE_CLOEXEC);
        int failure[2] = {0, 0};
        if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) {
            failure[0] = 1;
        } else if (!cpus.empty() && ::sched_setaffinity(0, sizeof cpuSet, &cpuSet) != 0) {
            failure[0] = 3;
        } else {
            ::execve(path->c_str(), argv.data(), envp.data());
            failure[0] = 2;
        }
        failure[1] = errno;
        [[maybe_unused]] const ssize_t written = ::write(report[1], failure, sizeof failure);
        ::_exit(127);
    }
    const int forkError = errno;
    ::close(report[1]);
    if (pid < 0) {
        ::close(report[0]);
        return "cannot start " + args.front() + ": " + std::strerror(forkError);
    }
    ::setpgid(pid, pid);  // also here, so that the group exists whichever runs first
    int failure[2] = {0, 0};
    ssize_t got = -1;
    while ((got = ::read(report[0], failure, sizeof failure)) < 0 && errno == EINTR) {
    }
    ::close(report[0]);
    if (got != static_cast<ssize_t>(sizeof failure)) return pid;  // the exec closed the pipe
    ::waitpid(pid, nullptr, 0);
    if (failure[0] == 1)
        return "cannot start " + args.front() + " in " + cwd + ": " + std::strerror(failure[1]);
    if (failure[0] == 3)
        return "cannot pin " + args.front() + " to its CPUs: " + std::string(std::strerror(failure[1]));
    return "cannot start " + args.front() + ": " + std::strerror(failure[1]);
}

}  // namespace

std::function<std::vector<std::string>(const std::string&, int)> commandLine(std::vector<std::string> argv) {
    return [argv = std::move(argv)](const std::string& host, int port) {
        std::vector<std::string> out;
        for (const std::string& arg : argv)
            out.push_back(replaceAll(replaceAll(arg, "{port}", std::to_string(port)), "{host}", host));
        return out;
    };
}

std::optional<int> probeHttp(const std::string& host, int port, const std::string& path,
                             std::chrono::milliseconds timeout) {
    const auto address = loopbackAddress(host, port);
    if (!address) return std::nullopt;
    const Fd socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (socket.fd < 0 || !setTimeouts(socket.fd, timeout)) return std::nullopt;
    if (::connect(socket.fd, reinterpret_cast<const sockaddr*>(&*address), sizeof *address) != 0)
        return std::nullopt;
    const std::string request = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + std::to_string(port) +
                                "\r\nConnection: close\r\n\r\n";
    if (::send(socket.fd, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size()))
        return std::nullopt;
    std::string head;
    char chunk[512];
    while (head.find("\r\n") == std::string::npos && head.size() < 4096) {
        const ssize_t got = ::recv(socket.fd, chunk, sizeof chunk, 0);
        if (got <= 0) return std::nullopt;
        head.append(chunk, static_cast<std::size_t>(got));
    }
    // "HTTP/1.1 200 OK"
    if (!head.starts_with("HTTP/1.") || head.size() < 12 || head[8] != ' ') return std::nullopt;
    int status = 0;
    const auto [end, error] = std::from_chars(head.data() + 9, head.data() + 12, status);
    if (error != std::errc() || end != head.data() + 12) return std::nullopt;
    return status;
}

std::variant<std::unique_ptr<ExternalServer>, LaunchError> ExternalServer::launch(
    const ExternalServerOptions& options) {
    for (int attempt = 1;; ++attempt) {
        const std::optional<int> port =
            options.port > 0 ? std::optional<int>(options.port) : freePort(options.host);
        if (!port) return LaunchError{"no free port on " + options.host, {}};
        std::vector<std::string> args;
        if (options.command) args = options.command(options.host, *port);
        if (args.empty()) return LaunchError{"no command to start the server with", {}};

        int out[2];
        if (::pipe2(out, O_CLOEXEC) != 0)
            return LaunchError{"cannot create a pipe: " + std::string(std::strerror(errno)), {}};
        std::unique_ptr<ExternalServer> server(new ExternalServer());
        server->host_ = options.host;
        server->port_ = *port;
        server->command_ = args;
        const auto spawnedAt = Clock::now();
        const auto spawned = spawnInGroup(args, environmentWith(options.environment),
                                          options.workingDirectory, options.cpus, out[1]);
        ::close(out[1]);
        if (const auto* error = std::get_if<std::string>(&spawned)) {
            ::close(out[0]);
            return LaunchError{*error, {}};
        }
        server->pid_ = std::get<pid_t>(spawned);
        server->drainer_ = std::thread([raw = server.get(), fd = out[0]] { raw->drain(fd); });

        const std::optional<std::string> failure = server->waitUntilReady(options, spawnedAt);
        if (!failure) return server;
        server->stop(std::chrono::seconds(2));
        std::string output = server->outputText();
        if (attempt < kLaunchAttempts && options.port == 0 && addressInUse(output)) continue;
        return LaunchError{*failure, std::move(output)};
    }
}

std::optional<std::string> ExternalServer::waitUntilReady(const ExternalServerOptions& options,
                                                          Clock::time_point spawnedAt) {
    const auto deadline = spawnedAt + options.readyTimeout;
    for (;;) {
        if (const auto status = exitStatus())
            return "the server " + describeExit(*status) + " before it answered";
        const auto status = probeHttp(host_, port_, options.readinessPath, std::chrono::seconds(2));
        if (status && *status >= 200 && *status < 300) {
            startDuration_ = Clock::now() - spawnedAt;
            return std::nullopt;
        }
        if (Clock::now() >= deadline) {
            return "the server did not answer GET " + options.readinessPath + " with a 2xx status within " +
                   std::to_string(options.readyTimeout.count()) + " ms" +
                   (status ? " (its last answer: " + std::to_string(*status) + ")" : std::string());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

void ExternalServer::drain(int fd) {
    // Workers inherit the pipe, so EOF comes once the whole group is gone; stop()
    // lets this thread give up early should something outside the group hold it.
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, 100);
        if (ready < 0 && errno != EINTR) break;
        if (ready <= 0) {
            const std::lock_guard lock(outputMutex_);
            if (stopDraining_) break;
            continue;
        }
        char chunk[4096];
        const ssize_t got = ::read(fd, chunk, sizeof chunk);
        if (got <= 0) break;
        const std::lock_guard lock(outputMutex_);
        output_.append(chunk, static_cast<std::size_t>(got));
        if (output_.size() > kOutputKeep) output_.erase(0, output_.size() - kOutputKeep);
    }
    ::close(fd);
    drained_ = true;
}

ExternalServer::~ExternalServer() {
    if (pid_ > 0 && !status_) stop(std::chrono::seconds(2));
    if (drainer_.joinable()) drainer_.join();
}

std::string ExternalServer::url() const {
    return "http://" + host_ + ":" + std::to_string(port_);
}

std::optional<int> ExternalServer::exitStatus() {
    if (status_) return status_;
    return peekExit(pid_);
}

int ExternalServer::stop(std::chrono::milliseconds deadline) {
    if (!status_ && pid_ > 0) {
        if (!peekExit(pid_)) {
            ::kill(pid_, SIGTERM);
            if (!peekExitWithin(pid_, deadline)) {
                ::killpg(pid_, SIGKILL);
                peekExitWithin(pid_, std::chrono::seconds(10));
            }
        }
        // Workers the master did not take down with it. Its zombie still holds
        // the group's id, so the signal cannot reach anyone else's processes.
        ::killpg(pid_, SIGKILL);
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        const auto until = Clock::now() + std::chrono::seconds(2);
        while (liveMembers(pid_) > 0 && Clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (drainer_.joinable()) {
        const auto until = Clock::now() + std::chrono::seconds(1);
        while (!drained_ && Clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        {
            const std::lock_guard lock(outputMutex_);
            stopDraining_ = true;
        }
        drainer_.join();
    }
    return status_.value_or(-1);
}

std::string ExternalServer::outputText() const {
    const std::lock_guard lock(outputMutex_);
    return output_;
}

}  // namespace loadstar::server
