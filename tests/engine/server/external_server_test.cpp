#include "engine/server/external_server.h"

#include <fstream>
#include <signal.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/monitor/process_sampler.h"
#include "support/temp_dir.h"

namespace loadstar::server {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

const std::string kPython = "/usr/bin/python3";

std::filesystem::path anchorApps() {
    return testing::sourceDir() / "tests" / "fixtures" / "anchor_apps";
}

// Processes (not zombies) in the process group `group`, read from /proc.
int liveGroupMembers(pid_t group) {
    int n = 0;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        std::ifstream in(entry.path() / "stat");
        std::string text;
        if (!std::getline(in, text) || text.rfind(')') == std::string::npos) continue;
        char state = 0;
        long parent = 0;
        long pgrp = 0;
        if (std::sscanf(text.c_str() + text.rfind(')') + 1, " %c %ld %ld", &state, &parent, &pgrp) == 3 &&
            pgrp == group && state != 'Z')
            ++n;
    }
    return n;
}

std::unique_ptr<ExternalServer> launched(const ExternalServerOptions& options) {
    auto result = ExternalServer::launch(options);
    if (const auto* e = std::get_if<LaunchError>(&result)) {
        ADD_FAILURE() << e->message << "\n" << e->stderrText;
        return nullptr;
    }
    return std::move(std::get<std::unique_ptr<ExternalServer>>(result));
}

LaunchError failed(const ExternalServerOptions& options) {
    auto result = ExternalServer::launch(options);
    EXPECT_TRUE(std::holds_alternative<LaunchError>(result)) << "expected the launch to fail";
    return std::holds_alternative<LaunchError>(result) ? std::get<LaunchError>(result) : LaunchError{};
}

// The anchor apps under their real servers, with two workers each: started on a
// free loopback port, answering, sampled as a tree, stopped whole.
void checkAnchor(const std::vector<std::string>& command) {
    ExternalServerOptions options;
    options.command = commandLine(command);
    options.workingDirectory = anchorApps();
    options.readinessPath = "/hello";
    const auto server = launched(options);
    ASSERT_TRUE(server);
    EXPECT_GT(server->port(), 0);
    EXPECT_EQ(server->url(), "http://127.0.0.1:" + std::to_string(server->port()));
    EXPECT_GT(server->startDuration(), 0s);
    EXPECT_LT(server->startDuration(), options.readyTimeout);
    EXPECT_EQ(probeHttp("127.0.0.1", server->port(), "/io", 2s), 200);
    EXPECT_EQ(probeHttp("127.0.0.1", server->port(), "/missing", 2s), 404);

    // Both workers may still be starting when the master answers through the first.
    monitor::ProcessSample tree = monitor::ProcessSampler(server->pid(), monitor::SampleScope::Tree).sample();
    for (const auto until = std::chrono::steady_clock::now() + 10s;
         tree.processes < 3 && std::chrono::steady_clock::now() < until;) {
        std::this_thread::sleep_for(50ms);
        tree = monitor::ProcessSampler(server->pid(), monitor::SampleScope::Tree).sample();
    }
    EXPECT_TRUE(tree.alive);
    EXPECT_GE(tree.processes, 3) << "the master and two workers";
    EXPECT_GT(tree.rssBytes, 3u * (10u << 20)) << "three Python processes";

    const pid_t group = server->pid();
    EXPECT_GT(liveGroupMembers(group), 2);
    EXPECT_FALSE(server->exitStatus());
    const auto stopping = std::chrono::steady_clock::now();
    const int status = server->stop();
    EXPECT_LT(std::chrono::steady_clock::now() - stopping, 5s) << "a graceful stop, not the SIGKILL deadline";
    EXPECT_TRUE(status == 0 || status == 128 + SIGTERM) << status << "\n" << server->outputText();
    EXPECT_EQ(liveGroupMembers(group), 0) << "no process left behind";
    EXPECT_FALSE(probeHttp("127.0.0.1", server->port(), "/hello", 500ms));
}

TEST(ExternalServer, StartsAndStopsTheFastApiAnchorUnderUvicornWithTwoWorkers) {
    checkAnchor({kPython, "-m", "uvicorn", "fastapi_app:app", "--host", "{host}", "--port", "{port}",
                 "--workers", "2", "--no-access-log"});
}

TEST(ExternalServer, StartsAndStopsTheFlaskAnchorUnderGunicornWithTwoWorkers) {
    checkAnchor({kPython, "-m", "gunicorn", "-b", "{host}:{port}", "-w", "2", "--graceful-timeout", "3",
                 "flask_app:app"});
}

