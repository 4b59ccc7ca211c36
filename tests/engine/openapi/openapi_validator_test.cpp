#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <vector>

#include <gtest/gtest.h>

#include "engine/openapi/exporter.h"
#include "engine/openapi/sample_designs.h"
#include "engine/openapi/yaml_writer.h"

// Runs the official OpenAPI 3.1 schema validator (tests/tools/openapi-validator,
// Node.js) over exported documents. A missing install is a failure, not a skip:
// a suite that silently stops validating would prove nothing.

namespace loadstar::openapi {
namespace {

namespace fs = std::filesystem;

const fs::path kValidatorDir = fs::path(LOADSTAR_SOURCE_DIR) / "tests/tools/openapi-validator";

struct CommandResult {
    int exitCode = -1;
    std::string output;
};

std::string shellQuoted(const std::string& text) {
    std::string quoted = "'";
    for (const char c : text) {
        if (c == '\'') {
            quoted += "'\\''";
        } else {
            quoted += c;
        }
    }
    return quoted + "'";
}

CommandResult run(const std::string& command) {
    CommandResult result;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return result;
    char buffer[4096];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        result.output.append(buffer, got);
    const int status = pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

// A fresh directory for one test's documents, removed afterwards.
class TempDir {
  public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "loadstar-openapi-XXXXXX").string();
        if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        if (!path_.empty()) fs::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

fs::path writeDocument(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
    return file;
}

class OpenApiValidator : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_FALSE(dir_.path().empty()) << "cannot create a temporary directory";
        ASSERT_TRUE(
            fs::exists(kValidatorDir / "node_modules/@seriousme/openapi-schema-validator/package.json"))
            << "the OpenAPI validator is not installed: run tests/tools/openapi-validator/install.sh";
    }

    CommandResult validate(const std::vector<fs::path>& files) const {
        std::string command = "node " + shellQuoted((kValidatorDir / "validate.mjs").string());
        for (const fs::path& file : files)
            command += " " + shellQuoted(file.string());
        return run(command);
    }

    TempDir dir_;
};

TEST_F(OpenApiValidator, AcceptsTheExportsOfEverySampleDesignAsJsonAndYaml) {
    const std::vector<std::pair<std::string, model::Project>> designs{
        {"embedder", testing::embedderDesign()},
        {"bookstore", testing::bookstoreDesign()},
        {"hello", testing::helloDesign()},
        {"odd-corners", testing::oddCornersDesign()},
        {"empty", model::Project{}},
    };
    std::vector<fs::path> files;
    for (const auto& [name, project] : designs) {
        const Json document = exportDocument(project);
        files.push_back(writeDocument(dir_.path() / (name + ".json"), toJsonText(document)));
        files.push_back(writeDocument(dir_.path() / (name + ".yaml"), toYaml(document)));
    }
    const CommandResult result = validate(files);
    ASSERT_EQ(result.exitCode, 0) << result.output;
    for (const fs::path& file : files) {
        EXPECT_NE(result.output.find(file.string() + ": valid\n"), std::string::npos) << result.output;
    }
}

TEST_F(OpenApiValidator, RejectsAResponseWithoutDescription) {
    Json document = exportDocument(testing::bookstoreDesign());
    document["paths"]["/books/{book_id}"]["get"]["responses"]["404"].erase("description");
    const fs::path file = writeDocument(dir_.path() / "broken.json", toJsonText(document));

    const CommandResult result = validate({file});

    EXPECT_EQ(result.exitCode, 1) << result.output;
    EXPECT_NE(result.output.find(file.string() + ": invalid"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("must have required property 'description'"), std::string::npos)
        << result.output;
}

TEST_F(OpenApiValidator, RejectsAReferenceToAModelThatDoesNotExist) {
    model::Project project = testing::helloDesign();
    project.endpoints[0].responses[0].body = model::TypeSpec::object("Nowhere");
    const fs::path file = writeDocument(dir_.path() / "dangling.json", toJsonText(exportDocument(project)));

    const CommandResult result = validate({file});

    EXPECT_EQ(result.exitCode, 1) << result.output;
    EXPECT_NE(result.output.find("#/components/schemas/Nowhere"), std::string::npos) << result.output;
}

TEST_F(OpenApiValidator, RejectsADocumentThatIsNotOpenApi31) {
    Json document = exportDocument(testing::helloDesign());
    document["openapi"] = "3.0.3";
    const fs::path file = writeDocument(dir_.path() / "old.json", toJsonText(document));

    const CommandResult result = validate({file});

    EXPECT_EQ(result.exitCode, 1) << result.output;
}

}  // namespace
}  // namespace loadstar::openapi
