#include "engine/engines/child_process.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace loadstar::engines {

namespace {

int decodeStatus(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

}  // namespace

std::variant<ChildProcess, std::string> ChildProcess::spawn(const std::vector<std::string>& argv,
                                                            const std::filesystem::path& log, pid_t group) {
    if (argv.empty()) return std::string("nothing to run");
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return log.string() + ": " + std::strerror(errno);
    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    // Everything the child needs is made before fork(): after it, in a threaded
    // parent, the child may only make system calls until it execs.
    std::vector<std::string> copies = argv;
    std::vector<char*> raw;
    for (std::string& a : copies)
        raw.push_back(a.data());
    raw.push_back(nullptr);
    int reportPipe[2];
    if (::pipe2(reportPipe, O_CLOEXEC) != 0) {
        ::close(fd);
        if (devNull >= 0) ::close(devNull);
        return std::string("cannot create a pipe: ") + std::strerror(errno);
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0) {
        // The child: its own process group (or the one given), out of reach of the
        // terminal's Ctrl-C; SIGTERM when the thread that started it ends (Loadstar
        // killed, or the run's thread gone), so that no Locust process outlives it.
        ::setpgid(0, group);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) ::_exit(127);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        for (const int s : {SIGINT, SIGTERM, SIGPIPE})
            ::signal(s, SIG_DFL);
        if (devNull >= 0) ::dup2(devNull, STDIN_FILENO);
        ::dup2(fd, STDOUT_FILENO);
        ::dup2(fd, STDERR_FILENO);
        ::execv(raw.front(), raw.data());
        const int error = errno;
        [[maybe_unused]] const auto written = ::write(reportPipe[1], &error, sizeof error);
        ::_exit(127);
    }
    const int forkError = errno;
    ::close(reportPipe[1]);
    ::close(fd);
    if (devNull >= 0) ::close(devNull);
    if (pid < 0) {
        ::close(reportPipe[0]);
        return "cannot start " + argv.front() + ": " + std::strerror(forkError);
    }
    // The pipe closes on exec; an errno arrives only when exec failed.
    int execError = 0;
    ssize_t got = -1;
    do {
        got = ::read(reportPipe[0], &execError, sizeof execError);
    } while (got < 0 && errno == EINTR);
    ::close(reportPipe[0]);
    ChildProcess child(pid);
    if (got == static_cast<ssize_t>(sizeof execError)) {
        child.waitFor(std::chrono::seconds(5));
        return "cannot start " + argv.front() + ": " + std::strerror(execError);
    }
    return child;
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept : pid_(other.pid_), status_(other.status_) {
    other.pid_ = -1;
}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
    if (this != &other) {
        if (pid_ > 0 && !status_) stop(std::chrono::milliseconds(0));
        pid_ = other.pid_;
        status_ = other.status_;
        other.pid_ = -1;
    }
    return *this;
}

ChildProcess::~ChildProcess() {
    if (pid_ > 0 && !exitStatus()) {
        ::kill(pid_, SIGKILL);
        waitFor(std::chrono::seconds(5));
    }
}

std::optional<int> ChildProcess::exitStatus() {
    if (status_ || pid_ <= 0) return status_;
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) status_ = decodeStatus(status);
    if (done < 0 && errno == ECHILD) status_ = -1;
    return status_;
}

void ChildProcess::signal(int signal) const {
    if (pid_ > 0 && !status_) ::kill(pid_, signal);
}

std::optional<int> ChildProcess::waitFor(std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (const auto status = exitStatus()) return status;
        if (std::chrono::steady_clock::now() >= until) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

int ChildProcess::stop(std::chrono::milliseconds grace) {
    signal(SIGTERM);
    if (const auto status = waitFor(grace)) return *status;
    signal(SIGKILL);
    return waitFor(std::chrono::seconds(5)).value_or(-1);
}

std::optional<std::filesystem::path> findExecutable(const std::string& command) {
    if (command.empty()) return std::nullopt;
    if (command.find('/') != std::string::npos) {
        if (::access(command.c_str(), X_OK) == 0) return std::filesystem::path(command);
        return std::nullopt;
    }
    const char* path = std::getenv("PATH");
    std::string_view dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    while (!dirs.empty()) {
        const std::size_t colon = dirs.find(':');
        const std::string_view dir = dirs.substr(0, colon);
        const std::filesystem::path candidate = std::filesystem::path(dir.empty() ? "." : dir) / command;
        if (::access(candidate.c_str(), X_OK) == 0 && std::filesystem::is_regular_file(candidate))
            return candidate;
        if (colon == std::string_view::npos) break;
        dirs.remove_prefix(colon + 1);
    }
    return std::nullopt;
}

}  // namespace loadstar::engines
