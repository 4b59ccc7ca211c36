#include "engine/openapi/document_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace loadstar::openapi {
namespace {

using ::testing::HasSubstr;

Json parsed(std::string_view text) {
    auto result = parseDocumentText(text);
    if (const auto* error = std::get_if<SyntaxError>(&result)) {
        ADD_FAILURE() << error->where() << ": " << error->message;
        return nullptr;
    }
    return std::get<Json>(result);
}

SyntaxError refused(std::string_view text, const ParseLimits& limits = {}) {
    auto result = parseDocumentText(text, limits);
    if (std::holds_alternative<Json>(result)) {
        ADD_FAILURE() << "accepted: " << std::get<Json>(result).dump();
        return {};
    }
    return std::get<SyntaxError>(result);
}

TEST(DocumentParser, ReadsJsonAndKeepsKeyOrder) {
    const Json document =
        parsed(R"({"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {}})");
    ASSERT_TRUE(document.is_object());
    EXPECT_EQ(document.begin().key(), "openapi");
    EXPECT_EQ(document["info"]["title"], "T");
}

TEST(DocumentParser, BrokenJsonNamesLineAndColumn) {
    const SyntaxError error = refused("{\n  \"openapi\": \"3.1.0\",\n  \"info\": {\"title\": }\n}");
    EXPECT_EQ(error.line, 3u);
    EXPECT_EQ(error.column, 21u);
    EXPECT_THAT(error.message, HasSubstr("unexpected '}'"));
    EXPECT_EQ(error.where(), "line 3, column 21");
}

TEST(DocumentParser, TruncatedJsonSaysSo) {
    const SyntaxError error = refused("{\"openapi\": \"3.1.0\",\n \"paths\": {");
    EXPECT_EQ(error.line, 2u);
    EXPECT_THAT(error.message, HasSubstr("ends too early"));
}

TEST(DocumentParser, ReadsYamlWithTheCoreSchema) {
    const Json document = parsed(
        "openapi: 3.0.3\n"
        "count: 12\n"
        "ratio: 1.5\n"
        "hex: 0x1F\n"
        "flag: true\n"
        "yaml11: yes\n"
        "nothing: ~\n"
        "empty:\n"
        "quoted: '200'\n"
        "time: 12:30\n"
        "responses:\n"
        "  200:\n"
        "    description: OK\n"
        "text: |\n"
        "  two\n"
        "  lines\n");
    EXPECT_EQ(document["openapi"], "3.0.3");
    EXPECT_EQ(document["count"], 12);
    EXPECT_EQ(document["ratio"], 1.5);
    EXPECT_EQ(document["hex"], 31);
    EXPECT_EQ(document["flag"], true);
    EXPECT_EQ(document["yaml11"], "yes");  // YAML 1.2: "yes" is text
    EXPECT_TRUE(document["nothing"].is_null());
    EXPECT_TRUE(document["empty"].is_null());
    EXPECT_EQ(document["quoted"], "200");
    EXPECT_EQ(document["time"], "12:30");
    EXPECT_TRUE(document["responses"].contains("200"));  // keys are their text
    EXPECT_EQ(document["text"], "two\nlines\n");
}

TEST(DocumentParser, BrokenYamlNamesLineAndColumn) {
    const SyntaxError error = refused("openapi: 3.1.0\ninfo:\n  title: [unclosed\n  version: 1\n");
    EXPECT_GT(error.line, 2u);
    EXPECT_GT(error.column, 0u);
    EXPECT_FALSE(error.message.empty());

    const SyntaxError tab = refused("openapi: 3.1.0\ninfo:\n  title: x\n   - bad: indentation\n");
    EXPECT_EQ(tab.line, 4u);
}

TEST(DocumentParser, AnchorsAliasesAndMergeKeys) {
    const Json document = parsed(
        "base: &base\n"
        "  type: string\n"
        "  maxLength: 5\n"
        "copy: *base\n"
        "merged:\n"
        "  <<: *base\n"
        "  maxLength: 9\n");
    EXPECT_EQ(document["copy"], document["base"]);
    EXPECT_EQ(document["merged"]["type"], "string");
    EXPECT_EQ(document["merged"]["maxLength"], 9);  // the map's own key wins over the merged one
}

TEST(DocumentParser, RefusesABillionLaughs) {
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 9; ++i) {
        text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
        for (int k = 0; k < 10; ++k)
            text += std::string(k ? ", " : "") + "*a" + std::to_string(i - 1);
        text += "]\n";
    }
    const SyntaxError error = refused(text);
    EXPECT_THAT(error.message, HasSubstr("billion laughs"));
    EXPECT_GT(error.line, 1u);
}

TEST(DocumentParser, RefusesNestingDeeperThanTheLimit) {
    ParseLimits limits;
    limits.maxDepth = 20;
    EXPECT_THAT(refused(std::string(21, '[') + std::string(21, ']'), limits).message,
                HasSubstr("deeper than 20"));
    std::string yaml;
    for (int i = 0; i < 21; ++i)
        yaml += std::string(std::size_t(i) * 2, ' ') + "k:\n";
    EXPECT_THAT(refused(yaml + std::string(42, ' ') + "v: 1\n", limits).message, HasSubstr("deeper than 20"));
    // A million brackets neither overflow the stack nor pass.
    EXPECT_THAT(refused(std::string(1'000'000, '[')).message, HasSubstr("deeper than"));
}

TEST(DocumentParser, RefusesInvalidUtf8AndSeveralDocuments) {
    EXPECT_THAT(refused("title: \"caf\xC3\x28\"\n").message, HasSubstr("UTF-8"));
    EXPECT_THAT(refused("a: 1\n---\nb: 2\n").message, HasSubstr("more than one"));
    EXPECT_THAT(refused("  \n\t\n").message, HasSubstr("empty"));
    EXPECT_THAT(refused("# only a comment\n").message, HasSubstr("empty"));
}

TEST(DocumentParser, KeysMustBeText) {
    EXPECT_THAT(refused("? [a, b]\n: value\n").message, HasSubstr("key must be text"));
}

}  // namespace
}  // namespace loadstar::openapi
