#include <filesystem>
#include <regex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/model/json.h"
#include "engine/results/run_store.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace loadstar {
namespace {

using loadstar::testing::readFile;
using loadstar::testing::runCommand;
using loadstar::testing::shellQuote;
using ::testing::HasSubstr;

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
        ++n;
    return n;
}

std::size_t lines(const std::string& text) {
    return occurrences(text, "\r\n");
}

// Two short runs of the benchmark plan against its embedded server, stored beside
// a copy of the project, through the real `loadstar` binary.
class ReportCommand : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new loadstar::testing::TempDir();
        project_ = (*dir_ / "plan.loadstar.json").string();
        std::filesystem::copy_file(
            std::filesystem::path(LOADSTAR_SOURCE_DIR) / "projects/benchmark-plan.loadstar.json", project_);
        for (int i = 0; i < 2; ++i) {
            const std::string outputs = i == 0 ? " --html " + shellQuote((*dir_ / "run.html").string()) +
                                                     " --json " + shellQuote((*dir_ / "run.json").string()) +
                                                     " --csv " + shellQuote((*dir_ / "run.csv").string()) +
                                                     " --junit " + shellQuote((*dir_ / "run.xml").string())
                                               : std::string();
            const auto r = runCommand(shellQuote(LOADSTAR_BINARY) + " run " + shellQuote(project_) +
                                      " --scenario micro-c10 --duration 1s --vus 4" + outputs + " 2>&1");
            ASSERT_EQ(r.exitCode, 0) << r.output;
            firstOutput_ = i == 0 ? r.output : firstOutput_;
        }
        for (const auto& stored : results::listRuns(project_))
            runs_.push_back(stored.file.string());
    }
    static void TearDownTestSuite() { delete dir_; }

    testing::ProcessResult report(const std::string& args) {
        return runCommand(shellQuote(LOADSTAR_BINARY) + " report " + args + " 2>&1");
    }

    static loadstar::testing::TempDir* dir_;
    static std::string project_;
    static std::string firstOutput_;
    static std::vector<std::string> runs_;
};

loadstar::testing::TempDir* ReportCommand::dir_ = nullptr;
std::string ReportCommand::project_;
std::string ReportCommand::firstOutput_;
std::vector<std::string> ReportCommand::runs_;

TEST_F(ReportCommand, RunWritesEveryAskedFormatMatchingTheStoredRun) {
    ASSERT_EQ(runs_.size(), 2u);
    EXPECT_THAT(firstOutput_, HasSubstr("report: " + (*dir_ / "run.html").string()));
    EXPECT_THAT(firstOutput_, HasSubstr("report: " + (*dir_ / "run.endpoints.csv").string()));
    const Json json = Json::parse(readFile(*dir_ / "run.json"));
    const Json stored = Json::parse(readFile(runs_.front()));
    EXPECT_EQ(json, stored) << "--json writes the RunResult as stored";
    EXPECT_EQ(json["server"]["concurrency"]["model"], "async") << "the embedded server's settings are kept";

    const std::string html = readFile(*dir_ / "run.html");
    EXPECT_EQ(occurrences(html, "<svg "), 6u);
    EXPECT_THAT(html, HasSubstr("<th>Project</th><td>Benchmark plan</td>"));
    // The server that answered, with its concurrency, version and cold start.
    EXPECT_THAT(html, HasSubstr("<th>Server</th><td>embedded server: async event loop, 1 thread; Loadstar "));
    EXPECT_THAT(html, HasSubstr("<th>Server concurrency</th><td>async event loop, 1 thread</td>"));
    EXPECT_THAT(html, HasSubstr("✓ PASSED: all 2 thresholds met"));

    const std::string csv = readFile(*dir_ / "run.csv");
    EXPECT_EQ(lines(csv), json["series"].size() + 1);
    EXPECT_EQ(lines(readFile(*dir_ / "run.endpoints.csv")), 1 + 1 + json["endpoints"].size());

    const std::string junit = readFile(*dir_ / "run.xml");
    EXPECT_THAT(junit, HasSubstr("<testsuites name=\"loadstar\" tests=\"2\" failures=\"0\" errors=\"0\""));
    EXPECT_EQ(occurrences(junit, "<testcase "), 2u);
}

