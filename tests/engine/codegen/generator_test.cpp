// Generation of every sample project against committed golden files, determinism,
// and the generated Python held to what a reviewer runs: py_compile, pyflakes, black.
#include "engine/codegen/generator.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include <gtest/gtest.h>

#include "engine/codegen/launch.h"
#include "engine/codegen/project_writer.h"
#include "engine/model/project_file.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace loadstar::codegen {
namespace {

namespace fs = std::filesystem;
using loadstar::testing::readFile;
using loadstar::testing::runCommand;
using loadstar::testing::shellQuote;
using loadstar::testing::TempDir;

model::Project load(const fs::path& file) {
    auto loaded = model::loadProject(file);
    if (auto* error = std::get_if<model::ProjectError>(&loaded)) throw std::runtime_error(error->toString());
    return std::get<model::Project>(std::move(loaded));
}

std::vector<fs::path> designs() {
    std::vector<fs::path> out;
    for (const fs::path& sample : loadstar::testing::sampleProjects())
        out.push_back(sample);
    out.push_back(loadstar::testing::sourceDir() / "tests/fixtures/codegen/awkward-names.loadstar.json");
    return out;
}

std::string stem(const fs::path& design) {
    const std::string name = design.filename().string();
    return name.substr(0, name.find('.'));
}

struct Case {
    fs::path design;
    Framework framework;
};

std::vector<Case> cases() {
    std::vector<Case> out;
    for (const fs::path& d : designs()) {
        out.push_back({d, Framework::FastApi});
        out.push_back({d, Framework::Flask});
    }
    return out;
}

class GeneratedProjectTest : public ::testing::TestWithParam<Case> {};

// tests/fixtures/codegen/golden/<design>/<framework>/ holds the expected files; run the
// test with LOADSTAR_UPDATE_GOLDEN=1 to rewrite them after an intended change (and read
// the diff before committing it).
TEST_P(GeneratedProjectTest, MatchesTheGoldenFiles) {
    const GeneratedProject generated = generate(load(GetParam().design), GetParam().framework);
    const fs::path golden = loadstar::testing::sourceDir() / "tests/fixtures/codegen/golden" /
                            stem(GetParam().design) / toString(GetParam().framework);
    if (std::getenv("LOADSTAR_UPDATE_GOLDEN") != nullptr) {
        fs::remove_all(golden);
        ASSERT_FALSE(writeProject(generated, golden, false).has_value());
    }
    std::set<std::string> expectedFiles;
    for (const auto& entry : fs::recursive_directory_iterator(golden)) {
        if (entry.is_regular_file())
            expectedFiles.insert(fs::relative(entry.path(), golden).generic_string());
    }
    std::set<std::string> generatedFiles;
    for (const SourceFile& file : generated.files) {
        generatedFiles.insert(file.path);
        EXPECT_EQ(file.text, readFile(golden / file.path)) << file.path;
        EXPECT_EQ(file.executable, file.path.ends_with(".sh")) << file.path;
    }
    EXPECT_EQ(generatedFiles, expectedFiles);
}

TEST_P(GeneratedProjectTest, IsTheSameForTheSameDesign) {
    const model::Project project = load(GetParam().design);
    const GeneratedProject first = generate(project, GetParam().framework);
    const GeneratedProject second = generate(load(GetParam().design), GetParam().framework);
    ASSERT_EQ(first.files.size(), second.files.size());
    for (std::size_t i = 0; i < first.files.size(); ++i) {
        EXPECT_EQ(first.files[i].path, second.files[i].path);
        EXPECT_EQ(first.files[i].text, second.files[i].text);
    }
    EXPECT_EQ(contentKey(first), contentKey(second));
    EXPECT_EQ(contentKey(first).size(), 16u);

    model::Project changed = project;
    changed.version += ".1";
    EXPECT_NE(contentKey(generate(changed, GetParam().framework)), contentKey(first));
}

TEST_P(GeneratedProjectTest, CompilesAndPassesPyflakesAndBlack) {
    TempDir dir;
    const GeneratedProject generated = generate(load(GetParam().design), GetParam().framework);
    ASSERT_FALSE(writeProject(generated, dir.path(), false).has_value());
    const std::string folder = shellQuote(dir.path().string());
    // The tools come from Debian (scripts/debian-packages.txt: pyflakes3, black).
    const auto compiled = runCommand("cd " + folder + " && /usr/bin/python3 -m compileall -q app 2>&1");
    EXPECT_EQ(compiled.exitCode, 0) << compiled.output;
    const auto flakes = runCommand("pyflakes3 " + folder + " 2>&1");
    EXPECT_EQ(flakes.exitCode, 0) << flakes.output;
    const auto black = runCommand("black --check --diff --quiet " + folder + " 2>&1");
    EXPECT_EQ(black.exitCode, 0) << black.output;
    const auto shell = runCommand("sh -n " + folder + "/start-*.sh 2>&1");
    EXPECT_EQ(shell.exitCode, 0) << shell.output;
}

// No Pydantic 2 here (Debian 12 ships 1.10), so the code Pydantic 2 would run is checked
// statically against its API (tests/fixtures/codegen/pydantic2-api.json, from its
// source), and Pydantic 1's branch against the installed Pydantic.
TEST_P(GeneratedProjectTest, UsesOnlyPydantic2sApiWhereVersion2Runs) {
    TempDir dir;
    ASSERT_FALSE(writeProject(generate(load(GetParam().design), GetParam().framework), dir.path(), false));
    const fs::path tools = loadstar::testing::sourceDir() / "tests";
    const auto checked = runCommand(
        "/usr/bin/python3 " + shellQuote((tools / "tools/codegen/check_pydantic_api.py").string()) + " " +
        shellQuote((tools / "fixtures/codegen/pydantic2-api.json").string()) + " " +
        shellQuote(dir.path().string()) + " 2>&1");
    EXPECT_EQ(checked.exitCode, 0) << checked.output;
}

INSTANTIATE_TEST_SUITE_P(Designs, GeneratedProjectTest, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& param) {
                             std::string name =
                                 stem(param.param.design) + "_" + toString(param.param.framework);
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(ProjectWriter, RefusesAFolderThatIsNotEmptyAndChangesNothing) {
    TempDir dir;
    loadstar::testing::writeFile(dir.path() / "notes.txt", "mine");
    fs::create_directories(dir.path() / "app");
    loadstar::testing::writeFile(dir.path() / "app/main.py", "print('my own')\n");
    const GeneratedProject generated = generate(load(designs().front()), Framework::FastApi);

    const std::optional<std::string> refused = writeProject(generated, dir.path(), false);
    ASSERT_TRUE(refused.has_value());
    EXPECT_NE(refused->find("not empty"), std::string::npos) << *refused;
    std::set<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir.path()))
        files.insert(fs::relative(entry.path(), dir.path()).generic_string());
    EXPECT_EQ(files, (std::set<std::string>{"app", "app/main.py", "notes.txt"}));
    EXPECT_EQ(readFile(dir.path() / "app/main.py"), "print('my own')\n");

