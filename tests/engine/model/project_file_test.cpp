#include "engine/model/project_file.h"

#include <random>
#include <stdexcept>
#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace loadstar::model {
namespace {

using loadstar::testing::readFile;
using loadstar::testing::sampleProjects;
using loadstar::testing::TempDir;
using loadstar::testing::writeFile;
using ::testing::HasSubstr;
using ::testing::Not;

ProjectError errorOf(const ProjectResult<Project>& result) {
    EXPECT_TRUE(std::holds_alternative<ProjectError>(result)) << "expected the project to be refused";
    return std::holds_alternative<ProjectError>(result) ? std::get<ProjectError>(result) : ProjectError{};
}

Project projectOf(const ProjectResult<Project>& result) {
    if (const auto* error = std::get_if<ProjectError>(&result)) {
        ADD_FAILURE() << "unexpected error: " << error->toString();
        return {};
    }
    return std::get<Project>(result);
}

std::string minimalProject(const std::string& extra = "") {
    return R"({"loadstar": 1, "name": "Tiny", "endpoints": [{"id": "hello", "method": "GET", "path": "/hello",
              "responses": [{"status": 200}]}])" +
           extra + "}";
}

TEST(ProjectFile, EverySampleRoundTripsAndIsWrittenCanonically) {
    ASSERT_EQ(sampleProjects().size(), 5u);
    for (const auto& file : sampleProjects()) {
        SCOPED_TRACE(file.string());
        const Project project = projectOf(loadProject(file));
        EXPECT_FALSE(project.endpoints.empty());
        const std::string text = serializeProject(project);
        EXPECT_EQ(projectOf(parseProject(text)), project);
        // The samples are kept in the form the workbench saves, so a save from the
        // GUI produces no diff noise.
        EXPECT_EQ(text, readFile(file)) << "run: loadstar format " << file.string();
    }
}

TEST(ProjectFile, ReadsEveryPartOfTheModel) {
    const Project p =
        projectOf(loadProject(loadstar::testing::sourceDir() / "projects/bookstore.loadstar.json"));
    EXPECT_EQ(p.name, "Bookstore API");
    EXPECT_EQ(p.server.port, 8003);
    EXPECT_EQ(p.server.concurrency.threads, 2);
    EXPECT_EQ(p.server.auth.apiKeys, std::vector<std::string>{"dev-key-123"});
    const Endpoint* get = p.endpoint("get_book");
    ASSERT_NE(get, nullptr);
    EXPECT_EQ(get->path, "/books/{book_id}");
    ASSERT_EQ(get->parameters.size(), 2u);
    EXPECT_EQ(get->parameters[0].in, ParamLocation::Path);
    EXPECT_EQ(get->parameters[0].type.constraints.format, StringFormat::Uuid);
    EXPECT_EQ(get->parameters[1].in, ParamLocation::Header);
    EXPECT_EQ(get->behaviour.latency.kind, Latency::Kind::Distribution);
    EXPECT_EQ(get->behaviour.latency.p99, std::chrono::milliseconds(15));
    EXPECT_DOUBLE_EQ(get->behaviour.errors.rate, 0.02);
    EXPECT_EQ(get->behaviour.errors.status, 404);
    const Model* book = p.model("Book");
    ASSERT_NE(book, nullptr);
    const Field* isbn = book->field("isbn");
    ASSERT_NE(isbn, nullptr);
    EXPECT_EQ(isbn->type.constraints.pattern, "^97[89][0-9]{10}$");
    const Field* tags = book->field("tags");
    ASSERT_NE(tags, nullptr);
    EXPECT_FALSE(tags->required);
    EXPECT_EQ(tags->defaultValue, Json::array());
    ASSERT_TRUE(tags->type.items);
    EXPECT_EQ(tags->type.items->constraints.maxLength, 30);
    const Scenario* write = p.scenario("write-heavy");
    ASSERT_NE(write, nullptr);
    EXPECT_EQ(write->executor, Executor::Open);
    EXPECT_EQ(write->bodyMode, BodyMode::InvalidShare);
    ASSERT_EQ(write->headers.size(), 1u);
    EXPECT_EQ(write->headers[0].first, "X-API-Key");

    const Project embedder =
        projectOf(loadProject(loadstar::testing::sourceDir() / "projects/embedder.loadstar.json"));
    const Field* vectors = embedder.model("EmbedResponse")->field("vectors");
    ASSERT_TRUE(vectors && vectors->type.items && vectors->type.items->items);
    EXPECT_EQ(vectors->type.items->items->kind, TypeKind::Number) << "[[number]] nests arrays";
    EXPECT_TRUE(embedder.endpoints[0].behaviour.batching.enabled);
    EXPECT_EQ(embedder.endpoints[0].behaviour.batching.maxBatch, 32);
}

