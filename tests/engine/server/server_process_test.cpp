#include "engine/server/server_process.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <thread>

#include <gtest/gtest.h>

#include "engine/model/json.h"
#include "tests/engine/server/http_test_client.h"

namespace loadstar::server {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

// Stand-in `loadstar` binaries: shell scripts that behave like `loadstar serve` would.
class ServerProcessTest : public ::testing::Test {
  protected:
    fs::path dir = fs::temp_directory_path() / ("loadstar-server-process-" + std::to_string(::getpid()));

    ServerProcessTest() { fs::create_directories(dir); }
    ~ServerProcessTest() override { fs::remove_all(dir); }

    std::string script(const std::string& name, const std::string& body) {
        const fs::path path = dir / name;
        std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
        fs::permissions(path, fs::perms::owner_all);
        return path.string();
    }

    static ServerProcessOptions options(std::string binary) {
        ServerProcessOptions o;
        o.binary = std::move(binary);
        o.project = "design.loadstar.json";
        o.readyTimeout = std::chrono::seconds(10);
        return o;
    }
};

TEST_F(ServerProcessTest, DetectsReadinessFromTheFirstLineAndStopsWithSigterm) {
    const std::string binary = script("ready", R"(
[ "$1 $2 $3 $4" = "serve design.loadstar.json --port 0" ] || { echo "bad args: $*" >&2; exit 3; }
trap 'echo stopping >&2; exit 0' TERM
echo "listening on http://127.0.0.1:4321"
echo "serving" >&2
while :; do sleep 0.05; done)");
    auto launched = ServerProcess::launch(options(binary));
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<ServerProcess>>(launched))
        << std::get<LaunchError>(launched).message << "\n"
        << std::get<LaunchError>(launched).stderrText;
    auto& process = std::get<std::unique_ptr<ServerProcess>>(launched);
    EXPECT_GT(process->pid(), 0);
    EXPECT_EQ(process->host(), "127.0.0.1");
    EXPECT_EQ(process->port(), 4321);
    EXPECT_EQ(process->url(), "http://127.0.0.1:4321");
    EXPECT_EQ(process->exitStatus(), std::nullopt);
    EXPECT_EQ(process->stop(std::chrono::seconds(5)), 0);
    EXPECT_EQ(process->exitStatus(), 0);
    EXPECT_NE(process->stderrText().find("stopping"), std::string::npos);
}

TEST_F(ServerProcessTest, ReportsAnEarlyExitWithItsStderr) {
    const std::string binary =
        script("broken", R"(echo "design.loadstar.json: line 3, column 1: bad" >&2; exit 2)");
    auto launched = ServerProcess::launch(options(binary));
    ASSERT_TRUE(std::holds_alternative<LaunchError>(launched));
    const LaunchError& error = std::get<LaunchError>(launched);
    EXPECT_EQ(error.message, "the server exited with status 2 before it was ready");
    EXPECT_EQ(error.stderrText, "design.loadstar.json: line 3, column 1: bad\n");
}

TEST_F(ServerProcessTest, GivesUpWhenReadinessNeverComes) {
    ServerProcessOptions o = options(script("silent", "exec sleep 30"));
    o.readyTimeout = milliseconds(300);
    const auto begin = std::chrono::steady_clock::now();
    auto launched = ServerProcess::launch(o);
    ASSERT_TRUE(std::holds_alternative<LaunchError>(launched));
    EXPECT_EQ(std::get<LaunchError>(launched).message,
              "the server did not report that it was listening within 300 ms");
    EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(5));
}

TEST_F(ServerProcessTest, RefusesAnUnexpectedFirstLine) {
    auto launched = ServerProcess::launch(options(script("chatty", "echo hello; sleep 30")));
    ASSERT_TRUE(std::holds_alternative<LaunchError>(launched));
    EXPECT_EQ(std::get<LaunchError>(launched).message, "unexpected first line from the server: \"hello\"");
}

TEST_F(ServerProcessTest, KillsAChildThatIgnoresSigterm) {
    const std::string binary = script("stubborn", R"(
trap '' TERM
echo "listening on http://127.0.0.1:4322"
while :; do sleep 0.05; done)");
    auto launched = ServerProcess::launch(options(binary));
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<ServerProcess>>(launched));
    EXPECT_EQ(std::get<std::unique_ptr<ServerProcess>>(launched)->stop(milliseconds(200)), 128 + SIGKILL);
}

TEST_F(ServerProcessTest, MissingBinaryIsALaunchError) {
    auto launched = ServerProcess::launch(options((dir / "nothing-here").string()));
    ASSERT_TRUE(std::holds_alternative<LaunchError>(launched));
    EXPECT_NE(std::get<LaunchError>(launched).message.find("No such file or directory"), std::string::npos);
}

TEST(ConnectHost, EveryInterfaceIsReachedThroughLoopback) {
    EXPECT_EQ(connectHost("0.0.0.0"), "127.0.0.1");
    EXPECT_EQ(connectHost("::"), "::1");
    EXPECT_EQ(connectHost("127.0.0.5"), "127.0.0.5");
    EXPECT_EQ(connectHost("::1"), "::1");
    EXPECT_EQ(connectHost("localhost"), "localhost");
}

// The real `loadstar serve` on the Benchmark plan sample.
ServerProcessOptions servingTheSample() {
    ServerProcessOptions o;
    o.binary = LOADSTAR_BINARY;
    o.project = std::string(LOADSTAR_SOURCE_DIR) + "/projects/benchmark-plan.loadstar.json";
    return o;
}