    // With overwrite the generated files replace theirs; other files stay.
    ASSERT_FALSE(writeProject(generated, dir.path(), true).has_value());
    EXPECT_EQ(readFile(dir.path() / "notes.txt"), "mine");
    EXPECT_NE(readFile(dir.path() / "app/main.py"), "print('my own')\n");
    EXPECT_TRUE((fs::status(dir.path() / "start-uvicorn.sh").permissions() & fs::perms::owner_exec) !=
                fs::perms::none);
}

TEST(ProjectWriter, RefusesAFileWhereTheFolderShouldBe) {
    TempDir dir;
    loadstar::testing::writeFile(dir.path() / "taken", "x");
    const GeneratedProject generated = generate(load(designs().front()), Framework::Flask);
    const auto refused = writeProject(generated, dir.path() / "taken", true);
    ASSERT_TRUE(refused.has_value());
    EXPECT_NE(refused->find("not a folder"), std::string::npos) << *refused;
    EXPECT_EQ(readFile(dir.path() / "taken"), "x");
}

TEST(LaunchCommand, ServesTheAppWithTheDesignsLimits) {
    model::Project project = load(designs().front());
    project.server.limits.idleTimeout = std::chrono::seconds(7);
    project.server.limits.maxConnections = 321;
    LaunchOptions options;
    options.port = 9001;
    options.workers = 3;
    EXPECT_EQ(launchCommand(project, Framework::FastApi, options),
              (std::vector<std::string>{"/usr/bin/python3", "-m", "uvicorn", "app.main:app", "--host",
                                        "127.0.0.1", "--port", "9001", "--workers", "3", "--no-access-log",
                                        "--timeout-keep-alive", "7", "--limit-concurrency", "321"}));
    options.worker = FlaskWorker::Gthread;
    options.threads = 4;
    const std::vector<std::string> gunicorn = launchCommand(project, Framework::Flask, options);
    const std::vector<std::string> expected{"/usr/bin/python3",
                                            "-m",
                                            "gunicorn",
                                            "app.main:app",
                                            "--bind",
                                            "127.0.0.1:9001",
                                            "--workers",
                                            "3",
                                            "--worker-class",
                                            "gthread",
                                            "--threads",
                                            "4",
                                            "--worker-connections",
                                            "321",
                                            "--keep-alive",
                                            "7",
                                            "--limit-request-field_size",
                                            "16384"};
    EXPECT_EQ(gunicorn, expected);
    options.worker = FlaskWorker::Sync;
    const auto sync = launchCommand(project, Framework::Flask, options);
    EXPECT_EQ(std::find(sync.begin(), sync.end(), "--threads"),
              sync.end());  // gunicorn would switch to gthread
}

TEST(PythonModules, AMissingModuleIsNamedWithItsDebianPackage) {
    const model::Project project = load(designs().front());
    // A Python that exists but has no FastAPI: a fresh interpreter with an empty path.
    TempDir dir;
    const fs::path python = dir.path() / "python3";
    loadstar::testing::writeFile(python, "#!/bin/sh\nexec /usr/bin/python3 -I -S \"$@\"\n");
    fs::permissions(python, fs::perms::owner_all);
    const auto missing = missingPythonModules(python.string(), project, Framework::FastApi);
    ASSERT_FALSE(missing.empty());
    EXPECT_EQ(missing.front().module, "fastapi");
    const std::string message = missingPythonMessage(python.string(), missing);
    EXPECT_NE(message.find("apt-get install python3-fastapi"), std::string::npos) << message;

    EXPECT_TRUE(missingPythonModules("/usr/bin/python3", project, Framework::FastApi).empty());
    EXPECT_TRUE(missingPythonModules("/usr/bin/python3", project, Framework::Flask).empty());
    EXPECT_EQ(
        missingPythonModules((dir.path() / "no-such-python").string(), project, Framework::Flask).size(),
        pythonRequirements(project, Framework::Flask).size());
}

}  // namespace
}  // namespace loadstar::codegen
