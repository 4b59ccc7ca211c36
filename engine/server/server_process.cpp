#include "engine/server/server_process.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace loadstar::server {

namespace {

constexpr std::size_t kStderrKeep = 64 * 1024;
constexpr std::string_view kReadyPrefix = "listening on http://";

void appendTail(std::string& text, const char* data, std::size_t size) {
    text.append(data, size);
    if (text.size() > kStderrKeep) text.erase(0, text.size() - kStderrKeep);
}

int decodeStatus(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

void closeFd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

// Waits for the child up to `timeout`; nullopt if it is still running.
std::optional<int> waitFor(pid_t pid, std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int status = 0;
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) return decodeStatus(status);
        if (done < 0 && errno != EINTR) return -1;
        if (std::chrono::steady_clock::now() >= until) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

std::string describeStatus(int status) {
    if (status > 128) return "was killed by signal " + std::to_string(status - 128);
    return "exited with status " + std::to_string(status);
}

// `loadstar serve` with the options' address and access log.
std::vector<std::string> serveArguments(const ServerProcessOptions& options) {
    std::vector<std::string> args{options.binary, "serve", options.project, "--port",
                                  std::to_string(options.port)};
    if (!options.host.empty()) {
        args.emplace_back("--host");
        args.push_back(options.host);
    }
    if (options.accessLog) {
        args.emplace_back("--access-log");
        args.emplace_back("--access-log-rate");
        args.push_back(std::to_string(options.accessLogRate));
    }
    return args;
}

struct Listening {
    std::string host;  // without an IPv6 address's brackets
    int port = 0;
};

// The address in the server's first line ("<kReadyPrefix>HOST:PORT"); nullopt for any
// other line.
std::optional<Listening> parseReadyLine(const std::string& first) {
    const std::size_t colon = first.rfind(':');
    if (first.rfind(kReadyPrefix, 0) != 0 || colon == std::string::npos || colon <= kReadyPrefix.size())
        return std::nullopt;
    Listening listening;
    try {
        listening.port = std::stoi(first.substr(colon + 1));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (listening.port <= 0) return std::nullopt;
    listening.host = first.substr(kReadyPrefix.size(), colon - kReadyPrefix.size());
    if (listening.host.size() > 2 && listening.host.front() == '[')
        listening.host = listening.host.substr(1, listening.host.size() - 2);
    return listening;
}

}  // namespace

std::variant<std::unique_ptr<ServerProcess>, LaunchError> ServerProcess::launch(
    const ServerProcessOptions& options) {
    int out[2];
    int err[2];
    if (::pipe2(out, O_CLOEXEC) != 0)
        return LaunchError{"cannot create a pipe: " + std::string(std::strerror(errno)), {}};
    if (::pipe2(err, O_CLOEXEC) != 0) {
        const int error = errno;
        ::close(out[0]);
        ::close(out[1]);
        return LaunchError{"cannot create a pipe: " + std::string(std::strerror(error)), {}};
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);

    std::vector<std::string> args = serveArguments(options);
    std::vector<char*> argv;
    for (std::string& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);

    pid_t pid = -1;
    const int spawnError =
        ::posix_spawn(&pid, options.binary.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    ::close(err[1]);
    int stdoutFd = out[0];
    int stderrFd = err[0];
    if (spawnError != 0) {
        closeFd(stdoutFd);
        closeFd(stderrFd);
        return LaunchError{"cannot start " + options.binary + ": " + std::strerror(spawnError), {}};
    }

    std::string line;
    std::string stderrText;
    const auto deadline = std::chrono::steady_clock::now() + options.readyTimeout;
    bool stdoutOpen = true;
    bool stderrOpen = true;
    const auto fail = [&](std::string message) -> LaunchError {
        // Make sure the child is gone, then collect what it still had to say on stderr.
        if (!waitFor(pid, std::chrono::milliseconds(200))) {
            ::kill(pid, SIGKILL);
            waitFor(pid, std::chrono::seconds(5));
        }
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
        while (stderrOpen && std::chrono::steady_clock::now() < until) {
            pollfd p{stderrFd, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            char chunk[4096];
            const ssize_t got = ::read(stderrFd, chunk, sizeof chunk);
            if (got <= 0) break;
            appendTail(stderrText, chunk, static_cast<std::size_t>(got));
        }
        closeFd(stdoutFd);
        closeFd(stderrFd);
        return LaunchError{std::move(message), std::move(stderrText)};
    };

    while (line.find('\n') == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return fail("the server did not report that it was listening within " +
                        std::to_string(options.readyTimeout.count()) + " ms");
        }
        pollfd fds[2] = {{stdoutOpen ? stdoutFd : -1, POLLIN, 0}, {stderrOpen ? stderrFd : -1, POLLIN, 0}};
        if (::poll(fds, 2, static_cast<int>(std::min<std::int64_t>(left.count(), 100))) < 0 &&
            errno != EINTR) {
            return fail("cannot wait for the server: " + std::string(std::strerror(errno)));
        }
        char chunk[4096];
        if (stderrOpen && (fds[1].revents & (POLLIN | POLLHUP)) != 0) {
            const ssize_t got = ::read(stderrFd, chunk, sizeof chunk);
            if (got > 0) appendTail(stderrText, chunk, static_cast<std::size_t>(got));
            if (got == 0) stderrOpen = false;
        }
        if (stdoutOpen && (fds[0].revents & (POLLIN | POLLHUP)) != 0) {
            const ssize_t got = ::read(stdoutFd, chunk, sizeof chunk);
            if (got > 0) line.append(chunk, static_cast<std::size_t>(got));
            if (got == 0) stdoutOpen = false;
        }
        if (!stdoutOpen || !stderrOpen) {
            if (const std::optional<int> status =
                    waitFor(pid, std::chrono::milliseconds(stdoutOpen ? 0 : 500))) {
                return fail("the server " + describeStatus(*status) + " before it was ready");
            }
            if (!stdoutOpen) return fail("the server closed its output before it was ready");
        }
    }

    const std::string first = line.substr(0, line.find('\n'));
    const std::optional<Listening> listening = parseReadyLine(first);
    if (!listening) {
        ::kill(pid, SIGTERM);
        return fail("unexpected first line from the server: \"" + first + "\"");
    }

    std::unique_ptr<ServerProcess> process(new ServerProcess());
    process->pid_ = pid;
    process->port_ = listening->port;
    process->host_ = listening->host;
    process->stderr_ = std::move(stderrText);
    const std::string rest = line.substr(line.find('\n') + 1);
    process->takeStdout(rest.data(), rest.size());
    process->drainer_ =
        std::thread([raw = process.get(), stdoutFd, stderrFd] { raw->drainOutput(stdoutFd, stderrFd); });
    return process;
}

// Keeps reading both pipes so that the child never blocks on a full one.
void ServerProcess::drainOutput(int stdoutFd, int stderrFd) {
    bool stdoutOpen = true;
    bool stderrOpen = true;
    while (stdoutOpen || stderrOpen) {
        pollfd fds[2] = {{stdoutOpen ? stdoutFd : -1, POLLIN, 0}, {stderrOpen ? stderrFd : -1, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        char chunk[4096];
        if (stdoutOpen && fds[0].revents != 0) {
            const ssize_t got = ::read(stdoutFd, chunk, sizeof chunk);
            if (got > 0) {
                takeStdout(chunk, static_cast<std::size_t>(got));
            } else {
                stdoutOpen = false;
            }
        }
        if (stderrOpen && fds[1].revents != 0) {
            const ssize_t got = ::read(stderrFd, chunk, sizeof chunk);
            if (got > 0) {
                const std::lock_guard lock(stderrMutex_);
                appendTail(stderr_, chunk, static_cast<std::size_t>(got));
            } else {
                stderrOpen = false;
            }
        }
    }
    ::close(stdoutFd);
    ::close(stderrFd);
}

void ServerProcess::takeStdout(const char* data, std::size_t size) {
    constexpr std::size_t kMaxLines = 10000;
    constexpr std::size_t kMaxLine = 64 << 10;
    const std::lock_guard lock(stdoutMutex_);
    stdoutPartial_.append(data, size);
    std::size_t start = 0;
    for (std::size_t end = stdoutPartial_.find('\n'); end != std::string::npos;
         end = stdoutPartial_.find('\n', start)) {
        // Only the access log writes JSON objects; the other lines are for people.
        if (end > start && stdoutPartial_[start] == '{') {
            accessLines_.push_back(stdoutPartial_.substr(start, end - start));
            if (accessLines_.size() > kMaxLines) accessLines_.pop_front();
        }
        start = end + 1;
    }
    stdoutPartial_.erase(0, start);
    if (stdoutPartial_.size() > kMaxLine) stdoutPartial_.clear();  // not a line anyone will parse
}

std::vector<std::string> ServerProcess::takeAccessLogLines() {
    const std::lock_guard lock(stdoutMutex_);
    std::vector<std::string> lines(std::make_move_iterator(accessLines_.begin()),
                                   std::make_move_iterator(accessLines_.end()));
    accessLines_.clear();
    return lines;
}

ServerProcess::~ServerProcess() {
    if (!status_) stop(std::chrono::seconds(2));
    if (drainer_.joinable()) drainer_.join();
}

std::string connectHost(std::string_view host) {
    if (host == "0.0.0.0") return "127.0.0.1";
    if (host == "::" || host == "0:0:0:0:0:0:0:0") return "::1";
    return std::string(host);
}

std::string ServerProcess::url() const {
    const std::string host = connectHost(host_);
    const std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return "http://" + shown + ":" + std::to_string(port_);
}

std::optional<int> ServerProcess::exitStatus() {
    if (!status_) status_ = waitFor(pid_, std::chrono::milliseconds(0));
    return status_;
}

int ServerProcess::stop(std::chrono::milliseconds deadline) {
    if (!exitStatus()) {
        ::kill(pid_, SIGTERM);
        status_ = waitFor(pid_, deadline);
        if (!status_) {
            ::kill(pid_, SIGKILL);
            status_ = waitFor(pid_, std::chrono::seconds(10));
        }
    }
    if (drainer_.joinable()) drainer_.join();
    return status_.value_or(-1);
}

std::string ServerProcess::stderrText() const {
    const std::lock_guard lock(stderrMutex_);
    return stderr_;
}

}  // namespace loadstar::server