TEST(ProjectFile, NonDefaultSettingsSurviveTheRoundTrip) {
    Project p = projectOf(parseProject(minimalProject()));
    p.server.limits.maxBodyBytes = 4096;
    p.server.limits.idleTimeout = std::chrono::milliseconds(1500);
    p.server.cors = {true, {"*"}, {"GET"}, {"X-Trace"}, std::chrono::seconds(30)};
    p.server.rateLimit = {true, 12.5, 3};
    p.server.builtins.docs = "/_docs";
    p.server.builtins.redoc = "/_redoc";
    p.server.concurrency.model = ConcurrencyModel::WorkerPool;
    Endpoint& e = p.endpoints[0];
    e.behaviour.cpu = {std::chrono::milliseconds(3), true};
    e.behaviour.serverTiming = true;
    e.behaviour.seed = 99;
    e.behaviour.response = ResponseSource::Echo;
    e.auth = AuthRequirement::Bearer;
    Scenario s;
    s.name = "ramp";
    s.target = {Target::Kind::Url, "https://localhost:8443", true};
    s.executor = Executor::Open;
    s.rate = 2500;
    s.vus = 7;
    s.stages = {{std::chrono::seconds(5), 100}, {std::chrono::seconds(10), 2500}};
    s.bodyMode = BodyMode::Fixed;
    s.fixedBody = Json{{"a", 1}};
    s.thresholds = {"p95 < 200ms"};
    s.seed = 7;
    s.allowRemote = "staging.example.com";
    s.server = {ServerKind::Flask, 4, WorkerClass::Gthread, 8};
    p.scenarios.push_back(s);
    const std::string text = serializeProject(p);
    EXPECT_NE(text.find(R"("allow_remote": "staging.example.com")"), std::string::npos) << text;
    EXPECT_EQ(projectOf(parseProject(text)), p);
}

TEST(ProjectFile, TheServerChoiceIsWrittenOnlyWhenItIsNotTheEmbeddedDefault) {
    Project p = projectOf(parseProject(minimalProject(R"(, "scenarios": [{"name": "s"}])")));
    EXPECT_EQ(p.scenarios[0].server, ServerChoice{}) << "a file from before the choice existed";
    EXPECT_THAT(serializeProject(p), Not(HasSubstr("\"kind\"")));

    p.scenarios[0].server.kind = ServerKind::FastApi;
    p.scenarios[0].server.workers = 2;
    const std::string text = serializeProject(p);
    EXPECT_THAT(text, HasSubstr(R"("server": {
        "kind": "fastapi",
        "workers": 2,
        "worker_class": "sync",
        "threads": 4
      })"));
    // Back to the embedded server: the workers chosen for the frameworks stay.
    p.scenarios[0].server.kind = ServerKind::Embedded;
    const Project back = projectOf(parseProject(serializeProject(p)));
    EXPECT_EQ(back.scenarios[0].server.workers, 2);
    EXPECT_EQ(back, p);
}

