#include <unistd.h>

#include <gtest/gtest.h>

#include "engine/model/target_url.h"
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
         "loadstar load: 10.1.2.3 is not a loopback address; Loadstar sends load only to this machine "
         "(127.0.0.0/8, ::1) or to a host allowed by name\n"
         "To send load to 10.1.2.3 anyway, say so by name: --allow-remote 10.1.2.3"},
        {"load http://10.1/ -d 1s",
         "loadstar load: \"10.1\" resolves to 10.0.0.1, not a loopback address; Loadstar sends load only to "
         "this machine (127.0.0.0/8, ::1) or to a host allowed by name\n"
         "To send load to 10.1 anyway, say so by name: --allow-remote 10.1"},
        {"load http://10.1.2.3/ --allow-remote 10.1.2.4",
         "loadstar load: 10.1.2.3 is not a loopback address; Loadstar sends load only to this machine "
         "(127.0.0.0/8, ::1) or to a host allowed by name (the host allowed is 10.1.2.4)"},
    };
    for (const auto& [args, message] : cases) {
        const auto r = runCommand(loadstar(args + " 2>&1 >/dev/null"));
        EXPECT_EQ(r.exitCode, 2) << args;
        EXPECT_TRUE(r.output.starts_with(message + "\n")) << args << "\n" << r.output;
    }
}

// --dry-run resolves and plans, prints, and sends nothing: the test server sees no
// connection at all.
TEST(LoadCommand, DryRunPrintsWhatWouldBeSentAndSendsNothing) {
    TestServer server;
    const auto r = runCommand(loadstar("load " + shellQuote(server.url("/hello?x=1")) +
                                       " -R 200 -d 30s --warmup 5s -c 40 -t 2 --dry-run"));
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_EQ(r.output,
              "Dry run: nothing is sent.\n"
              "  target       " +
                  server.url("/hello?x=1") +
                  "\n"
                  "  host         127.0.0.1: this machine (loopback)\n"
                  "  addresses    127.0.0.1\n"
                  "  load         open loop, up to 200 requests/s (on a fixed schedule)\n"
                  "  duration     35s (5s warm-up, then 30s measured)\n"
                  "  requests     about 7,000\n"
                  "  connections  up to 40 on 2 threads\n"
                  "  endpoints    GET /hello?x=1 100%\n");
    const auto closed =
        runCommand(loadstar("load " + shellQuote(server.url()) + " -c 8 -d 2s -n 500 --dry-run"));
    EXPECT_EQ(closed.exitCode, 0) << closed.output;
    EXPECT_NE(closed.output.find("  load         closed loop, up to 8 virtual users, each sending its next "
                                 "request when the answer arrives (no fixed rate)\n"),
              std::string::npos)
        << closed.output;
    EXPECT_NE(closed.output.find("  requests     at most 500 (the request cap)\n"), std::string::npos)
        << closed.output;
    EXPECT_EQ(server.connections(), 0u) << server.received();
}

// Consent is checked with --dry-run only: no test sends a packet outside loopback.
// The addresses are documentation ranges (192.0.2.0/24, 2001:db8::/32) and "10.1",
// which the resolver reads as 10.0.0.1 without a lookup.
TEST(LoadCommand, ATargetOutsideLoopbackNeedsItsHostAllowedByName) {
    const auto refused = runCommand(loadstar("load http://192.0.2.10:8080/x -R 50 -d 1m --dry-run 2>&1"));
    EXPECT_EQ(refused.exitCode, 2) << refused.output;
    EXPECT_NE(refused.output.find("loadstar load: refused: 192.0.2.10 is not a loopback address; " +
                                  std::string(model::kLoopbackOnly) +
                                  "\nTo send load to 192.0.2.10 anyway, say so by name: --allow-remote "
                                  "192.0.2.10\n"),
              std::string::npos)
        << refused.output;
    EXPECT_EQ(refused.output.find("addresses"), std::string::npos) << refused.output;

    const auto allowed = runCommand(
        loadstar("load http://192.0.2.10:8080/x -R 50 -d 1m --allow-remote 192.0.2.10 --dry-run 2>&1"));
    EXPECT_EQ(allowed.exitCode, 0) << allowed.output;
    EXPECT_NE(
        allowed.output.find("  host         192.0.2.10: outside this machine, allowed by --allow-remote "
                            "192.0.2.10\n  addresses    192.0.2.10\n"),
        std::string::npos)
        << allowed.output;
    EXPECT_NE(allowed.output.find("  requests     about 3,000\n"), std::string::npos) << allowed.output;

    const auto otherHost =
        runCommand(loadstar("load http://192.0.2.10/ --allow-remote 192.0.2.11 --dry-run 2>&1"));
    EXPECT_EQ(otherHost.exitCode, 2) << otherHost.output;
    EXPECT_NE(otherHost.output.find("(the host allowed is 192.0.2.11)"), std::string::npos)
        << otherHost.output;

    const auto v6 = runCommand(
        loadstar("load 'http://[2001:db8::7]:81/' --allow-remote '[2001:DB8:0::7]' --dry-run 2>&1"));
    EXPECT_EQ(v6.exitCode, 0) << v6.output;
    EXPECT_NE(v6.output.find("  addresses    2001:db8::7\n"), std::string::npos) << v6.output;

    // A name is judged by every address it resolves to.
    const auto name = runCommand(loadstar("load http://10.1:8080/ --dry-run 2>&1"));
    EXPECT_EQ(name.exitCode, 2) << name.output;
    EXPECT_NE(name.output.find("\"10.1\" resolves to 10.0.0.1, not a loopback address"), std::string::npos)
        << name.output;
    const auto allowedName =
        runCommand(loadstar("load http://10.1:8080/ --allow-remote 10.1 --dry-run 2>&1"));
    EXPECT_EQ(allowedName.exitCode, 0) << allowedName.output;
    EXPECT_NE(allowedName.output.find("  addresses    10.0.0.1\n"), std::string::npos) << allowedName.output;
}

}  // namespace
}  // namespace loadstar