TEST(ExternalServer, AMasterThatIgnoresSigtermIsKilledWithEverythingItStarted) {
    ExternalServerOptions options;
    options.command = commandLine({kPython, "-c",
                                   "import signal, subprocess, sys, http.server as h\n"
                                   "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                                   "subprocess.Popen(['sleep', '60'])\n"
                                   "h.ThreadingHTTPServer((sys.argv[1], int(sys.argv[2])),"
                                   " h.SimpleHTTPRequestHandler).serve_forever()\n",
                                   "{host}", "{port}"});
    options.workingDirectory = anchorApps();
    const auto server = launched(options);
    ASSERT_TRUE(server);
    const pid_t group = server->pid();
    EXPECT_EQ(liveGroupMembers(group), 2) << "python and its sleep";
    const auto stopping = std::chrono::steady_clock::now();
    EXPECT_EQ(server->stop(300ms), 128 + SIGKILL);
    EXPECT_LT(std::chrono::steady_clock::now() - stopping, 4s);
    EXPECT_EQ(liveGroupMembers(group), 0) << "the sleep went with it";
}

TEST(ExternalServer, TheDestructorStopsTheServer) {
    ExternalServerOptions options;
    options.command = commandLine({kPython, "-m", "http.server", "{port}", "--bind", "{host}"});
    options.workingDirectory = anchorApps();
    pid_t group = -1;
    {
        const auto server = launched(options);
        ASSERT_TRUE(server);
        group = server->pid();
        EXPECT_EQ(liveGroupMembers(group), 1);
    }
    EXPECT_EQ(liveGroupMembers(group), 0);
}

TEST(ExternalServer, AServerThatExitsBeforeItAnswersIsReportedWithItsOutput) {
    ExternalServerOptions options;
    options.command = commandLine(
        {kPython, "-c", "import sys; print('cannot open the design', file=sys.stderr); sys.exit(3)"});
    const LaunchError e = failed(options);
    EXPECT_EQ(e.message, "the server exited with status 3 before it answered");
    EXPECT_THAT(e.stderrText, HasSubstr("cannot open the design"));

    options.command = commandLine({kPython, "-m", "no_such_server_module", "--port", "{port}"});
    EXPECT_THAT(failed(options).stderrText, HasSubstr("No module named no_such_server_module"));

    options.command = commandLine({"/nonexistent/uvicorn", "--port", "{port}"});
    EXPECT_EQ(failed(options).message, "cannot start /nonexistent/uvicorn: No such file or directory");
    options.command = nullptr;
    EXPECT_EQ(failed(options).message, "no command to start the server with");
}

TEST(ExternalServer, AServerThatNeverAnswersReadyIsStoppedAfterTheTimeout) {
    ExternalServerOptions options;
    options.command = commandLine({kPython, "-m", "http.server", "{port}", "--bind", "{host}"});
    options.workingDirectory = anchorApps();
    options.readinessPath = "/not-there";
    options.readyTimeout = 1000ms;
    const auto started = std::chrono::steady_clock::now();
    const LaunchError e = failed(options);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 6s);
    EXPECT_EQ(
        e.message,
        "the server did not answer GET /not-there with a 2xx status within 1000 ms (its last answer: 404)");
}

TEST(ExternalServer, ServesFromTheCpusItIsPinnedTo) {
    ExternalServerOptions options;
    options.command = commandLine({kPython, "-m", "http.server", "{port}", "--bind", "{host}"});
    options.workingDirectory = anchorApps();
    options.cpus = {0};
    const auto server = launched(options);
    ASSERT_TRUE(server);
    std::ifstream status("/proc/" + std::to_string(server->pid()) + "/status");
    std::string allowed;
    for (std::string line; std::getline(status, line);) {
        if (line.starts_with("Cpus_allowed_list:")) allowed = line.substr(line.find_first_not_of(" \t", 18));
    }
    EXPECT_EQ(allowed, "0");
}

TEST(ExternalServer, AProbeOfAClosedPortFindsNothing) {
    ExternalServerOptions options;
    options.command = commandLine({kPython, "-m", "http.server", "{port}", "--bind", "{host}"});
    options.workingDirectory = anchorApps();
    int port = 0;
    {
        const auto server = launched(options);
        ASSERT_TRUE(server);
        port = server->port();
        EXPECT_EQ(probeHttp("127.0.0.1", port, "/", 2s), 200);
    }
    EXPECT_FALSE(probeHttp("127.0.0.1", port, "/", 500ms));
    EXPECT_FALSE(probeHttp("not an address", port, "/", 500ms));
}

}  // namespace
}  // namespace loadstar::server
