#include "engine/codegen/launch.h"

#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/codegen/type_features.h"

extern char** environ;

namespace loadstar::codegen {

namespace {

long long seconds(model::Duration d) {
    return std::max<long long>(1, std::chrono::duration_cast<std::chrono::seconds>(d).count());
}

}  // namespace

bool usesEmail(const model::Project& project) {
    return typeFeatures(project).email;
}

std::vector<std::string> launchCommand(const model::Project& project, Framework framework,
                                       const LaunchOptions& options) {
    const model::Limits& limits = project.server.limits;
    const std::string workers = std::to_string(std::max(1, options.workers));
    if (framework == Framework::FastApi) {
        return {options.python,
                "-m",
                "uvicorn",
                "app.main:app",
                "--host",
                options.host,
                "--port",
                std::to_string(options.port),
                "--workers",
                workers,
                "--no-access-log",
                "--timeout-keep-alive",
                std::to_string(seconds(limits.idleTimeout)),
                "--limit-concurrency",
                std::to_string(limits.maxConnections)};
    }
    const bool host6 = options.host.find(':') != std::string::npos;
    std::vector<std::string> argv{
        options.python,
        "-m",
        "gunicorn",
        "app.main:app",
        "--bind",
        (host6 ? "[" + options.host + "]" : options.host) + ":" + std::to_string(options.port),
        "--workers",
        workers,
        "--worker-class",
        options.worker == FlaskWorker::Gthread ? "gthread" : "sync"};
    // gunicorn turns a sync worker with threads into a gthread one: threads only for gthread.
    if (options.worker == FlaskWorker::Gthread) {
        argv.insert(argv.end(), {"--threads", std::to_string(std::max(1, options.threads)),
                                 "--worker-connections", std::to_string(limits.maxConnections)});
    }
    argv.insert(argv.end(), {"--keep-alive", std::to_string(seconds(limits.idleTimeout)),
                             "--limit-request-field_size", std::to_string(limits.maxHeaderBytes)});
    return argv;
}

std::vector<PythonRequirement> pythonRequirements(const model::Project& project, Framework framework) {
    // Pydantic's "email" extra picks the email-validator its version needs (2 wants >= 2.0).
    const TypeFeatures features = typeFeatures(project);
    std::string pydantic = features.email ? "pydantic[email]>=1.10,<3" : "pydantic>=1.10,<3";
    // Tagged unions with the design's tags need Pydantic 2's Discriminator and Tag (2.5).
    if (features.taggedUnion) pydantic += ",!=2.0.*,!=2.1.*,!=2.2.*,!=2.3.*,!=2.4.*";
    std::vector<PythonRequirement> out;
    if (framework == Framework::FastApi) {
        out.push_back({"fastapi", "python3-fastapi", "fastapi>=0.92"});
        out.push_back({"pydantic", "python3-pydantic", pydantic});
        out.push_back({"uvicorn", "python3-uvicorn", "uvicorn[standard]>=0.17"});
    } else {
        out.push_back({"flask", "python3-flask", "flask>=2.2"});
        out.push_back({"pydantic", "python3-pydantic", pydantic});
        out.push_back({"gunicorn", "gunicorn", "gunicorn>=20.1"});
    }
    if (features.email) out.push_back({"email_validator", "python3-email-validator", ""});
    return out;
}

std::vector<PythonRequirement> missingPythonModules(const std::string& python, const model::Project& project,
                                                    Framework framework) {
    const std::vector<PythonRequirement> wanted = pythonRequirements(project, framework);
    std::vector<std::string> args{
        python, "-c",
        "import importlib.util, sys\n"
        "print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))"};
    for (const PythonRequirement& r : wanted)
        args.push_back(r.module);
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0) return wanted;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int spawned = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipeFds[1]);
    std::string output;
    if (spawned == 0) {
        char buffer[512];
        ssize_t n = 0;
        while ((n = ::read(pipeFds[0], buffer, sizeof buffer)) > 0)
            output.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(pipeFds[0]);
    int status = 0;
    if (spawned != 0 || ::waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return wanted;  // no usable Python at all
    }
    std::vector<PythonRequirement> missing;
    for (const PythonRequirement& r : wanted) {
        const std::string padded = " " + output + " ";
        if (padded.find(" " + r.module + " ") != std::string::npos ||
            padded.find(" " + r.module + "\n") != std::string::npos) {
            missing.push_back(r);
        }
    }
    return missing;
}

std::string missingPythonMessage(const std::string& python, const std::vector<PythonRequirement>& missing) {
    std::string modules;
    std::string packages;
    for (const PythonRequirement& r : missing) {
        modules += (modules.empty() ? "" : ", ") + r.module;
        packages += " " + r.debianPackage;
    }
    return "Python modules missing for " + python + ": " + modules +
           ". On Debian or Ubuntu: apt-get install" + packages;
}

}  // namespace loadstar::codegen
