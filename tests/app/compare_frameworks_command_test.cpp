#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <functional>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/results/run_store.h"
#include "support/process.h"
#include "support/processes_in.h"
#include "support/temp_dir.h"

extern char** environ;

namespace loadstar {
namespace {

using namespace std::chrono_literals;
using loadstar::testing::runCommand;
using loadstar::testing::shellQuote;
using ::testing::HasSubstr;

class CompareFrameworksCommand : public ::testing::Test {
  protected:
    void SetUp() override {
        project_ = dir_ / "plan.loadstar.json";
        std::filesystem::copy_file(testing::sourceDir() / "projects" / "benchmark-plan.loadstar.json",
                                   project_);
    }

    testing::ProcessResult compare(const std::string& args) {
        return runCommand("LOADSTAR_APP_CACHE=" + shellQuote((dir_ / "apps").string()) + " " +
                          shellQuote(LOADSTAR_BINARY) + " compare-frameworks " +
                          shellQuote(project_.string()) + " " + args + " 2>&1");
    }

    testing::TempDir dir_;
    std::filesystem::path project_;
};

TEST_F(CompareFrameworksCommand, RunsTheScenariosAndWritesTheTable) {
    const auto markdown = dir_ / "table.md";
    const auto html = dir_ / "table.html";
    const auto r =
        compare("--servers embedded -s micro-c10 -s io-c10 --duration 400ms --warmup 200ms --markdown " +
                shellQuote(markdown.string()) + " --html " + shellQuote(html.string()));
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("[1/2] micro-c10 on embedded server: "));
    EXPECT_THAT(r.output, HasSubstr("[2/2] io-c10 on embedded server: "));
    EXPECT_THAT(r.output,
                HasSubstr("| Scenario | Server | req/s | p50 | p95 | p99 | Errors | CPU/request |"));
    EXPECT_THAT(r.output, HasSubstr("| micro-c10 | embedded server | "));
    EXPECT_THAT(testing::readFile(markdown), HasSubstr("| io-c10 | embedded server | "));
    EXPECT_THAT(testing::readFile(html), HasSubstr("<h2>io-c10</h2>"));
    std::size_t stored = 0;
    for ([[maybe_unused]] const auto& entry :
         std::filesystem::directory_iterator(dir_ / "plan.loadstar.json.runs"))
        ++stored;
    EXPECT_EQ(stored, 2u) << "every run is stored like `loadstar run` stores it";
}

TEST_F(CompareFrameworksCommand, RefusesWhatItCannotRun) {
    const std::pair<std::string, std::string> cases[] = {
        {"--servers embedded,django",
         "loadstar: --servers wants embedded, fastapi and flask, separated by commas (not \"django\")\n"},
        {"--flask-workers 0", "loadstar: --flask-workers wants a count from 1 to 64\n"},
        {"--flask-worker-class gevent", "loadstar: --flask-worker-class wants sync or gthread\n"},
        {"--server-cpus 0-", "loadstar: --server-cpus: \"0-\" is not a CPU list such as 0 or 0,2-3\n"},
        {"-s nope",
         "loadstar compare-frameworks: " + project_.string() + ": the project has no scenario \"nope\"\n"},
    };
    for (const auto& [args, message] : cases) {
        const auto r = compare(args);
        EXPECT_EQ(r.exitCode, 2) << args;
        EXPECT_TRUE(r.output.starts_with(message)) << args << "\n" << r.output;
    }
    EXPECT_FALSE(std::filesystem::exists(dir_ / "plan.loadstar.json.runs")) << "nothing ran";
}

using loadstar::testing::processesIn;

// A `loadstar run --server flask` killed outright (no chance to clean up) still
// takes its gunicorn with it: the master is told when its launcher goes away.
TEST(RunCommandFrameworks, AKilledLoadstarLeavesNoServerBehind) {
    testing::TempDir dir;
    const auto project = dir / "plan.loadstar.json";
    std::filesystem::copy_file(testing::sourceDir() / "projects" / "benchmark-plan.loadstar.json", project);
    const auto output = dir / "output.txt";
    const std::string command = "LOADSTAR_APP_CACHE=" + shellQuote((dir / "apps").string()) + " exec " +
                                shellQuote(LOADSTAR_BINARY) + " run " + shellQuote(project.string()) +
                                " --scenario io-c10 --server flask --workers 2 --duration 60s --no-store > " +
                                shellQuote(output.string()) + " 2>&1";
    std::string shell = "/bin/sh";
    std::string dashC = "-c";
    std::string line = command;
    char* argv[] = {shell.data(), dashC.data(), line.data(), nullptr};
    pid_t loadstar = -1;
    ASSERT_EQ(::posix_spawn(&loadstar, "/bin/sh", nullptr, nullptr, argv, environ), 0);
    bool running = false;
    for (const auto until = std::chrono::steady_clock::now() + 60s;
         !running && std::chrono::steady_clock::now() < until;) {
        std::this_thread::sleep_for(100ms);
        running = testing::readFile(output).find("  target:") != std::string::npos;
    }
    ASSERT_TRUE(running) << testing::readFile(output);
    EXPECT_GE(processesIn(dir / "apps"), 3) << "gunicorn and its two workers";
    ::kill(loadstar, SIGKILL);
    ::waitpid(loadstar, nullptr, 0);
    int left = processesIn(dir / "apps");
    for (const auto until = std::chrono::steady_clock::now() + 20s;
         left > 0 && std::chrono::steady_clock::now() < until;) {
        std::this_thread::sleep_for(100ms);
        left = processesIn(dir / "apps");
    }
    EXPECT_EQ(left, 0);
}

// Whether `pid` has a handler of its own for SIGINT (SigCgt in /proc): `loadstar run`
// and compare-frameworks install one while a run is being driven.
bool catchesSigint(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("SigCgt:", 0) == 0) {
            const unsigned long long mask = std::stoull(line.substr(7), nullptr, 16);
            return (mask & (1ULL << (SIGINT - 1))) != 0;
        }
    }
    return false;
}

