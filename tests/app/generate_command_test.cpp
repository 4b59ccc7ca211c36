#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/process.h"
#include "support/temp_dir.h"

namespace loadstar::cli {
namespace {

namespace fs = std::filesystem;
using loadstar::testing::readFile;
using loadstar::testing::runCommand;
using loadstar::testing::shellQuote;
using loadstar::testing::TempDir;
using ::testing::HasSubstr;

std::string generate(const std::string& arguments) {
    return shellQuote(LOADSTAR_BINARY) + " generate " + arguments + " 2>&1";
}

std::string sample(const std::string& name) {
    return shellQuote((loadstar::testing::sourceDir() / "projects" / (name + ".loadstar.json")).string());
}

TEST(GenerateCommand, WritesARunnableProjectAndSaysHowToStartIt) {
    TempDir dir;
    const fs::path out = dir / "predict";
    const auto result =
        runCommand(generate("fastapi " + sample("predict") + " -o " + shellQuote(out.string())));
    ASSERT_EQ(result.exitCode, 0) << result.output;
    EXPECT_THAT(result.output, HasSubstr("(FastAPI, app.main:app)"));
    EXPECT_THAT(result.output, HasSubstr("start-uvicorn.sh"));
    EXPECT_TRUE(fs::exists(out / "app/main.py"));
    EXPECT_TRUE(fs::exists(out / "requirements.txt"));
    EXPECT_THAT(readFile(out / "app/main.py"), HasSubstr("burn_cpu(2)"));
}

TEST(GenerateCommand, RefusesAFolderThatIsNotEmptyWithoutForceAndChangesNothing) {
    TempDir dir;
    loadstar::testing::writeFile(dir / "README.md", "my notes\n");
    const auto refused =
        runCommand(generate("flask " + sample("bookstore") + " -o " + shellQuote(dir.path())));
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_THAT(refused.output, HasSubstr("is not empty; use --force"));
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir.path()))
        files.push_back(entry.path().filename().string());
    EXPECT_EQ(files, std::vector<std::string>{"README.md"});
    EXPECT_EQ(readFile(dir / "README.md"), "my notes\n");

    const auto forced =
        runCommand(generate("flask " + sample("bookstore") + " -o " + shellQuote(dir.path()) + " --force"));
    ASSERT_EQ(forced.exitCode, 0) << forced.output;
    EXPECT_THAT(readFile(dir / "README.md"), HasSubstr("# Bookstore API (Flask)"));
    EXPECT_TRUE(fs::exists(dir / "start-gunicorn.sh"));
}

TEST(GenerateCommand, RefusesBadUsageAndDesignsWithErrors) {
    TempDir dir;
    EXPECT_THAT(
        runCommand(generate("django " + sample("predict") + " -o " + shellQuote((dir / "x").string())))
            .output,
        HasSubstr("unknown framework \"django\" (fastapi or flask)"));
    EXPECT_THAT(runCommand(generate("fastapi " + sample("predict"))).output, HasSubstr("-o DIR"));

    // A reference to a model the design lacks is an error: nothing is generated.
    std::string design = readFile(loadstar::testing::sourceDir() / "projects/predict.loadstar.json");
    design.replace(design.find("\"model\": \"PredictResponse\""), 26, "\"model\": \"Missing\"");
    loadstar::testing::writeFile(dir / "broken.loadstar.json", design);
    const auto refused =
        runCommand(generate("fastapi " + shellQuote((dir / "broken.loadstar.json").string()) + " -o " +
                            shellQuote((dir / "out").string())));
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_THAT(refused.output, HasSubstr("nothing was generated"));
    EXPECT_FALSE(fs::exists(dir / "out"));
}

}  // namespace
}  // namespace loadstar::cli