TEST_F(ReportCommand, ComparesStoredRunsInEveryFormat) {
    ASSERT_EQ(runs_.size(), 2u);
    const auto out = [](const std::string& name) { return (*dir_ / name).string(); };
    const auto r = report(shellQuote(runs_[0]) + " " + shellQuote(runs_[1]) + " --html " +
                          shellQuote(out("c.html")) + " --json " + shellQuote(out("c.json")) + " --csv " +
                          shellQuote(out("c.csv")) + " --junit " + shellQuote(out("c.xml")) + " --hdr " +
                          shellQuote(out("c.hdr")) + " --pdf " + shellQuote(out("c.pdf")));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    for (const char* file :
         {"c.html", "c.json", "c.csv", "c.endpoints.csv", "c.xml", "c.A.hdr", "c.B.hdr", "c.pdf"})
        EXPECT_THAT(r.output, HasSubstr("report: " + out(file))) << file;

    const std::string html = readFile(out("c.html"));
    EXPECT_THAT(html, HasSubstr("<h1>Comparison of 2 runs</h1>"));
    EXPECT_THAT(html, HasSubstr("Benchmark plan · run A is the baseline"))
        << "the project found beside the runs";
    EXPECT_EQ(occurrences(html, "<svg "), 6u);
    EXPECT_THAT(html, HasSubstr("<h2 id=\"deltas\">Differences from the baseline</h2>"));

    const Json json = Json::parse(readFile(out("c.json")));
    EXPECT_EQ(json["format"], "loadstar-comparison");
    ASSERT_EQ(json["runs"].size(), 2u);
    EXPECT_EQ(json["runs"][1], Json::parse(readFile(runs_[1])));

    const std::size_t ticks = json["runs"][0]["series"].size() + json["runs"][1]["series"].size();
    EXPECT_EQ(lines(readFile(out("c.csv"))), ticks + 1);
    const std::string junit = readFile(out("c.xml"));
    EXPECT_THAT(junit, HasSubstr("<testsuites name=\"loadstar\" tests=\"4\" failures=\"0\" errors=\"0\""));
    EXPECT_EQ(occurrences(junit, "<testsuite "), 2u);
    EXPECT_THAT(readFile(out("c.B.hdr")), HasSubstr("#[Max     = "));

    const std::string pdf = readFile(out("c.pdf"));
    EXPECT_TRUE(pdf.starts_with("%PDF-"));
    const std::regex page("/Type\\s*/Page[^s]");
    EXPECT_GT(std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page), std::sregex_iterator()), 2);
}

TEST_F(ReportCommand, WithoutOutputsWritesHtmlBesideTheRun) {
    const auto r = report(shellQuote(runs_.front()));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const std::string html = std::filesystem::path(runs_.front()).replace_extension(".html").string();
    EXPECT_EQ(r.output, "report: " + html + "\n");
    EXPECT_THAT(readFile(html), HasSubstr("<h1>Load test report: micro-c10</h1>"));
    std::filesystem::remove(html);
}

TEST_F(ReportCommand, UnreadableRunsAndBadUsageAreErrors) {
    const auto missing = report(shellQuote((*dir_ / "nope.json").string()));
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_THAT(missing.output, HasSubstr("loadstar report: " + (*dir_ / "nope.json").string() + ": "));
    const auto none = report("");
    EXPECT_EQ(none.exitCode, 2);
    EXPECT_THAT(none.output, HasSubstr("give at least one RUN.json"));
    const auto unwritable = report(shellQuote(runs_.front()) + " --html /nonexistent-dir/r.html");
    EXPECT_EQ(unwritable.exitCode, 2);
    EXPECT_THAT(unwritable.output, HasSubstr("/nonexistent-dir/r.html"));
    const auto help = report("--help");
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_THAT(help.output, HasSubstr("usage: loadstar report RUN.json"));
}

}  // namespace
}  // namespace loadstar
