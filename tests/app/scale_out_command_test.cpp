#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "support/process.h"
#include "support/scale_out.h"
#include "support/temp_dir.h"

namespace loadstar {
namespace {

using loadstar::testing::runCommand;
using loadstar::testing::shellQuote;
using ::testing::HasSubstr;

class ScaleOutCommands : public ::testing::Test {
  protected:
    void SetUp() override {
        project_ = (dir_ / "p.loadstar.json").string();
        ASSERT_TRUE(std::holds_alternative<std::monostate>(
            model::saveProject(loadstar::testing::scaleOutProject(), project_)));
    }
    testing::ProcessResult loadstar(const std::string& args, const std::string& env = "") {
        return runCommand(env + shellQuote(LOADSTAR_BINARY) + " " + args + " 2>&1");
    }

    loadstar::testing::TempDir dir_;
    std::string project_;
};

TEST_F(ScaleOutCommands, ExportWritesTheLocustfileWithItsDataAndTheK6OperatorFiles) {
    const auto locust = loadstar("export locust " + shellQuote(project_) + " --scenario mixed -o " +
                                 shellQuote((dir_ / "mixed.py").string()));
    ASSERT_EQ(locust.exitCode, 0) << locust.output;
    EXPECT_TRUE(std::filesystem::exists(dir_ / "mixed.py"));
    EXPECT_TRUE(std::filesystem::exists(dir_ / "mixed.data.json")) << "the data file beside it";
    EXPECT_THAT(loadstar::testing::readFile(dir_ / "mixed.py"), HasSubstr("\"mixed.data.json\""));

    const auto k6 = loadstar("export k6 " + shellQuote(project_) + " --scenario rate --operator 3 -o " +
                             shellQuote((dir_ / "k8s").string()) + " --base-url http://api.test:8000");
    ASSERT_EQ(k6.exitCode, 0) << k6.output;
    for (const char* f : {"script.js", "configmap.yaml", "testrun.yaml"})
        EXPECT_TRUE(std::filesystem::exists(dir_ / "k8s" / f)) << f;
    EXPECT_THAT(loadstar::testing::readFile(dir_ / "k8s" / "testrun.yaml"), HasSubstr("parallelism: 3"));

    const auto bad = loadstar("export jmeter " + shellQuote(project_) + " --scenario mixed -o x");
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_THAT(bad.output, HasSubstr("unknown engine \"jmeter\": give locust or k6"));
}

TEST_F(ScaleOutCommands, ImportResultsStoresAK6SummaryInTheProjectsHistory) {
    const std::string fixture =
        (loadstar::testing::sourceDir() / "tests/fixtures/k6/summary-export.json").string();
    const auto r = loadstar("import-results " + shellQuote(fixture) + " --project " + shellQuote(project_));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("k6 run "));
    EXPECT_THAT(r.output, HasSubstr("1200 requests"));
    EXPECT_THAT(r.output, HasSubstr("note: Imported from k6's end-of-test summary"));
    std::size_t stored = 0;
    for (const auto& entry : std::filesystem::directory_iterator(project_ + ".runs"))
        stored += entry.path().extension() == ".json" ? 1u : 0u;
    EXPECT_EQ(stored, 1u);

    const auto missing = loadstar("import-results " + shellQuote(project_ + ".nope"));
    EXPECT_EQ(missing.exitCode, 2);
}

TEST_F(ScaleOutCommands, RunWithLocustMissingNamesThePackage) {
    const auto r = loadstar("run " + shellQuote(project_) + " --scenario mixed --engine locust",
                            "PATH=" + shellQuote(dir_.path().string()) + " ");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_THAT(r.output, HasSubstr("Locust is not installed"));
    EXPECT_THAT(r.output, HasSubstr("python3-locust"));

    const auto misuse = loadstar("run " + shellQuote(project_) + " --scenario mixed --workers 2");
    EXPECT_EQ(misuse.exitCode, 2);
    EXPECT_THAT(misuse.output, HasSubstr("--workers is for --engine locust"));
}

}  // namespace
}  // namespace loadstar
