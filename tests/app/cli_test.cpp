#include "app/cli/cli.h"

#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/model/json.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace loadstar::cli {
namespace {

using loadstar::testing::readFile;
using loadstar::testing::runCommand;
using loadstar::testing::sampleProjects;
using loadstar::testing::shellQuote;
using loadstar::testing::TempDir;
using loadstar::testing::writeFile;
using ::testing::HasSubstr;
using ::testing::Not;

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

Outcome cli(std::vector<std::string> args) {
    std::ostringstream out;
    std::ostringstream err;
    const int code = run(args, out, err);
    return {code, out.str(), err.str()};
}

TEST(Cli, HelpAndVersion) {
    const Outcome help = cli({"--help"});
    EXPECT_EQ(help.code, kExitOk);
    EXPECT_THAT(help.out, HasSubstr("usage: loadstar [PROJECT]"));
    EXPECT_THAT(help.out, HasSubstr("  check "));
    const Outcome version = cli({"--version"});
    EXPECT_EQ(version.code, kExitOk);
    EXPECT_EQ(version.out, std::string("loadstar ") + LOADSTAR_VERSION + "\n");
    const Outcome checkHelp = cli({"help", "check"});
    EXPECT_THAT(checkHelp.out, HasSubstr("usage: loadstar check PROJECT"));
}

TEST(Cli, ServeThreadsMustBeAPlausibleCountForTheAsyncModel) {
    const std::string plan =
        (loadstar::testing::sourceDir() / "projects/benchmark-plan.loadstar.json").string();
    for (const char* bad : {"0", "65", "two", ""}) {
        const Outcome outcome = cli({"serve", plan, "--port", "0", "--threads", bad});
        EXPECT_EQ(outcome.code, kExitError) << bad;
        EXPECT_THAT(outcome.err, HasSubstr("--threads must be a number from 1 to 64")) << bad;
    }
    TempDir dir;
    Json project = Json::parse(readFile(plan));
    project["server"]["concurrency"]["model"] = "worker_pool";
    const auto pool = dir.path() / "pool.loadstar.json";
    writeFile(pool, project.dump());
    const Outcome outcome = cli({"serve", pool.string(), "--port", "0", "--threads", "2"});
    EXPECT_EQ(outcome.code, kExitError);
    EXPECT_THAT(outcome.err, HasSubstr("--threads applies to the async model"));
}

TEST(Cli, UnknownCommandsAndOptionsAreUsageErrors) {
    const Outcome unknown = cli({"--frobnicate"});
    EXPECT_EQ(unknown.code, kExitError);
    EXPECT_THAT(unknown.err, HasSubstr("unknown command or option \"--frobnicate\""));
    const Outcome badOption = cli({"check", "--nope", "x.json"});
    EXPECT_EQ(badOption.code, kExitError);
    EXPECT_THAT(badOption.err, HasSubstr("unknown option --nope"));
    EXPECT_FALSE(isCliInvocation({}));
    EXPECT_FALSE(isCliInvocation({"projects/x.loadstar.json"}));
    EXPECT_TRUE(isCliInvocation({"check"}));
}

TEST(Cli, CheckPassesOnEverySample) {
    for (const auto& file : sampleProjects()) {
        const Outcome o = cli({"check", file.string()});
        EXPECT_EQ(o.code, kExitOk) << o.out << o.err;
        EXPECT_EQ(o.out, file.string() + ": no problems\n");
    }
}

TEST(Cli, CheckReportsPlantedProblemsInABrokenCopy) {
    TempDir dir;
    std::string text = readFile(loadstar::testing::sourceDir() / "projects/bookstore.loadstar.json");
    // Plant: a second GET /books/{id}, an unknown model, impossible bounds.
    const auto replace = [&text](const std::string& from, const std::string& to) {
        const std::size_t at = text.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        text.replace(at, from.size(), to);
    };
    replace("\"path\": \"/authors/{author_id}/books\"", "\"path\": \"/authors/{id}\"");
    replace("\"model\": \"NotFound\"", "\"model\": \"Missing\"");
    replace("\"le\": 1000", "\"le\": -1");
    const auto copy = dir / "broken.loadstar.json";
    writeFile(copy, text);
    const Outcome o = cli({"check", copy.string()});
    EXPECT_EQ(o.code, kExitProblems);
    EXPECT_THAT(
        o.out, HasSubstr(copy.string() + ":/endpoints/8/path: error: duplicate route: GET /authors/{id} is "
                                         "the same route as GET /authors/{author_id} (endpoint get_author)"));
    EXPECT_THAT(o.out, HasSubstr("error: path parameter {id} is not declared in the parameters"));
    EXPECT_THAT(o.out, HasSubstr(":/endpoints/2/responses/1/body/model: error: unknown model \"Missing\""));
    EXPECT_THAT(o.out, HasSubstr(":/models/0/fields/0/gt: error: impossible bounds"));
    EXPECT_THAT(o.out,
                HasSubstr(":/models/0/fields/0/example: error: the example 110 is not valid: Input should be "
                          "less than or equal to -1"));
    EXPECT_THAT(o.out, HasSubstr(copy.string() + ": 6 errors, 0 warnings"));

    const Outcome json = cli({"check", "--json", copy.string()});
    EXPECT_EQ(json.code, kExitProblems);
    const Json parsed = Json::parse(json.out);
    EXPECT_EQ(parsed["errors"], 6);
    EXPECT_EQ(parsed["problems"][0]["severity"], "error");
}

TEST(Cli, CheckOnAnUnreadableProjectExitsTwo) {
    TempDir dir;
    const auto file = dir / "truncated.loadstar.json";
    writeFile(file, R"({"loadstar": 1, "name": )");
    const Outcome o = cli({"check", file.string()});
    EXPECT_EQ(o.code, kExitError);
    EXPECT_THAT(o.err, HasSubstr(file.string() + ": line 1, column "));
    EXPECT_THAT(o.err, HasSubstr("truncated"));
    EXPECT_EQ(cli({"check", (dir / "absent.json").string()}).code, kExitError);
}

TEST(Cli, FormatRewritesOnlyWhatDiffers) {
    TempDir dir;
    const auto file = dir / "p.loadstar.json";
    writeFile(
        file,
        R"({"loadstar":1,"name":"P","endpoints":[{"id":"a","method":"GET","path":"/a","responses":[]}]})");
    EXPECT_EQ(cli({"format", "--check", file.string()}).code, kExitProblems);
    const Outcome o = cli({"format", file.string()});
    EXPECT_EQ(o.code, kExitOk);
    EXPECT_EQ(o.out, file.string() + ": rewritten\n");
    EXPECT_EQ(cli({"format", "--check", file.string()}).code, kExitOk);
    EXPECT_THAT(readFile(file), HasSubstr("\"name\": \"P\""));
}

// The real binary, as a user runs it.
TEST(CliBinary, ExitCodesAndStreams) {
    const std::string bin = shellQuote(LOADSTAR_BINARY);
    const auto version = runCommand(bin + " --version");
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_EQ(version.output, std::string("loadstar ") + LOADSTAR_VERSION + "\n");
    const auto check = runCommand(bin + " check " + shellQuote(sampleProjects().front().string()));
    EXPECT_EQ(check.exitCode, 0);
    const auto missing = runCommand(bin + " check /nonexistent/x.json 2>&1");
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_THAT(missing.output, HasSubstr("/nonexistent/x.json: cannot read"));
}

TEST(CliBinary, LinksNoGuiToolkit) {
    // The load generator and the server run from this binary; Qt would cost them
    // memory and start-up time (see app/CMakeLists.txt).
    const auto libraries = runCommand("ldd " + shellQuote(LOADSTAR_BINARY));
    ASSERT_EQ(libraries.exitCode, 0);
    EXPECT_THAT(libraries.output, HasSubstr("libc.so"));
    EXPECT_THAT(libraries.output, Not(HasSubstr("Qt")));
}

TEST(CliBinary, OpensTheWorkbenchBesideIt) {
    // A project path: `loadstar` hands over to `loadstar-workbench`, which alone
    // knows about displays.
    const auto o = runCommand("env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM " +
                              shellQuote(LOADSTAR_BINARY) + " some-project.loadstar.json 2>&1");
    EXPECT_EQ(o.exitCode, 2);
    EXPECT_THAT(o.output, HasSubstr("no display found"));
    EXPECT_THAT(
        runCommand(
            "ldd " +
            shellQuote(
                (std::filesystem::path(LOADSTAR_BINARY).parent_path() / "loadstar-workbench").string()))
            .output,
        HasSubstr("Qt6Widgets"));
}

TEST(CliBinary, WithoutADisplayTheWorkbenchSaysHowToUseTheCli) {
    const auto o = runCommand("env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM " +
                              shellQuote(LOADSTAR_BINARY) + " 2>&1");
    EXPECT_EQ(o.exitCode, 2);
    EXPECT_THAT(o.output, HasSubstr("no display found"));
    EXPECT_THAT(o.output, HasSubstr("loadstar COMMAND [ARGS...]"));
}

}  // namespace
}  // namespace loadstar::cli