TEST(ProjectFile, AServerChoiceOutsideItsRangeIsRefusedAtItsPlace) {
    const std::pair<std::string, std::pair<std::string, std::string>> cases[] = {
        {R"({"kind": "django"})",
         {"/scenarios/0/server/kind", "must be \"embedded\", \"fastapi\" or \"flask\""}},
        {R"({"kind": "flask", "workers": 0})", {"/scenarios/0/server/workers", "must be between 1 and 64"}},
        {R"({"kind": "flask", "worker_class": "gevent"})",
         {"/scenarios/0/server/worker_class", "must be \"sync\" or \"gthread\""}},
        {R"({"kind": "flask", "threads": 1000})",
         {"/scenarios/0/server/threads", "must be between 1 and 256"}},
        {R"({"kind": "flask", "procs": 2})", {"/scenarios/0/server/procs", "unknown key \"procs\""}},
    };
    for (const auto& [server, expected] : cases) {
        SCOPED_TRACE(server);
        const ProjectError e = errorOf(
            parseProject(minimalProject(R"(, "scenarios": [{"name": "s", "server": )" + server + "}]")));
        EXPECT_EQ(e.where, expected.first);
        EXPECT_EQ(e.message, expected.second);
    }
}

TEST(ServerChoice, DescribesItselfForPeople) {
    EXPECT_EQ(describe(ServerChoice{}), "embedded server");
    EXPECT_EQ(describe({ServerKind::FastApi, 1, WorkerClass::Sync, 4}), "FastAPI (uvicorn, 1 worker)");
    EXPECT_EQ(describe({ServerKind::Flask, 4, WorkerClass::Sync, 4}), "Flask (gunicorn sync, 4 workers)");
    EXPECT_EQ(describe({ServerKind::Flask, 2, WorkerClass::Gthread, 1}),
              "Flask (gunicorn gthread, 2 workers \u00d7 1 thread)");
    EXPECT_EQ(shortLabel(ServerChoice{}), "embedded");
    EXPECT_EQ(shortLabel({ServerKind::FastApi, 1, WorkerClass::Sync, 4}), "FastAPI \u00d71");
    EXPECT_EQ(shortLabel({ServerKind::Flask, 4, WorkerClass::Sync, 4}), "Flask sync \u00d74");
    EXPECT_EQ(shortLabel({ServerKind::Flask, 2, WorkerClass::Gthread, 8}), "Flask gthread \u00d72\u00d78");
}

TEST(ProjectFile, SyntaxErrorsNameLineAndColumn) {
    const ProjectError e = errorOf(parseProject("{\n  \"loadstar\": 1,\n  \"name\": \"x\",,\n}"));
    EXPECT_EQ(e.where, "line 3, column 15");
    EXPECT_THAT(e.message, HasSubstr("syntax error"));
}

TEST(ProjectFile, TruncatedFileIsRefusedAsTruncated) {
    const std::string full = readFile(sampleProjects().front());
    const ProjectError e = errorOf(parseProject(full.substr(0, full.size() / 2)));
    EXPECT_THAT(e.where, HasSubstr("line "));
    EXPECT_THAT(e.message, HasSubstr("truncated"));
}

TEST(ProjectFile, EmptyFileIsRefused) {
    EXPECT_EQ(errorOf(parseProject("  \n")).message, "the file is empty");
}

TEST(ProjectFile, FutureVersionIsRefused) {
    const ProjectError e = errorOf(parseProject(R"({"loadstar": 7, "name": "x"})"));
    EXPECT_EQ(e.where, "/loadstar");
    EXPECT_EQ(e.message, "written by a newer Loadstar (format version 7; this build reads up to 1)");
}

TEST(ProjectFile, OtherJsonIsNotAProject) {
    EXPECT_THAT(errorOf(parseProject("[1, 2]")).message, HasSubstr("not a Loadstar project"));
    EXPECT_THAT(errorOf(parseProject(R"({"openapi": "3.1.0"})")).message,
                HasSubstr("no \"loadstar\" format version"));
}

