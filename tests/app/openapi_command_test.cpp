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
using ::testing::HasSubstr;

std::string validatorScript() {
    return (loadstar::testing::sourceDir() / "tests/tools/openapi-validator/validate.mjs").string();
}

// Every sample, exported by the real binary in both formats, passes the standard
// OpenAPI 3.1 validator (the official JSON schemas).
TEST(OpenApiCommand, EverySampleExportValidatesAgainstTheOfficialSchema) {
    ASSERT_TRUE(std::filesystem::exists(loadstar::testing::sourceDir() /
                                        "tests/tools/openapi-validator/node_modules"))
        << "run tests/tools/openapi-validator/install.sh";
    TempDir dir;
    std::string files;
    for (const auto& project : sampleProjects()) {
        const std::string stem = project.stem().stem().string();
        const auto json = dir / (stem + ".json");
        const auto yaml = dir / (stem + ".yaml");
        const auto exported =
            runCommand(shellQuote(LOADSTAR_BINARY) + " openapi " + shellQuote(project.string()) + " -o " +
                       shellQuote(json.string()) + " 2>&1");
        ASSERT_EQ(exported.exitCode, 0) << exported.output;
        const auto exportedYaml =
            runCommand(shellQuote(LOADSTAR_BINARY) + " openapi --yaml " + shellQuote(project.string()) +
                       " -o " + shellQuote(yaml.string()) + " 2>&1");
        ASSERT_EQ(exportedYaml.exitCode, 0) << exportedYaml.output;
        const Json document = Json::parse(readFile(json));
        EXPECT_EQ(document["openapi"], "3.1.0");
        files += " " + shellQuote(json.string()) + " " + shellQuote(yaml.string());
    }
    const auto validated = runCommand("node " + shellQuote(validatorScript()) + files + " 2>&1");
    EXPECT_EQ(validated.exitCode, 0) << validated.output;
}

TEST(OpenApiCommand, OutputIsDeterministicAndGoesToStdoutByDefault) {
    const std::string cmd =
        shellQuote(LOADSTAR_BINARY) + " openapi " +
        shellQuote((loadstar::testing::sourceDir() / "projects/bookstore.loadstar.json").string());
    const auto first = runCommand(cmd);
    const auto second = runCommand(cmd);
    ASSERT_EQ(first.exitCode, 0);
    EXPECT_EQ(first.output, second.output);
    const Json document = Json::parse(first.output);
    EXPECT_EQ(document["info"]["title"], "Bookstore API");
    EXPECT_TRUE(document["paths"].contains("/books/{book_id}"));
}

TEST(OpenApiCommand, BrokenProjectExitsTwoAndWritesNothing) {
    TempDir dir;
    const auto broken = dir / "broken.loadstar.json";
    loadstar::testing::writeFile(broken, "{\"loadstar\": 1,");
    const auto out = dir / "out.json";
    const auto o = runCommand(shellQuote(LOADSTAR_BINARY) + " openapi " + shellQuote(broken.string()) +
                              " -o " + shellQuote(out.string()) + " 2>&1");
    EXPECT_EQ(o.exitCode, 2);
    EXPECT_THAT(o.output, HasSubstr("truncated"));
    EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace loadstar::cli
