#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/model/json.h"
#include "support/design_text.h"
#include "support/openapi_corpus.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace loadstar::cli {
namespace {

using loadstar::testing::readFile;
using loadstar::testing::replacedOnce;
using loadstar::testing::runCommand;
using loadstar::testing::shellQuote;
using loadstar::testing::TempDir;
using loadstar::testing::writeFile;
using ::testing::HasSubstr;
using ::testing::Not;

loadstar::testing::ProcessResult diff(const std::string& arguments) {
    return runCommand(shellQuote(LOADSTAR_BINARY) + " diff " + arguments + " 2>&1");
}

constexpr const char* kApi = R"(openapi: 3.1.0
info: {title: Notes, version: '1'}
paths:
  /notes:
    post:
      operationId: add_note
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}
      responses: {'201': {description: Created}}
components:
  schemas:
    Note:
      type: object
      required: [text]
      properties:
        text: {type: string, maxLength: 500, description: What to remember.}
)";

struct Pair {
    TempDir dir;
    std::string before;
    std::string after;
    Pair(const std::string& oldText, const std::string& newText) {
        writeFile(dir / "old.yaml", oldText);
        writeFile(dir / "new.yaml", newText);
        before = shellQuote((dir / "old.yaml").string());
        after = shellQuote((dir / "new.yaml").string());
    }
    std::string args() const { return before + " " + after; }
};

TEST(DiffCommand, BreakingChangesFailByDefault) {
    const Pair pair(kApi, replacedOnce(kApi, "maxLength: 500", "maxLength: 100"));
    const auto o = diff(pair.args());
    EXPECT_EQ(o.exitCode, 1) << o.output;
    EXPECT_THAT(o.output,
                HasSubstr("new.yaml:/components/schemas/Note/properties/text: breaking: request property "
                          "\"text\" of Note: maxLength lowered from 500 to 100 [POST /notes]"));
    EXPECT_EQ(diff(pair.args() + " --fail-on none").exitCode, 0);
    EXPECT_EQ(diff(pair.args() + " --fail-on any").exitCode, 1);
}

TEST(DiffCommand, NonBreakingChangesPassUnlessAnyFails) {
    const Pair pair(kApi, replacedOnce(kApi, "maxLength: 500", "maxLength: 1000"));
    const auto o = diff(pair.args());
    EXPECT_EQ(o.exitCode, 0) << o.output;
    EXPECT_THAT(o.output, HasSubstr(": non-breaking: request property \"text\" of Note: maxLength raised"));
    EXPECT_EQ(diff(pair.args() + " --fail-on any").exitCode, 1);
}

TEST(DiffCommand, DocsOnlyChangesNeverFail) {
    const Pair pair(kApi, replacedOnce(kApi, "What to remember.", "The note itself."));
    const auto o = diff(pair.args() + " --fail-on any");
    EXPECT_EQ(o.exitCode, 0) << o.output;
    EXPECT_THAT(o.output, HasSubstr(": docs-only: property \"text\" of Note: description changed"));
}

TEST(DiffCommand, JsonAndMarkdown) {
    const Pair pair(kApi, replacedOnce(replacedOnce(kApi, "maxLength: 500", "maxLength: 100"),
                                       "What to remember.", "Text."));
    const auto json = runCommand(shellQuote(LOADSTAR_BINARY) + " diff " + pair.args() + " --json");
    EXPECT_EQ(json.exitCode, 1);
    const Json parsed = Json::parse(json.output);
    EXPECT_EQ(parsed["summary"]["breaking"], 1);
    EXPECT_EQ(parsed["summary"]["docs_only"], 1);
    EXPECT_EQ(parsed["changes"][0]["class"], "breaking");
    EXPECT_EQ(parsed["changes"][0]["operations"][0], "POST /notes");
    EXPECT_EQ(parsed["changes"][0]["new"]["pointer"], "/components/schemas/Note/properties/text");
    const auto markdown = runCommand(shellQuote(LOADSTAR_BINARY) + " diff " + pair.args() + " --markdown");
    EXPECT_THAT(markdown.output, HasSubstr(":x: **1 breaking change**"));
    EXPECT_THAT(markdown.output,
                HasSubstr("| request property \"text\" of Note: maxLength lowered from 500 to 100 | "
                          "`POST /notes` | `/components/schemas/Note/properties/text` |"));
    EXPECT_EQ(diff(pair.args() + " --json --markdown").exitCode, 2);
}