TEST(ProjectFile, ContentErrorsNameTheJsonPointer) {
    struct Case {
        std::string extra;
        std::string where;
        std::string message;
    };
    const Case cases[] = {
        {R"(, "models": [{"name": "M", "fields": [{"name": "a", "type": "strnig"}]}])",
         "/models/0/fields/0/type",
         "unknown type \"strnig\" (use string, integer, number, boolean, array, object, enum, map, union, "
         "literal "
         "or any)"},
        {R"(, "models": [{"name": "M", "fields": [{"name": "a", "type": "string", "min_lenght": 1}]}])",
         "/models/0/fields/0/min_lenght", "unknown key \"min_lenght\""},
        {R"(, "models": [{"name": "M", "fields": [{"name": "a", "type": "integer", "ge": "1"}]}])",
         "/models/0/fields/0/ge", "expected a number, found a string"},
        {R"(, "models": [{"name": "M", "fields": [{"name": "a", "type": "string", "format": "phone"}]}])",
         "/models/0/fields/0/format",
         "unknown format \"phone\" (use email, uuid, date-time, date, uri, time, ipv4, ipv6, hostname, byte "
         "or "
         "binary; a format Loadstar cannot check goes in other_format)"},
        {R"(, "models": [{"name": "M/N", "fields": [{"name": "a", "type": "array"}]}])", "/models/0/fields/0",
         "missing \"items\""},
        {R"(, "server": {"port": 70000})", "/server/port", "must be between 0 and 65535"},
        {R"(, "server": {"limits": {"idle_timeout": "soon"}})", "/server/limits/idle_timeout",
         "\"soon\" is not a duration (use e.g. 250us, 50ms, 1.5s, 2m)"},
        {R"(, "scenarios": [{"name": "s", "target": "ftp://x"}])", "/scenarios/0/target",
         "must be \"embedded\" or a URL starting with http:// or https://"},
        {R"(, "scenarios": [{"name": "s", "headers": {"X-A": 1}}])", "/scenarios/0/headers/X-A",
         "a header value must be a string"},
        {R"(, "a/b~c": 1)", "/a~1b~0c", "unknown key \"a/b~c\""},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.extra);
        const ProjectError e = errorOf(parseProject(minimalProject(c.extra)));
        EXPECT_EQ(e.where, c.where);
        EXPECT_EQ(e.message, c.message);
    }
    const ProjectError method = errorOf(parseProject(
        R"({"loadstar": 1, "name": "x", "endpoints": [{"id": "a", "method": "FETCH", "path": "/", "responses": []}]})"));
    EXPECT_EQ(method.where, "/endpoints/0/method");
}

TEST(ProjectFile, AScenarioNamesItsEngineAndOldFilesRunNatively) {
    const Project old = projectOf(parseProject(minimalProject(R"(, "scenarios": [{"name": "s"}])")));
    EXPECT_EQ(old.scenarios.at(0).engine, LoadEngine::Native);
    EXPECT_EQ(old.scenarios.at(0).locustWorkers, 1);
    EXPECT_FALSE(projectToJson(old)["scenarios"][0].contains("engine")) << "the default is not written";

    const Project locust = projectOf(parseProject(
        minimalProject(R"(, "scenarios": [{"name": "s", "engine": "locust", "locust_workers": 4}])")));
    EXPECT_EQ(locust.scenarios.at(0).engine, LoadEngine::Locust);
    EXPECT_EQ(locust.scenarios.at(0).locustWorkers, 4);
    EXPECT_EQ(projectOf(parseProject(projectToJson(locust).dump())), locust);

    const ProjectError e =
        errorOf(parseProject(minimalProject(R"(, "scenarios": [{"name": "s", "engine": "k6"}])")));
    EXPECT_EQ(e.where, "/scenarios/0/engine");
    EXPECT_EQ(e.message, "must be \"native\" or \"locust\"");
}

