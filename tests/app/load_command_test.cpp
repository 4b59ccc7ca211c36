#include <unistd.h>

#include <gtest/gtest.h>

#include "support/process.h"
#include "support/temp_dir.h"
#include "support/test_server.h"

namespace loadstar {
namespace {

using loadstar::testing::runCommand;
using loadstar::testing::shellQuote;
using loadstar::testing::TestServer;

std::string loadstar(const std::string& args) {
    return shellQuote(LOADSTAR_BINARY) + " " + args;
}

TEST(LoadCommand, PrintsAWrkStyleReport) {
    TestServer server;
    const auto r =
        runCommand(loadstar("load " + shellQuote(server.url()) + " -c4 -d 400ms -n 300 --latency --pid " +
                            std::to_string(::getpid()) + " 2>&1"));
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("Running 400ms test @ " + server.url() + "\n  1 threads and 4 connections\n"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("  Latency Distribution\n     50%"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("  300 requests in "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("Requests/sec: "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("Note: closed loop"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\nGenerator: CPU "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\nTarget process: CPU "), std::string::npos) << r.output;
}

TEST(LoadCommand, OpenLoopShowsCorrectedAndUncorrected) {
    TestServer server;
    loadstar::testing::TempDir dir;
    const auto hdr = dir / "out.hgrm";
    const auto json = dir / "out.json";
    const auto r =
        runCommand(loadstar("load " + shellQuote(server.url()) + " -R 200 -d 500ms -H 'X-Key: abc' --hdr " +
                            shellQuote(hdr.string()) + " --json " + shellQuote(json.string()) + " 2>&1"));
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("  100 requests in 0.50s"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("  corrected:   p50 "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("  uncorrected: p50 "), std::string::npos) << r.output;
    EXPECT_NE(server.received().find("\r\nX-Key: abc\r\n"), std::string::npos);
    EXPECT_TRUE(loadstar::testing::readFile(hdr).starts_with("       Value     Percentile TotalCount"));
    EXPECT_NE(loadstar::testing::readFile(json).find("\"executor\": \"open\""), std::string::npos);
}

TEST(LoadCommand, CtrlCStillPrintsTheResult) {
    TestServer server;
    // timeout sends SIGINT after 1 s to a 60 s run; --preserve-status passes our exit code on.
    const auto r = runCommand("timeout --preserve-status -s INT 1 " +
                              loadstar("load " + shellQuote(server.url()) + " -c 2 -d 60s 2>&1"));
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("Requests/sec: "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("Interrupted: the run was stopped early"), std::string::npos) << r.output;
}

TEST(LoadCommand, RefusesBadArguments) {
    const std::pair<std::string, std::string> cases[] = {
        {"load", "loadstar: give exactly one URL"},
        {"load ftp://x/", "loadstar: ftp://x/: expected a URL starting with http:// or https://"},
        {"load http://127.0.0.1:1/ -c 0", "loadstar: -c wants a count from 1 to 100000"},
        {"load http://127.0.0.1:1/ -d forever", "loadstar: -d wants a duration such as 10s"},
        {"load http://127.0.0.1:1/ -R 0", "loadstar: -R wants a rate above 0"},
        {"load http://127.0.0.1:1/ -H nocolon", "loadstar: -H wants 'Name: value', got \"nocolon\""},
        {"load http://10.1.2.3/",
         "loadstar: http://10.1.2.3/: 10.1.2.3 is not a loopback address; Loadstar sends load only to this "
         "machine (127.0.0.0/8, ::1)"},
        {"load http://10.1/ -d 1s",
         "loadstar load: \"10.1\" resolves to 10.0.0.1, not a loopback address; Loadstar sends load only to "
         "this "
         "machine (127.0.0.0/8, ::1)"},
    };
    for (const auto& [args, message] : cases) {
        const auto r = runCommand(loadstar(args + " 2>&1 >/dev/null"));
        EXPECT_EQ(r.exitCode, 2) << args;
        EXPECT_TRUE(r.output.starts_with(message + "\n")) << args << "\n" << r.output;
    }
}

}  // namespace
}  // namespace loadstar