TEST(ServerProcessEndToEnd, AServerOnEveryInterfaceIsReachedThroughLoopback) {
    ServerProcessOptions o = servingTheSample();
    o.host = "0.0.0.0";
    auto launched = ServerProcess::launch(o);
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<ServerProcess>>(launched))
        << std::get<LaunchError>(launched).message;
    auto& process = std::get<std::unique_ptr<ServerProcess>>(launched);
    EXPECT_EQ(process->host(), "0.0.0.0");
    EXPECT_EQ(process->url(), "http://127.0.0.1:" + std::to_string(process->port()));
    testing::HttpTestClient client(process->port());
    ASSERT_TRUE(client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto hello = client.read();
    ASSERT_TRUE(hello);
    EXPECT_EQ(hello->status, 200);
    EXPECT_EQ(process->stop(std::chrono::seconds(10)), 0);
}

// The real `loadstar serve` on a sample project, end to end.
TEST(ServerProcessEndToEnd, ServesASampleProjectAndStopsGracefully) {
    auto launched = ServerProcess::launch(servingTheSample());
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<ServerProcess>>(launched))
        << std::get<LaunchError>(launched).message << "\n"
        << std::get<LaunchError>(launched).stderrText;
    auto& process = std::get<std::unique_ptr<ServerProcess>>(launched);
    EXPECT_EQ(process->host(), "127.0.0.1");
    testing::HttpTestClient client(process->port());
    ASSERT_TRUE(client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto hello = client.read();
    ASSERT_TRUE(hello);
    EXPECT_EQ(hello->status, 200);
    EXPECT_EQ(hello->body, R"({"msg":"hi"})");
    ASSERT_TRUE(client.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto health = client.read();
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
    EXPECT_EQ(process->stop(std::chrono::seconds(10)), 0);
}

TEST_F(ServerProcessTest, PassesAccessLogOptionsAndCollectsItsLines) {
    const std::string binary = script("logging", R"(
[ "$5 $6 $7" = "--access-log --access-log-rate 7" ] || { echo "bad args: $*" >&2; exit 3; }
trap 'exit 0' TERM
printf 'listening on http://127.0.0.1:4321\ndocs http://127.0.0.1:4321/docs\n{"target":"/a"}\n'
sleep 0.2
printf '{"target":"/b"}\n{"time":"t","sk'
sleep 0.2
printf 'ipped":3}\n'
while :; do sleep 0.05; done)");
    ServerProcessOptions o = options(binary);
    o.accessLog = true;
    o.accessLogRate = 7;
    auto launched = ServerProcess::launch(o);
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<ServerProcess>>(launched))
        << std::get<LaunchError>(launched).message << "\n"
        << std::get<LaunchError>(launched).stderrText;
    auto& process = std::get<std::unique_ptr<ServerProcess>>(launched);
    std::vector<std::string> lines;
    for (int i = 0; i < 200 && lines.size() < 3; ++i) {
        std::this_thread::sleep_for(milliseconds(10));
        for (std::string& line : process->takeAccessLogLines())
            lines.push_back(std::move(line));
    }
    EXPECT_EQ(lines, (std::vector<std::string>{R"({"target":"/a"})", R"({"target":"/b"})",
                                               R"({"time":"t","skipped":3})"}));
    EXPECT_TRUE(process->takeAccessLogLines().empty());
    EXPECT_EQ(process->stop(std::chrono::seconds(5)), 0);
}

TEST(ServerProcessEndToEnd, TheAccessLogReportsEachRequest) {
    ServerProcessOptions o;
    o.binary = LOADSTAR_BINARY;
    o.project = std::string(LOADSTAR_SOURCE_DIR) + "/projects/benchmark-plan.loadstar.json";
    o.accessLog = true;
    auto launched = ServerProcess::launch(o);
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<ServerProcess>>(launched))
        << std::get<LaunchError>(launched).message << "\n"
        << std::get<LaunchError>(launched).stderrText;
    auto& process = std::get<std::unique_ptr<ServerProcess>>(launched);
    testing::HttpTestClient client(process->port());
    for (const char* target : {"/hello", "/nowhere"}) {
        ASSERT_TRUE(client.send("GET " + std::string(target) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        ASSERT_TRUE(client.read());
    }
    std::vector<std::string> lines;
    for (int i = 0; i < 300 && lines.size() < 2; ++i) {
        std::this_thread::sleep_for(milliseconds(10));
        for (std::string& line : process->takeAccessLogLines())
            lines.push_back(std::move(line));
    }
    ASSERT_EQ(lines.size(), 2u);
    const Json hello = Json::parse(lines[0]);
    EXPECT_EQ(hello["method"], "GET");
    EXPECT_EQ(hello["target"], "/hello");
    EXPECT_EQ(hello["status"], 200);
    EXPECT_EQ(Json::parse(lines[1])["status"], 404);
    EXPECT_EQ(process->stop(std::chrono::seconds(10)), 0);
}

TEST(ServerProcessEndToEnd, AnUnreadableProjectExitsWith2AndSaysWhy) {
    ServerProcessOptions o;
    o.binary = LOADSTAR_BINARY;
    o.project = "/nonexistent/design.loadstar.json";
    auto launched = ServerProcess::launch(o);
    ASSERT_TRUE(std::holds_alternative<LaunchError>(launched));
    const LaunchError& error = std::get<LaunchError>(launched);
    EXPECT_EQ(error.message, "the server exited with status 2 before it was ready");
    EXPECT_NE(error.stderrText.find("/nonexistent/design.loadstar.json"), std::string::npos);
}

}  // namespace
}  // namespace loadstar::server