TEST(ProjectFile, SaveWritesAtomicallyAndKeepsPermissions) {
    TempDir dir;
    const auto file = dir / "api.loadstar.json";
    const Project p = projectOf(parseProject(minimalProject()));
    ASSERT_TRUE(std::holds_alternative<std::monostate>(saveProject(p, file)));
    EXPECT_EQ(projectOf(loadProject(file)), p);

    ASSERT_EQ(::chmod(file.c_str(), 0640), 0);
    Project changed = p;
    changed.name = "Changed";
    ASSERT_TRUE(std::holds_alternative<std::monostate>(saveProject(changed, file)));
    EXPECT_EQ(projectOf(loadProject(file)).name, "Changed");
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0640u);
    // Nothing is left beside the file.
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(ProjectFile, FailedSaveLeavesNothingBehindAndReportsWhy) {
    TempDir dir;
    const Project p = projectOf(parseProject(minimalProject()));
    // The target is a directory: the final rename must fail.
    std::filesystem::create_directory(dir / "taken");
    const auto result = saveProject(p, dir / "taken");
    ASSERT_TRUE(std::holds_alternative<ProjectError>(result));
    EXPECT_THAT(std::get<ProjectError>(result).message, HasSubstr("cannot replace the file"));
    EXPECT_TRUE(std::filesystem::is_directory(dir / "taken"));
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1) << "temp file removed";

    const auto missingDir = saveProject(p, dir / "no-such-dir" / "x.json");
    ASSERT_TRUE(std::holds_alternative<ProjectError>(missingDir));
    EXPECT_THAT(std::get<ProjectError>(missingDir).message, HasSubstr("cannot create a temporary file"));
}

TEST(ProjectFile, SavingStreamsTheSameTextTheSerialiserWrites) {
    TempDir dir;
    for (const auto& sample : sampleProjects()) {
        SCOPED_TRACE(sample.string());
        const Project p = projectOf(loadProject(sample));
        const auto file = dir / sample.filename();
        ASSERT_TRUE(std::holds_alternative<std::monostate>(saveProject(p, file)));
        EXPECT_EQ(readFile(file), serializeProject(p));
    }
}

TEST(ProjectFile, AWriterThatFailsHalfWayLeavesTheOldFileAndNoTemporary) {
    TempDir dir;
    const auto file = dir / "kept.txt";
    writeFile(file, "the user's text\n");
    const std::string block(200 * 1024, 'x');  // more than one 64 KiB block reaches the disk first
    EXPECT_THROW(writeFileAtomically(file,
                                     [&](std::ostream& out) {
                                         out << block;
                                         throw std::runtime_error("cannot write this value");
                                     }),
                 std::runtime_error);
    EXPECT_EQ(readFile(file), "the user's text\n");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1) << "temp file removed";

    ASSERT_TRUE(std::holds_alternative<std::monostate>(
        writeFileAtomically(file, [&](std::ostream& out) { out << block << block; })));
    EXPECT_EQ(readFile(file), block + block);
}

TEST(ProjectFile, RefusedLoadLeavesTheFileUntouched) {
    TempDir dir;
    const auto file = dir / "broken.loadstar.json";
    const std::string broken = R"({"loadstar": 1, "name": "x", "endpoints": [{"id": )";
    writeFile(file, broken);
    EXPECT_THAT(errorOf(loadProject(file)).message, HasSubstr("truncated"));
    EXPECT_EQ(readFile(file), broken);
    EXPECT_THAT(errorOf(loadProject(dir / "missing.json")).message, HasSubstr("cannot read"));
}

// Random bytes and mutated samples must only ever produce a project or an error.
TEST(ProjectFile, RandomBytesNeverCrashTheReader) {
    std::mt19937_64 rng(12345);
    const std::string sample = readFile(sampleProjects().back());
    int accepted = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string text;
        if (i % 2 == 0) {
            text.resize(rng() % 200);
            for (char& c : text)
                c = static_cast<char>(rng() % 256);
        } else {
            text = sample;
            for (int m = 0; m < 1 + static_cast<int>(rng() % 4); ++m) {
                text[rng() % text.size()] = "{}[]\",:0a-\\ \x01\xff"[rng() % 15];
            }
        }
        const auto result = parseProject(text);
        if (const auto* error = std::get_if<ProjectError>(&result)) {
            EXPECT_FALSE(error->message.empty());
            EXPECT_FALSE(error->where.empty());
        } else {
            ++accepted;
        }
    }
    EXPECT_LT(accepted, 3000);
}

}  // namespace
}  // namespace loadstar::model
