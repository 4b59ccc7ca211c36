#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "engine/openapi/exporter.h"
#include "engine/openapi/sample_designs.h"

namespace loadstar::openapi {
namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeFile(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
}

// Compares the export with tests/fixtures/openapi/<name>.json byte for byte. On
// a mismatch the actual document is written to the working directory (the build
// tree) so it can be diffed; LOADSTAR_UPDATE_FIXTURES=1 rewrites the fixture
// instead, for a change that is meant (read the diff before committing it).
void expectMatchesFixture(const std::string& name, const model::Project& project) {
    const fs::path expectedFile = fs::path(LOADSTAR_SOURCE_DIR) / "tests/fixtures/openapi" / (name + ".json");
    const std::string actual = toJsonText(exportDocument(project));
    if (const char* update = std::getenv("LOADSTAR_UPDATE_FIXTURES"); update && std::string(update) == "1") {
        writeFile(expectedFile, actual);
        GTEST_SKIP() << "rewrote " << expectedFile;
    }
    ASSERT_TRUE(fs::exists(expectedFile)) << "missing fixture " << expectedFile;
    const std::string expected = readFile(expectedFile);
    if (actual == expected) return;
    const fs::path actualFile = fs::current_path() / ("openapi-actual-" + name + ".json");
    writeFile(actualFile, actual);
    ADD_FAILURE() << "the export of '" << name << "' differs from its fixture.\n  diff -u " << expectedFile
                  << " " << actualFile;
}

TEST(OpenApiSnapshot, Embedder) {
    expectMatchesFixture("embedder", testing::embedderDesign());
}

TEST(OpenApiSnapshot, Bookstore) {
    expectMatchesFixture("bookstore", testing::bookstoreDesign());
}

TEST(OpenApiSnapshot, Hello) {
    expectMatchesFixture("hello", testing::helloDesign());
}

}  // namespace
}  // namespace loadstar::openapi
