#include "engine/openapi/yaml_writer.h"

#include <cstdint>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "engine/openapi/exporter.h"
#include "engine/openapi/sample_designs.h"
#include "engine/openapi/yaml_reader.h"

namespace loadstar::openapi {
namespace {

using testing::parseYaml;

// Strings a YAML reader would be tempted to type, or that need quoting,
// escaping or a block to survive.
const char* const kTrickyStrings[] = {
    "200",
    "true",
    "1.0",
    "null",
    "",
    "~",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "0x1F",
    "0o17",
    "017",
    "1e3",
    ".5",
    "-1",
    "+1",
    "-.5",
    ".inf",
    "-.inf",
    ".NaN",
    "1_000",
    "12:30",
    "190:20:30",
    "2024-01-01",
    "2001-12-14t21:59:43.10-05:00",
    "=",
    "<<",
    "-",
    "- item",
    "a: b",
    "ends with colon:",
    "#comment",
    "not # a comment",
    "trailing ",
    " leading",
    "tab\there",
    "\ttab first",
    "@at",
    "`tick",
    "%percent",
    "!bang",
    "&anchor",
    "*alias",
    "|pipe",
    "> folded",
    "{brace",
    "[bracket",
    "}",
    ",comma",
    "?question",
    "'single'",
    "\"double\"",
    "back\\slash",
    "héllo ✓ 日本語",
    "multi\nline",
    "multi\nline\n",
    "multi\n\n",
    "\nleading break",
    "  indented first line\nsecond",
    "line with trailing space \nnext",
    "a\n\n\nb",
    "\n",
    "\n\n",
    "carriage\r\nreturn",
    "control\x01"
    "char",
    "nel\xc2\x85line",
    "line\xe2\x80\xa8separator",
    "paragraph\xe2\x80\xa9separator",
    "byte order\xef\xbb\xbfmark",
    "multi\nline with nel\xc2\x85",
    "x |",
    "loadstar-literal-0-end",
    "loadstar-literal-1-end\nmulti",
};

TEST(YamlWriter, TrickyStringsReadBackAsTheSameStringsAsValuesAndKeys) {
    Json values = Json::array();
    Json keyed = Json::object();
    for (const char* text : kTrickyStrings) {
        values.push_back(text);
        keyed[text] = text;
    }
    const Json document{{"values", values}, {"keyed", keyed}, {"nested", Json::array({values, keyed})}};

    const std::string yaml = toYaml(document);

    EXPECT_EQ(parseYaml(yaml).dump(), document.dump()) << yaml;
    // YAML 1.1 readers take these for line breaks; they must be escaped.
    for (const char* lineBreak : {"\xc2\x85", "\xe2\x80\xa8", "\xe2\x80\xa9"}) {
        EXPECT_EQ(yaml.find(lineBreak), std::string::npos) << yaml;
    }
}

TEST(YamlWriter, ScalarsKeepTheirJsonTypes) {
    const Json document{
        {"integers", Json::array({0, -5, 65535, std::numeric_limits<std::int64_t>::min(),
                                  std::numeric_limits<std::int64_t>::max()})},
        {"unsigned", std::numeric_limits<std::uint64_t>::max()},
        {"floats", Json::array({1.0, -0.5, 0.1, 0.01, 65535.0, 1e300, 1e-7, -2.5e-10})},
        {"booleans", Json::array({true, false})},
        {"null", nullptr},
        {"empty array", Json::array()},
        {"empty object", Json::object()},
        {"nested", Json::array({Json::array({1.5, 2.0}), Json::array()})},
    };

    const std::string yaml = toYaml(document);

    EXPECT_EQ(parseYaml(yaml).dump(), document.dump()) << yaml;
}

TEST(YamlWriter, WritesReadableBlockYamlInDocumentOrder) {
    Json document = Json::object();
    document["openapi"] = "3.1.0";
    document["info"] = Json{{"title", "Zoo"}, {"description", "Line one\nLine two"}, {"version", "1"}};
    document["paths"]["/a"]["get"]["responses"]["200"]["description"] = "OK";
    document["values"] = Json::array({1.0, "1.0", true, "true", nullptr, Json::object(), Json::array()});
    document["list"] = Json::array({Json{{"name", "x"}, {"text", "a\nb\n"}}});

    EXPECT_EQ(toYaml(document),
              "openapi: \"3.1.0\"\n"
              "info:\n"
              "  title: Zoo\n"
              "  description: |-\n"
              "    Line one\n"
              "    Line two\n"
              "  version: \"1\"\n"
              "paths:\n"
              "  /a:\n"
              "    get:\n"
              "      responses:\n"
              "        \"200\":\n"
              "          description: OK\n"
              "values:\n"
              "  - 1.0\n"
              "  - \"1.0\"\n"
              "  - true\n"
              "  - \"true\"\n"
              "  - ~\n"
              "  - {}\n"
              "  - []\n"
              "list:\n"
              "  - name: x\n"
              "    text: |\n"
              "      a\n"
              "      b\n");
}

TEST(YamlWriter, SampleExportsRoundTrip) {
    for (const model::Project& project : {testing::embedderDesign(), testing::bookstoreDesign(),
                                          testing::helloDesign(), testing::oddCornersDesign()}) {
        const Json document = exportDocument(project);
        const std::string yaml = toYaml(document);
        EXPECT_EQ(parseYaml(yaml).dump(), document.dump()) << project.name << ":\n" << yaml;
        EXPECT_EQ(toYaml(exportDocument(project)), yaml) << "not deterministic: " << project.name;
    }
}

TEST(YamlWriter, MultiLineDescriptionsBecomeLiteralBlocks) {
    const std::string yaml = toYaml(exportDocument(testing::bookstoreDesign()));

    EXPECT_NE(yaml.find("  description: |-\n"
                        "    Books and their authors.\n"
                        "\n"
                        "    Writes need an API key; deletes need a bearer token.\n"),
              std::string::npos)
        << yaml;
    EXPECT_NE(yaml.find("      description: |-\n"
                        "        Books, newest first.\n"
                        "        Filter by genre or search the titles.\n"),
              std::string::npos)
        << yaml;
    EXPECT_NE(yaml.find("        \"422\":\n"), std::string::npos) << yaml;
}

}  // namespace
}  // namespace loadstar::openapi