TEST(DiffCommand, AProjectAndItsOwnExportAreTheSameContract) {
    TempDir dir;
    for (const auto& project : loadstar::testing::sampleProjects()) {
        SCOPED_TRACE(project.filename().string());
        const auto exported = dir / (project.stem().stem().string() + ".yaml");
        ASSERT_EQ(runCommand(shellQuote(LOADSTAR_BINARY) + " openapi --yaml " + shellQuote(project.string()) +
                             " -o " + shellQuote(exported.string()))
                      .exitCode,
                  0);
        const auto o =
            diff(shellQuote(project.string()) + " " + shellQuote(exported.string()) + " --fail-on any");
        EXPECT_EQ(o.exitCode, 0) << o.output;
        EXPECT_THAT(o.output, HasSubstr(": no changes\n"));
    }
}

TEST(DiffCommand, UnreadableInputExitsTwo) {
    TempDir dir;
    writeFile(dir / "ok.yaml", kApi);
    writeFile(dir / "bad.yaml", "openapi: 3.1.0\ninfo: [\n");
    const auto o =
        diff(shellQuote((dir / "ok.yaml").string()) + " " + shellQuote((dir / "bad.yaml").string()));
    EXPECT_EQ(o.exitCode, 2);
    EXPECT_THAT(o.output, HasSubstr("bad.yaml:line "));
    EXPECT_EQ(diff(shellQuote((dir / "ok.yaml").string())).exitCode, 2);
    EXPECT_EQ(diff(shellQuote((dir / "ok.yaml").string()) + " " + shellQuote((dir / "ok.yaml").string()) +
                   " --fail-on sometimes")
                  .exitCode,
              2);
}

// Real documents: the two petstores the OpenAPI Initiative publishes differ the
// way a real API grows, and a real document edited the way pull requests edit
// them gives the changes a reviewer expects.
TEST(DiffCommand, RealDocuments) {
    const auto corpus = loadstar::testing::openApiCorpus();
    if (!corpus) GTEST_SKIP() << loadstar::testing::kCorpusMissing;

    const std::string petstore = shellQuote((*corpus / "oai-petstore.yaml").string());
    const std::string expanded = shellQuote((*corpus / "oai-petstore-expanded.yaml").string());
    EXPECT_THAT(diff(petstore + " " + petstore).output, HasSubstr(": no changes\n"));
    const auto grown = diff(petstore + " " + expanded + " --json");
    ASSERT_EQ(grown.exitCode, 1) << grown.output;
    const Json changes = Json::parse(grown.output.substr(grown.output.find('{')));
    std::set<std::string> ids;
    for (const Json& change : changes["changes"])
        ids.insert(change["id"].get<std::string>());
    // listPets/createPets/showPetById became findPets/addPet/find pet by id: the routes of
    // POST /pets and GET /pets/{id} stay, their operationIds change; a required property
    // vanishes from the Pet responses and the path parameter becomes an int64.
    EXPECT_TRUE(ids.contains("operation-id-changed")) << grown.output;
    EXPECT_TRUE(ids.contains("endpoint-added") || ids.contains("endpoint-removed")) << grown.output;

    TempDir dir;
    const std::string original = readFile(*corpus / "petstore3-openapi.yaml");
    // A pull request that adds a required query parameter to findPetsByStatus and
    // rewords its summary.
    std::string edited =
        replacedOnce(original, "      summary: Finds Pets by status.", "      summary: Find pets by status.");
    edited = replacedOnce(
        edited, "      parameters:\n        - name: status\n",
        "      parameters:\n        - name: shelter\n          in: query\n          required: true\n"
        "          schema:\n            type: string\n        - name: status\n");
    writeFile(dir / "petstore3-edited.yaml", edited);
    const auto reviewed = diff(shellQuote((*corpus / "petstore3-openapi.yaml").string()) + " " +
                               shellQuote((dir / "petstore3-edited.yaml").string()));
    EXPECT_EQ(reviewed.exitCode, 1) << reviewed.output;
    EXPECT_THAT(reviewed.output,
                HasSubstr(": breaking: query parameter \"shelter\" added, required [GET /pet/findByStatus]"));
    EXPECT_THAT(reviewed.output, HasSubstr(": docs-only: summary changed [GET /pet/findByStatus]"));
    EXPECT_THAT(reviewed.output, HasSubstr("1 breaking change, 0 non-breaking, 1 docs-only"));
}

}  // namespace
}  // namespace loadstar::cli
