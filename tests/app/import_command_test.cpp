#include <chrono>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/load/http_get.h"
#include "engine/model/json.h"
#include "engine/model/project_file.h"
#include "support/child_process.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/test_server.h"

namespace loadstar::cli {
namespace {

using loadstar::testing::ChildProcess;
using loadstar::testing::readFile;
using loadstar::testing::runCommand;
using loadstar::testing::shellQuote;
using loadstar::testing::TempDir;
using loadstar::testing::writeFile;
using ::testing::HasSubstr;

std::string loadstar() {
    return shellQuote(LOADSTAR_BINARY);
}

loadstar::testing::ProcessResult importCommand(const std::string& arguments) {
    return runCommand(loadstar() + " import " + arguments + " 2>&1");
}

constexpr const char* kSmall = R"(openapi: 3.1.0
info: {title: Small, version: '1'}
paths:
  /ping:
    get:
      operationId: ping
      responses:
        '200':
          description: pong
          content: {application/json: {schema: {type: object, properties: {ok: {type: boolean}}}}}
)";

TEST(ImportCommand, WritesAProjectThatReadsBackAndSaysWhatItKept) {
    TempDir dir;
    writeFile(dir / "api.yaml", kSmall);
    const auto project = dir / "small.loadstar.json";
    const auto o =
        importCommand(shellQuote((dir / "api.yaml").string()) + " -o " + shellQuote(project.string()));
    ASSERT_EQ(o.exitCode, 0) << o.output;
    EXPECT_THAT(o.output, HasSubstr("OpenAPI 3.1.0; kept 1/1 operations, 0/0 parameters, 1/1 properties"));
    EXPECT_THAT(o.output, HasSubstr(project.string() + ": written\n"));
    auto loaded = model::loadProject(project);
    ASSERT_TRUE(std::holds_alternative<model::Project>(loaded));
    EXPECT_EQ(std::get<model::Project>(loaded).endpoints[0].id, "ping");
    EXPECT_EQ(runCommand(loadstar() + " check " + shellQuote(project.string())).exitCode, 0);
}

TEST(ImportCommand, NeverOverwritesWithoutForce) {
    TempDir dir;
    writeFile(dir / "api.yaml", kSmall);
    const auto project = dir / "mine.loadstar.json";
    writeFile(project, "my own work\n");
    const std::string args = shellQuote((dir / "api.yaml").string()) + " -o " + shellQuote(project.string());
    const auto refused = importCommand(args);
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_THAT(refused.output, HasSubstr("exists; give --force to overwrite it"));
    EXPECT_EQ(readFile(project), "my own work\n");
    // A failed import with --force leaves the file alone too.
    writeFile(dir / "broken.json", "{\"openapi\": \"3.1.0\",");
    EXPECT_EQ(importCommand(shellQuote((dir / "broken.json").string()) + " -o " +
                            shellQuote(project.string()) + " --force")
                  .exitCode,
              2);
    EXPECT_EQ(readFile(project), "my own work\n");
    const auto forced = importCommand(args + " --force");
    EXPECT_EQ(forced.exitCode, 0) << forced.output;
    EXPECT_THAT(readFile(project), HasSubstr("\"loadstar\": 1"));
}

TEST(ImportCommand, LossesAreListedPerPlaceAndStrictFails) {
    TempDir dir;
    writeFile(dir / "api.yaml",
              std::string(kSmall) + "webhooks:\n  newPet: {post: {responses: {'200': {description: ok}}}}\n");
    const auto project = dir / "out.loadstar.json";
    const std::string args = shellQuote((dir / "api.yaml").string()) + " -o " + shellQuote(project.string());
    const auto lenient = importCommand(args);
    EXPECT_EQ(lenient.exitCode, 0);
    EXPECT_THAT(lenient.output,
                HasSubstr((dir / "api.yaml").string() +
                          ":/webhooks/newPet: warning: webhooks are not kept: the design serves "
                          "requests, it sends none\n"));
    std::filesystem::remove(project);
    const auto strict = importCommand(args + " --strict");
    EXPECT_EQ(strict.exitCode, 1) << strict.output;
    EXPECT_THAT(strict.output, HasSubstr("not written (--strict"));
    EXPECT_FALSE(std::filesystem::exists(project));
    writeFile(dir / "clean.yaml", kSmall);
    EXPECT_EQ(importCommand(shellQuote((dir / "clean.yaml").string()) + " -o " +
                            shellQuote(project.string()) + " --strict")
                  .exitCode,
              0);
}

TEST(ImportCommand, UnreadableInputExitsTwoWithItsPlace) {
    TempDir dir;
    const auto out = " -o " + shellQuote((dir / "x.loadstar.json").string());
    writeFile(dir / "swagger.json",
              R"({"swagger": "2.0", "info": {"title": "x", "version": "1"}, "paths": {}})");
    const auto swagger = importCommand(shellQuote((dir / "swagger.json").string()) + out);
    EXPECT_EQ(swagger.exitCode, 2);
    EXPECT_THAT(swagger.output, HasSubstr("swagger.json:/swagger: error: this is a Swagger 2.0 document"));

    writeFile(dir / "broken.json", "{\n  \"openapi\": \"3.1.0\",\n  \"info\": {\"title\": }\n}\n");
    const auto json = importCommand(shellQuote((dir / "broken.json").string()) + out);
    EXPECT_EQ(json.exitCode, 2);
    EXPECT_THAT(json.output, HasSubstr("broken.json:line 3, column 21: error: "));

    writeFile(dir / "broken.yaml", "openapi: 3.1.0\ninfo:\n  title: x\n   version: 1\n");
    const auto yaml = importCommand(shellQuote((dir / "broken.yaml").string()) + out);
    EXPECT_EQ(yaml.exitCode, 2);
    EXPECT_THAT(yaml.output, HasSubstr("broken.yaml:line 4, column "));

    writeFile(dir / "dangling.yaml",
              "openapi: 3.0.0\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n"
              "      parameters: [{$ref: '#/components/parameters/Nope'}]\n"
              "      responses: {'200': {description: ok}}\n");
    const auto dangling = importCommand(shellQuote((dir / "dangling.yaml").string()) + out);
    EXPECT_EQ(dangling.exitCode, 2);
    EXPECT_THAT(dangling.output,
                HasSubstr("dangling.yaml:/paths/~1a/get/parameters/0/$ref: error: the reference "
                          "\"#/components/parameters/Nope\" does not resolve"));

    const auto missing = importCommand(shellQuote((dir / "nowhere.yaml").string()) + out);
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_THAT(missing.output, HasSubstr("nowhere.yaml: error: no such file"));
    EXPECT_FALSE(std::filesystem::exists(dir / "x.loadstar.json"));
}

TEST(ImportCommand, AUrlThatDoesNotAnswerTimesOut) {
    loadstar::testing::TestServer::Options options;
    options.fault = loadstar::testing::TestServer::Fault::Stall;
    options.faultEvery = 1;
    options.stall = std::chrono::milliseconds(10000);
    loadstar::testing::TestServer silent(options);
    TempDir dir;
    const auto started = std::chrono::steady_clock::now();
    const auto o = importCommand(shellQuote(silent.url("/openapi.json")) + " -o " +
                                 shellQuote((dir / "x.loadstar.json").string()) + " --timeout 300ms");
    const auto took = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(o.exitCode, 2);
    EXPECT_THAT(o.output, HasSubstr("error: no answer within 300 ms"));
    EXPECT_LT(took, std::chrono::seconds(8));  // the server would hold it for 10 s
    EXPECT_FALSE(std::filesystem::exists(dir / "x.loadstar.json"));

    // Nothing listening at all: refused at once.
    const auto closed =
        importCommand("http://127.0.0.1:1/openapi.json -o " + shellQuote((dir / "x.loadstar.json").string()));
    EXPECT_EQ(closed.exitCode, 2);
    EXPECT_THAT(closed.output, HasSubstr("refused"));
}

// A FastAPI app (Debian's FastAPI 0.92, Pydantic 1.10) serves its own document;
// the import reads it from the URL, and the design then serves and validates the
// same contract.
TEST(ImportCommand, ImportsARunningFastApiAppFromItsUrl) {
    ChildProcess app(
        {"/usr/bin/python3",
         (loadstar::testing::sourceDir() / "tests/fixtures/openapi-import/fastapi_library.py").string()});
    const std::optional<std::string> line = app.readLine(std::chrono::seconds(60));
    ASSERT_TRUE(line && line->starts_with("listening on http://127.0.0.1:")) << line.value_or("(nothing)");
    const std::string base = line->substr(std::string("listening on ").size());

    TempDir dir;
    const auto project = dir / "library.loadstar.json";
    const auto o = runCommand(loadstar() + " import " + shellQuote(base + "/openapi.json") + " -o " +
                              shellQuote(project.string()) + " --json --timeout 30s");
    ASSERT_EQ(o.exitCode, 0) << o.output;
    const Json outcome = Json::parse(o.output);
    EXPECT_EQ(outcome["openapi"], "3.0.2");
    EXPECT_EQ(outcome["kept"]["operations"], 5);
    EXPECT_EQ(outcome["found"]["operations"], 5);
    EXPECT_EQ(outcome["kept"]["parameters"], outcome["found"]["parameters"]);
    EXPECT_EQ(outcome["kept"]["properties"], outcome["found"]["properties"]);
    EXPECT_EQ(outcome["design_errors"], 0);

    auto loaded = model::loadProject(project);
    ASSERT_TRUE(std::holds_alternative<model::Project>(loaded));
    const model::Project& design = std::get<model::Project>(loaded);
    EXPECT_EQ(design.name, "Library");
    EXPECT_EQ(design.version, "1.2.0");
    ASSERT_NE(design.model("BookIn"), nullptr);
    ASSERT_NE(design.model("Book"), nullptr);
    EXPECT_EQ(design.model("Book")->field("pages")->type.constraints.le, 5000.0);
    EXPECT_EQ(design.model("BookIn")->field("isbn")->type.constraints.pattern, "^[0-9-]{10,17}$");
    EXPECT_EQ(design.model("BookIn")->field("genre")->type.kind, model::TypeKind::Enum);
    const model::Endpoint* create = design.endpoint("create_book_books_post");
    ASSERT_NE(create, nullptr);
    EXPECT_EQ(create->auth, model::AuthRequirement::ApiKey);
    EXPECT_EQ(create->responses[0].status, 201);
    EXPECT_EQ(design.endpoint("delete_book_books__book_id__delete")->auth, model::AuthRequirement::Bearer);
    EXPECT_EQ(design.server.auth.apiKeyName, "X-API-Key");
    app.stop();

    // The design serves the contract: a valid call gets a Book, an invalid id FastAPI's 422.
    ChildProcess served({LOADSTAR_BINARY, "serve", project.string(), "--port", "0"});
    const std::optional<std::string> listening = served.readLine(std::chrono::seconds(30));
    ASSERT_TRUE(listening && listening->starts_with("listening on ")) << listening.value_or("(nothing)");
    const std::string url = listening->substr(std::string("listening on ").size());
    auto book = load::httpGet(url + "/books/5");
    ASSERT_TRUE(std::holds_alternative<std::string>(book)) << std::get<load::HttpGetFailure>(book).message;
    const Json body = Json::parse(std::get<std::string>(book));
    EXPECT_TRUE(body.contains("title") && body.contains("author") && body["id"].get<int>() >= 1)
        << body.dump();
    auto invalid = load::httpGet(url + "/books/0");
    ASSERT_TRUE(std::holds_alternative<load::HttpGetFailure>(invalid));
    EXPECT_THAT(std::get<load::HttpGetFailure>(invalid).message, HasSubstr("422"));
}

// A generated document of about 50 MB (40,000 operations and models) is imported,
// with memory proportional to its size. Under ThreadSanitizer, which instruments
// every memory access of this single-threaded parse (more than the suite's ten
// minutes for 50 MB on a 2-core machine), the document is 5 MB: the same path end
// to end, with no memory bound to check there anyway.
#if defined(__SANITIZE_THREAD__)
constexpr std::size_t kDocumentMegabytes = 5;
#else
constexpr std::size_t kDocumentMegabytes = 50;
#endif

TEST(ImportCommand, AFiftyMegabyteDocumentImportsInBoundedMemory) {
    TempDir dir;
    std::string paths;
    std::string schemas;
    for (std::size_t n = 0; paths.size() + schemas.size() < (kDocumentMegabytes << 20) + (1u << 20); ++n) {
        const std::string name = "Item" + std::to_string(n);
        Json properties = Json::object();
        for (int f = 0; f < 12; ++f) {
            properties["field_" + std::to_string(f)] = Json{
                {"type", "string"},
                {"maxLength", 64 + f},
                {"description", "Field number " + std::to_string(f) + " of the generated model " + name}};
        }
        schemas +=
            (n ? "," : "") + Json(name).dump() + ":" +
            Json{{"type", "object"}, {"properties", properties}, {"required", Json::array({"field_0"})}}
                .dump();
        const Json operation{
            {"get",
             {{"operationId", "get_" + name},
              {"parameters", Json::array({Json{{"name", "id"},
                                               {"in", "path"},
                                               {"required", true},
                                               {"schema", {{"type", "integer"}, {"minimum", 1}}}}})},
              {"responses",
               {{"200",
                 {{"description", "ok"},
                  {"content",
                   {{"application/json", {{"schema", {{"$ref", "#/components/schemas/" + name}}}}}}}}}}}}}};
        paths +=
            (n ? "," : "") + Json("/items" + std::to_string(n) + "/{id}").dump() + ":" + operation.dump();
    }
    const std::string text = R"({"openapi":"3.1.0","info":{"title":"Big","version":"1"},"paths":{)" + paths +
                             R"(},"components":{"schemas":{)" + schemas + "}}}";
    writeFile(dir / "big.json", text);
    const double megabytes = double(text.size()) / (1 << 20);
    ASSERT_GE(megabytes, double(kDocumentMegabytes));
    const auto run = loadstar::testing::runMeasured(
        {LOADSTAR_BINARY, "import", (dir / "big.json").string(), "-o", (dir / "big.loadstar.json").string()});
    EXPECT_EQ(run.exitCode, 0);
    EXPECT_TRUE(std::filesystem::exists(dir / "big.loadstar.json"));
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    // The parsed document and the design side by side, then the design and its
    // project file's tree (the text itself is streamed to the file): about 19x this
    // dense, compact text before the streaming save (953 MB for 51 MB); the bound says
    // it stays proportional, not that it is small (see bench/openapi/RESULTS.md for
    // the 10x target on a 1 MB document).
    EXPECT_LT(double(run.maxRssKiB) / 1024, 25 * megabytes)
        << run.maxRssKiB << " KiB for " << megabytes << " MB";
#endif
}

}  // namespace
}  // namespace loadstar::cli
