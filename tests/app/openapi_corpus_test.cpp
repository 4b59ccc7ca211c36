#include "support/openapi_corpus.h"

#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/model/json.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace loadstar::cli {
namespace {

using loadstar::testing::runCommand;
using loadstar::testing::shellQuote;
using loadstar::testing::TempDir;

// The least share of each kind a document's import must keep, in per cent
// (what the importer keeps today, rounded down a little), and the most warnings.
struct Floor {
    int operations;
    int parameters;
    int properties;
    int constraints;
    std::size_t maxWarnings;
};

const std::map<std::string, Floor>& floors() {
    static const std::map<std::string, Floor> kFloors{
        // document                   ops params props constraints max warnings (measured with the
        //                             type system's newer kinds: nullable, unions, maps, literals,
        //                             unique items, unchecked formats, cookies, servers)
        {"flashnotes-openapi.json", {100, 100, 100, 100, 5}},
        {"kratos-api.json", {100, 100, 100, 100, 282}},
        {"learn-tictactoe.yaml", {100, 100, 100, 100, 21}},
        {"oai-api-with-examples.yaml", {100, 100, 100, 100, 4}},
        {"oai-callback-example.yaml", {100, 100, 33, 50, 1}},
        {"oai-link-example.yaml", {100, 100, 100, 100, 5}},
        {"oai-non-oauth-scopes.yaml", {100, 100, 100, 100, 3}},
        {"oai-petstore-expanded.yaml", {100, 100, 100, 100, 7}},
        {"oai-petstore.yaml", {100, 100, 100, 100, 6}},
        {"oai-uspto.yaml", {100, 100, 66, 100, 5}},
        {"oai-webhook-example.yaml", {100, 100, 100, 100, 1}},
        {"outline-spec3.yml", {100, 100, 99, 99, 208}},
        {"petstore3-openapi.yaml", {100, 100, 100, 86, 80}},
    };
    return kFloors;
}

int percent(const Json& kept, const Json& found, const char* kind) {
    const std::size_t f = found[kind].get<std::size_t>();
    return f == 0 ? 100 : int(100 * kept[kind].get<std::size_t>() / f);
}

// Every document of the corpus is imported by the real binary, checked, exported
// again and validated by the standard OpenAPI 3.1 validator; what each keeps is
// held to its floor.
TEST(OpenApiCorpus, EveryDocumentImportsChecksExportsAndValidates) {
    const auto corpus = loadstar::testing::openApiCorpus();
    if (!corpus) GTEST_SKIP() << loadstar::testing::kCorpusMissing;
    ASSERT_TRUE(std::filesystem::exists(loadstar::testing::sourceDir() /
                                        "tests/tools/openapi-validator/node_modules"))
        << "run tests/tools/openapi-validator/install.sh";
    TempDir dir;
    std::string exported;
    std::size_t documents = 0;
    for (const auto& entry : std::filesystem::directory_iterator(*corpus)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file() || name == "README.md") continue;
        SCOPED_TRACE(name);
        ++documents;
        const auto floor = floors().find(name);
        ASSERT_NE(floor, floors().end()) << "a document the test has no floor for";
        const auto project = dir / (name + ".loadstar.json");
        const auto imported =
            runCommand(shellQuote(LOADSTAR_BINARY) + " import " + shellQuote(entry.path().string()) + " -o " +
                       shellQuote(project.string()) + " --json 2>/dev/null");
        ASSERT_EQ(imported.exitCode, 0) << imported.output;
        const Json outcome = Json::parse(imported.output);
        const Json& found = outcome["found"];
        const Json& kept = outcome["kept"];
        std::cout << name << ": " << outcome["openapi"].get<std::string>() << ", operations "
                  << kept["operations"] << "/" << found["operations"] << ", parameters " << kept["parameters"]
                  << "/" << found["parameters"] << ", properties " << kept["properties"] << "/"
                  << found["properties"] << ", constraints " << kept["constraints"] << "/"
                  << found["constraints"] << ", models " << outcome["models"] << ", warnings "
                  << outcome["losses"].size() << "\n";
        EXPECT_GE(percent(kept, found, "operations"), floor->second.operations);
        EXPECT_GE(percent(kept, found, "parameters"), floor->second.parameters);
        EXPECT_GE(percent(kept, found, "properties"), floor->second.properties);
        EXPECT_GE(percent(kept, found, "constraints"), floor->second.constraints);
        EXPECT_LE(outcome["losses"].size(), floor->second.maxWarnings);
        EXPECT_EQ(outcome["design_errors"], 0);

        const auto checked =
            runCommand(shellQuote(LOADSTAR_BINARY) + " check " + shellQuote(project.string()));
        EXPECT_EQ(checked.exitCode, 0) << checked.output;
        const auto json = dir / (name + ".exported.json");
        const auto yaml = dir / (name + ".exported.yaml");
        EXPECT_EQ(runCommand(shellQuote(LOADSTAR_BINARY) + " openapi " + shellQuote(project.string()) +
                             " -o " + shellQuote(json.string()))
                      .exitCode,
                  0);
        EXPECT_EQ(runCommand(shellQuote(LOADSTAR_BINARY) + " openapi --yaml " + shellQuote(project.string()) +
                             " -o " + shellQuote(yaml.string()))
                      .exitCode,
                  0);
        exported += " " + shellQuote(json.string()) + " " + shellQuote(yaml.string());
    }
    EXPECT_EQ(documents, floors().size());
    const auto validated = runCommand(
        "node " +
        shellQuote((loadstar::testing::sourceDir() / "tests/tools/openapi-validator/validate.mjs").string()) +
        exported + " 2>&1");
    EXPECT_EQ(validated.exitCode, 0) << validated.output;
}

}  // namespace
}  // namespace loadstar::cli
