#include "engine/session/framework_launch.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <poll.h>
#include <random>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/codegen/generator.h"
#include "engine/codegen/launch.h"
#include "engine/codegen/project_writer.h"

extern char** environ;

namespace loadstar::session {

namespace {

codegen::Framework frameworkOf(model::ServerKind kind) {
    return kind == model::ServerKind::FastApi ? codegen::Framework::FastApi : codegen::Framework::Flask;
}

// Runs `argv` to its end (at most `timeout`) and returns what it wrote to stdout,
// or nullopt when it could not run or failed.
std::optional<std::string> capture(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) return std::nullopt;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> copy = args;
    std::vector<char*> argv;
    for (std::string& a : copy)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int error = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (error != 0) {
        ::close(out[0]);
        return std::nullopt;
    }
    std::string text;
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        pollfd p{out[0], POLLIN, 0};
        if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) {
            ::kill(pid, SIGKILL);
            break;
        }
        char chunk[4096];
        const ssize_t got = ::read(out[0], chunk, sizeof chunk);
        if (got <= 0) break;
        text.append(chunk, static_cast<std::size_t>(got));
    }
    ::close(out[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
    return text;
}

// "FastAPI 0.92.0, Pydantic 1.10.4, uvicorn 0.17.6, Python 3.11.2": what answered,
// for the run's record. Asked once per Python and framework in this process.
std::string softwareVersions(const std::string& python, model::ServerKind kind) {
    static std::mutex mutex;
    static std::map<std::pair<std::string, model::ServerKind>, std::string> known;
    const std::lock_guard lock(mutex);
    const auto key = std::make_pair(python, kind);
    if (const auto it = known.find(key); it != known.end()) return it->second;
    // From the installed packages' metadata: importing FastAPI takes a second on a
    // busy machine, reading three version files does not.
    const std::string script =
        "import sys\n"
        "from importlib.metadata import version\n"
        "names = sys.argv[1:]\n"
        "print(', '.join('%s %s' % (n, version(n)) for n in names) + ', Python ' + sys.version.split()[0])";
    const std::vector<std::string> names = kind == model::ServerKind::FastApi
                                               ? std::vector<std::string>{"FastAPI", "Pydantic", "uvicorn"}
                                               : std::vector<std::string>{"Flask", "Pydantic", "gunicorn"};
    std::vector<std::string> args{python, "-c", script};
    args.insert(args.end(), names.begin(), names.end());
    std::string text = capture(args, std::chrono::seconds(20)).value_or("");
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    if (!text.empty()) known.emplace(key, text);
    return text;
}

// Iterations of the generated app's CPU kernel per millisecond, measured once per
// app folder in this process before its server starts, and given to every
// worker (CPU_ITERATIONS_PER_MS). Left to themselves the workers each calibrate
// as they start, all at once, and on a busy machine disagree with each other and
// from one run to the next. Empty when the app has no kernel to calibrate.
std::string cpuCalibration(const std::string& python, const std::filesystem::path& folder) {
    static std::mutex mutex;
    static std::map<std::pair<std::string, std::filesystem::path>, std::string> known;
    const std::lock_guard lock(mutex);
    const auto key = std::make_pair(python, folder);
    if (const auto it = known.find(key); it != known.end()) return it->second;
    const std::string script =
        "import sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from app.behaviour import ITERATIONS_PER_MS\n"
        "print(ITERATIONS_PER_MS)";
    std::string text =
        capture({python, "-c", script, folder.string()}, std::chrono::seconds(30)).value_or("");
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    if (text.find_first_not_of("0123456789.e+") != std::string::npos) text.clear();
    known.emplace(key, text);
    return text;
}

std::string shellWord(const std::string& s) {
    if (!s.empty() &&
        s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.,/:=@+") ==
            std::string::npos)
        return s;
    std::string out = "'";
    for (const char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string tail(const std::string& text, std::size_t lines) {
    std::size_t at = text.size();
    while (at > 0 && text[at - 1] == '\n')
        --at;
    const std::size_t end = at;
    for (std::size_t n = 0; at > 0 && n < lines; --at) {
        if (text[at - 1] == '\n') ++n;
    }
    if (at > 0) ++at;
    return text.substr(at, end - at);
}

}  // namespace

std::variant<std::filesystem::path, std::string> generatedApp(const model::Project& project,
                                                              model::ServerKind kind,
                                                              const std::filesystem::path& cache) {
    const codegen::Framework framework = frameworkOf(kind);
    const codegen::GeneratedProject generated = codegen::generate(project, framework);
    const std::filesystem::path folder =
        cache / (std::string(codegen::toString(framework)) + "-" + codegen::contentKey(generated));
    std::error_code ec;
    if (std::filesystem::is_directory(folder, ec)) return folder;
    std::filesystem::create_directories(cache, ec);
    if (ec) return "cannot create the app cache " + cache.string() + ": " + ec.message();
    std::random_device random;
    const std::filesystem::path scratch =
        folder.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(random());
    if (auto e = codegen::writeProject(generated, scratch, false)) {
        std::filesystem::remove_all(scratch, ec);
        return "cannot write the generated app: " + *e;
    }
    std::filesystem::rename(scratch, folder, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove_all(scratch, ignored);
        // Another run of the same design put it there first: the same bytes.
        if (!std::filesystem::is_directory(folder, ignored))
            return "cannot move the generated app into " + folder.string() + ": " + ec.message();
    }
    return folder;
}

std::filesystem::path defaultAppCache() {
    if (const char* dir = std::getenv("LOADSTAR_APP_CACHE"); dir != nullptr && *dir != '\0') return dir;
    if (const char* dir = std::getenv("XDG_CACHE_HOME"); dir != nullptr && *dir != '\0')
        return std::filesystem::path(dir) / "loadstar" / "apps";
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
        return std::filesystem::path(home) / ".cache" / "loadstar" / "apps";
    return std::filesystem::temp_directory_path() / "loadstar-apps";
}

std::string defaultPython() {
    if (const char* python = std::getenv("LOADSTAR_PYTHON"); python != nullptr && *python != '\0')
        return python;
    return "/usr/bin/python3";
}

std::variant<FrameworkServer, std::string> launchFramework(const model::Project& project,
                                                           const model::ServerChoice& choice,
                                                           const DesignServer& design) {
    const std::filesystem::path cache = design.appCache.empty() ? defaultAppCache() : design.appCache;
    const std::string python = design.python.empty() ? defaultPython() : design.python;
    const codegen::Framework framework = frameworkOf(choice.kind);
    const std::string what = model::describe(choice);
    if (::access(python.c_str(), X_OK) != 0) {
        return "cannot start " + what + ": there is no Python at " + python +
               " (install python3, or set LOADSTAR_PYTHON to the interpreter to use)";
    }
    const auto missing = codegen::missingPythonModules(python, project, framework);
    if (!missing.empty())
        return "cannot start " + what + ": " + codegen::missingPythonMessage(python, missing);

    auto folder = generatedApp(project, choice.kind, cache);
    if (const auto* e = std::get_if<std::string>(&folder)) return "cannot start " + what + ": " + *e;

    server::ExternalServerOptions options;
    options.workingDirectory = std::get<std::filesystem::path>(folder);
    options.readinessPath = project.server.builtins.health;
    // Importing, calibrating the CPU kernel and forking workers on a busy machine.
    options.readyTimeout = std::chrono::seconds(60);
    options.environment = {{"PYTHONUNBUFFERED", "1"}};
    if (std::getenv("CPU_ITERATIONS_PER_MS") == nullptr) {  // the user's own pin goes through as it is
        if (const std::string calibration = cpuCalibration(python, options.workingDirectory);
            !calibration.empty())
            options.environment.emplace_back("CPU_ITERATIONS_PER_MS", calibration);
    }
    options.cpus = design.serverCpus;
    options.command = [&project, framework, choice, python](const std::string& host, int port) {
        codegen::LaunchOptions launch;
        launch.python = python;
        launch.host = host;
        launch.port = port;
        launch.workers = choice.workers;
        launch.worker = choice.workerClass == model::WorkerClass::Sync ? codegen::FlaskWorker::Sync
                                                                       : codegen::FlaskWorker::Gthread;
        launch.threads = choice.threads;
        return codegen::launchCommand(project, framework, launch);
    };
    auto launched = server::ExternalServer::launch(options);
    if (auto* e = std::get_if<server::LaunchError>(&launched)) {
        std::string text = "cannot start " + what + ": " + e->message;
        if (const std::string output = tail(e->stderrText, 20); !output.empty()) text += "\n" + output;
        return text;
    }
    FrameworkServer started;
    started.process = std::move(std::get<std::unique_ptr<server::ExternalServer>>(launched));
    started.folder = std::get<std::filesystem::path>(folder);
    started.described.choice = choice;
    started.described.software = softwareVersions(python, choice.kind);
    for (const std::string& word : started.process->command())
        started.described.command += (started.described.command.empty() ? "" : " ") + shellWord(word);
    started.described.startSeconds = started.process->startDuration().count();
    return started;
}

}  // namespace loadstar::session
