#pragma once

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <netinet/in.h>
#include <optional>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "engine/codegen/generator.h"
#include "engine/codegen/launch.h"
#include "engine/codegen/project_writer.h"
#include "support/temp_dir.h"
#include "tests/engine/server/http_test_client.h"

namespace loadstar::codegen::testing {

using server::testing::HttpResponse;
using server::testing::HttpTestClient;

// A loopback port nobody listens on right now (the kernel's choice of an ephemeral port).
inline int freeLoopbackPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    ::close(fd);
    return ntohs(address.sin_port);
}

// One request on its own connection (Connection: close), nullopt when nothing answers.
inline std::optional<HttpResponse> request(
    int port, const std::string& method, const std::string& target,
    const std::vector<std::pair<std::string, std::string>>& headers = {},
    const std::optional<std::string>& body = std::nullopt,
    std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    HttpTestClient client(port);
    if (!client.connected()) return std::nullopt;
    std::string bytes = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    for (const auto& [name, value] : headers)
        bytes += name + ": " + value + "\r\n";
    if (body)
        bytes += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body->size()) + "\r\n";
    bytes += "\r\n";
    if (body) bytes += *body;
    if (!client.send(bytes)) return std::nullopt;
    return client.read(timeout, method == "HEAD");
}

// A generated project written to a temporary folder and served by uvicorn or gunicorn
// on a free loopback port, in its own process group; stopped (SIGTERM, then SIGKILL)
// with everything it started when destroyed.
class GeneratedApp {
  public:
    static std::unique_ptr<GeneratedApp> start(const model::Project& project, Framework framework,
                                               LaunchOptions options, std::string& error) {
        auto app = std::unique_ptr<GeneratedApp>(new GeneratedApp());
        const GeneratedProject generated = generate(project, framework);
        if (auto failure = writeProject(generated, app->dir_.path() / "project", false)) {
            error = *failure;
            return nullptr;
        }
        options.port = freeLoopbackPort();
        app->port_ = options.port;
        const std::vector<std::string> argv = launchCommand(project, framework, options);
        const std::string folder = (app->dir_.path() / "project").string();
        const std::string log = (app->dir_.path() / "server.log").string();
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::setpgid(0, 0);
            const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            ::dup2(out, STDOUT_FILENO);
            ::dup2(out, STDERR_FILENO);
            if (::chdir(folder.c_str()) != 0) ::_exit(127);
            std::vector<char*> args;
            for (const std::string& a : argv)
                args.push_back(const_cast<char*>(a.c_str()));
            args.push_back(nullptr);
            ::execvp(args[0], args.data());
            ::_exit(127);
        }
        app->pid_ = pid;
        ::setpgid(pid, pid);
        // Ready when the health path answers (the app calibrates its CPU work at import).
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
        while (std::chrono::steady_clock::now() < deadline) {
            if (auto reply = request(app->port_, "GET", project.server.builtins.health, {}, std::nullopt,
                                     std::chrono::seconds(5));
                reply && reply->status == 200) {
                return app;
            }
            int status = 0;
            if (::waitpid(pid, &status, WNOHANG) == pid) {
                app->pid_ = -1;
                error = "the server exited: " + app->log();
                return nullptr;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        error = "the server did not answer within 90 s: " + app->log();
        return nullptr;
    }

    ~GeneratedApp() {
        if (pid_ <= 0) return;
        ::kill(-pid_, SIGTERM);
        for (int i = 0; i < 200; ++i) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                ::kill(-pid_, SIGKILL);  // a worker that outlived its master
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ::kill(-pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }

    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    std::filesystem::path folder() const { return dir_.path() / "project"; }
    std::string log() const { return loadstar::testing::readFile(dir_.path() / "server.log"); }

    // CPU seconds (user + system) used so far by the server's whole process group.
    double cpuSeconds() const {
        double total = 0;
        for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
            const std::string name = entry.path().filename().string();
            if (name.find_first_not_of("0123456789") != std::string::npos) continue;
            const std::string stat = loadstar::testing::readFile(entry.path() / "stat");
            const std::size_t close = stat.rfind(')');
            if (close == std::string::npos) continue;
            std::vector<std::string> fields;
            std::string field;
            for (std::size_t i = close + 2; i < stat.size(); ++i) {
                if (stat[i] == ' ') {
                    fields.push_back(field);
                    field.clear();
                } else {
                    field += stat[i];
                }
            }
            // Fields after the command: state(0) ppid(1) pgrp(2) ... utime(11) stime(12).
            if (fields.size() < 13 || std::stol(fields[2]) != pid_) continue;
            total += static_cast<double>(std::stoull(fields[11]) + std::stoull(fields[12]));
        }
        return total / static_cast<double>(::sysconf(_SC_CLK_TCK));
    }

  private:
    GeneratedApp() = default;
    loadstar::testing::TempDir dir_;
    pid_t pid_ = -1;
    int port_ = 0;
};

}  // namespace loadstar::codegen::testing