// Ctrl-C in the middle of a comparison (the second of four runs, the Flask app
// serving it): that run ends and is kept, the other two are skipped, every server
// process the comparison launched is gone, and what is stored is whole.
TEST(CompareFrameworksInterrupted, StopsEveryServerAndStoresNothingHalfWritten) {
    testing::TempDir dir;
    const auto project = dir / "plan.loadstar.json";
    std::filesystem::copy_file(testing::sourceDir() / "projects" / "benchmark-plan.loadstar.json", project);
    const auto output = dir / "output.txt";
    const auto markdown = dir / "table.md";
    const std::string command = "LOADSTAR_APP_CACHE=" + shellQuote((dir / "apps").string()) + " exec " +
                                shellQuote(LOADSTAR_BINARY) + " compare-frameworks " +
                                shellQuote(project.string()) +
                                " -s io-c10 -s micro-c10 --servers fastapi,flask --flask-workers 2"
                                " --duration 6s --warmup 200ms --markdown " +
                                shellQuote(markdown.string()) + " > " + shellQuote(output.string()) + " 2>&1";
    std::string shell = "/bin/sh";
    std::string dashC = "-c";
    std::string line = command;
    char* argv[] = {shell.data(), dashC.data(), line.data(), nullptr};
    pid_t loadstar = -1;
    ASSERT_EQ(::posix_spawn(&loadstar, "/bin/sh", nullptr, nullptr, argv, environ), 0);

    // Run 1 (FastAPI) runs out by itself; Ctrl-C comes once run 2 is being driven.
    const auto waitFor = [&](const std::function<bool()>& done, std::chrono::seconds limit) {
        for (const auto until = std::chrono::steady_clock::now() + limit;
             std::chrono::steady_clock::now() < until;) {
            if (done()) return true;
            std::this_thread::sleep_for(50ms);
        }
        return done();
    };
    const bool secondRunDriven = waitFor(
        [&] {
            return testing::readFile(output).find("[2/4] io-c10 on Flask") != std::string::npos &&
                   catchesSigint(loadstar);
        },
        120s);
    if (!secondRunDriven) ::kill(loadstar, SIGKILL);
    ASSERT_TRUE(secondRunDriven) << testing::readFile(output);
    EXPECT_GE(processesIn(dir / "apps"), 3) << "gunicorn and its two workers serve run 2";
    ::kill(loadstar, SIGINT);
    int status = 0;
    const bool ended = waitFor([&] { return ::waitpid(loadstar, &status, WNOHANG) == loadstar; }, 60s);
    if (!ended) {
        ::kill(loadstar, SIGKILL);
        ::waitpid(loadstar, nullptr, 0);
    }
    ASSERT_TRUE(ended) << "Ctrl-C ends the comparison\n" << testing::readFile(output);
    const std::string text = testing::readFile(output);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << text;
    EXPECT_THAT(text, HasSubstr("interrupted: the remaining 2 runs are skipped"));
    EXPECT_EQ(text.find("[3/4]"), std::string::npos) << text;
    EXPECT_EQ(processesIn(dir / "apps"), 0) << "no server process is left behind";

    // Stored: the two runs made, each whole (it reads back), and no temporary file.
    std::vector<results::RunResult> stored;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "plan.loadstar.json.runs")) {
        const std::string name = entry.path().filename().string();
        EXPECT_EQ(name.find(".tmp"), std::string::npos) << name;
        auto read = results::readRunResult(entry.path());
        ASSERT_TRUE(std::holds_alternative<results::RunResult>(read)) << name;
        stored.push_back(std::get<results::RunResult>(std::move(read)));
    }
    ASSERT_EQ(stored.size(), 2u);
    EXPECT_EQ(std::count_if(stored.begin(), stored.end(), [](const auto& r) { return r.interrupted; }), 1);
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
    const std::string table = testing::readFile(markdown);
    EXPECT_THAT(table, HasSubstr("| io-c10 | FastAPI"));
    EXPECT_THAT(table, HasSubstr("| io-c10 (interrupted) | Flask"));
    EXPECT_EQ(table.find("micro-c10"), std::string::npos) << "the skipped runs are not in the table";
}

}  // namespace
}  // namespace loadstar
