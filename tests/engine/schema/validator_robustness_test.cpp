// Hostile input: deep nesting, invalid UTF-8, catastrophic-backtracking
// patterns, random bytes, huge objects, concurrent use. Never a crash, never an
// exception, always a well-formed error list.
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "engine/schema/json_body_parser.h"
#include "engine/schema/query_string.h"
#include "tests/engine/schema/validator_test_support.h"

namespace loadstar::schema {
namespace {

using namespace testing;

std::shared_ptr<model::Project> itemsProject() {
    auto project = std::make_shared<model::Project>();
    model::Model item;
    item.name = "Item";
    TypeSpec name = scalar(TypeKind::String);
    name.constraints.pattern = "(a+)+$";
    TypeSpec values = TypeSpec::arrayOf(TypeSpec::arrayOf(scalar(TypeKind::Number)));
    values.constraints.maxItems = 8;
    item.fields = {field("name", name), field("values", values, false),
                   field("nested", TypeSpec::object("Item"), false)};
    item.extra = model::ExtraFields::Forbid;
    project->models = {item};
    model::Endpoint endpoint;
    endpoint.id = "put_item";
    endpoint.method = "PUT";
    endpoint.path = "/items/{id}";
    endpoint.parameters = {
        param("id", model::ParamLocation::Path, scalar(TypeKind::Integer), true),
        param("q", model::ParamLocation::Query, scalar(TypeKind::String)),
        param("X-Mode", model::ParamLocation::Header, TypeSpec::enumeration({"fast", "slow"}))};
    endpoint.requestBody = model::RequestBody{TypeSpec::object("Item"), true, ""};
    project->endpoints = {endpoint};
    return project;
}

class Robustness : public ::testing::Test {
  protected:
    std::shared_ptr<model::Project> project = itemsProject();
    RequestValidator validator{project};
    const model::Endpoint& endpoint = project->endpoints[0];

    RequestParts withBody(std::string_view body) const {
        RequestParts parts;
        parts.pathParams = {{"id", "1"}};
        parts.headers = {{"Content-Type", "application/json"}};
        parts.body = body;
        parts.hasBody = true;
        return parts;
    }

    // Every error list must serialise (valid UTF-8 throughout) and read back the same.
    static void expectWellFormed(const std::vector<ValidationError>& errors) {
        ASSERT_FALSE(errors.empty());
        std::string text;
        ASSERT_NO_THROW(text = errorBody(errors).dump());
        const Json reread = Json::parse(text);
        ASSERT_EQ(reread["detail"].size(), errors.size());
        for (const ValidationError& e : errors) {
            EXPECT_FALSE(e.type.empty());
            EXPECT_FALSE(e.msg.empty());
            ASSERT_TRUE(e.loc.is_array());
            ASSERT_FALSE(e.loc.empty());
            const std::string where = e.loc[0].get<std::string>();
            EXPECT_TRUE(where == "body" || where == "path" || where == "query" || where == "header") << where;
        }
    }
};

TEST_F(Robustness, TenThousandDeepArrayIsRefusedBeforeBuildingIt) {
    const std::string body = std::string(10000, '[') + std::string(10000, ']');
    const auto errors = errorsOf(validator.validate(endpoint, withBody(body)));
    EXPECT_EQ(errors, std::vector{error("json_invalid", Json::array({"body", 64}), "JSON decode error",
                                        Json::object(),
                                        Json{{"error", "JSON nested deeper than the limit of 64 levels"}})});
}

TEST_F(Robustness, HundredThousandDeepObjectIsRefused) {
    std::string body;
    for (int i = 0; i < 100000; ++i)
        body += "{\"a\":";
    body += "1";
    body += std::string(100000, '}');
    const auto errors = errorsOf(validator.validate(endpoint, withBody(body)));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].type, "json_invalid");
    EXPECT_EQ(errors[0].loc, Json::array({"body", 320}));  // the 65th '{', five characters per level
}

TEST_F(Robustness, DepthLimitIsExactAndConfigurable) {
    const auto nested = [](int depth) {
        return std::string(static_cast<std::size_t>(depth), '[') +
               std::string(static_cast<std::size_t>(depth), ']');
    };
    EXPECT_TRUE(std::holds_alternative<Json>(parseJsonBody(nested(64), 64)));
    EXPECT_TRUE(std::holds_alternative<JsonBodyError>(parseJsonBody(nested(65), 64)));
    EXPECT_EQ(std::get<JsonBodyError>(parseJsonBody(nested(4), 3)),
              (JsonBodyError{3, "JSON nested deeper than the limit of 3 levels"}));
    // Brackets inside strings do not count; a syntax error before the limit wins.
    EXPECT_TRUE(std::holds_alternative<Json>(parseJsonBody(R"(["[[[[[[", {"k": "{{{{"}])", 2)));
    EXPECT_EQ(std::get<JsonBodyError>(parseJsonBody("x" + nested(100), 64)).charOffset, 0u);
    RequestValidator shallow(project, ValidatorOptions{2});
    EXPECT_EQ(errorsOf(shallow.validate(endpoint, withBody(R"({"nested": {"values": [[1]]}})")))[0].ctx,
              (Json{{"error", "JSON nested deeper than the limit of 2 levels"}}));
}

TEST_F(Robustness, InvalidUtf8InTheBodyIsAJsonError) {
    const auto errors = errorsOf(validator.validate(endpoint, withBody("{\"name\": \"a\xff\xfe\"}")));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].type, "json_invalid");
    EXPECT_EQ(errors[0].loc, Json::array({"body", 11}));
    EXPECT_NE(errors[0].ctx->at("error").get<std::string>().find("UTF-8"), std::string::npos);
    expectWellFormed(errors);
}

TEST_F(Robustness, InvalidUtf8ElsewhereBecomesReplacementCharacters) {
    RequestParts parts = withBody("\xc3\x28 not json either");
    parts.headers = {{"Content-Type", "text/plain"}, {"x-mode", "f\xe9st"}};
    parts.pathParams = {{"id", "\xff"}};
    const auto errors = errorsOf(validator.validate(endpoint, parts));
    expectWellFormed(errors);
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0].input, Json("\xEF\xBF\xBD"));                   // U+FFFD for the stray byte
    EXPECT_EQ(errors[1].input, Json("f\xC3\xA9st"));                    // headers are Latin-1: é
    EXPECT_EQ(errors[2].input, Json("\xEF\xBF\xBD( not json either"));  // raw body as text
}

TEST_F(Robustness, CatastrophicBacktrackingPatternFinishesQuickly) {
    // (a+)+$ against "aaaa…!" takes exponential time in a backtracking engine;
    // RE2 is linear. The bound is loose enough for a loaded 2-core machine.
    const std::string hostile = std::string(100000, 'a') + "!";
    const Json body = {{"name", hostile}};
    const std::string text = body.dump();
    const auto start = std::chrono::steady_clock::now();
    const auto errors = errorsOf(validator.validate(endpoint, withBody(text)));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_LT(elapsed, std::chrono::seconds(5));
    // Search semantics: "…a!" has no run of a's at the very end, so it mismatches.
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].type, "string_pattern_mismatch");
    EXPECT_EQ(errors[0].input, Json(hostile));
}

TEST_F(Robustness, HugeFlatObjectIsLinear) {
    std::string body = "{\"name\":\"aa\"";
    for (int i = 0; i < 100000; ++i)
        body += ",\"k" + std::to_string(i) + "\":" + std::to_string(i);
    body += ",\"k5\":\"last\"}";  // a duplicate after the key index was built
    const auto parsed = parseJsonBody(body, 64);
    ASSERT_TRUE(std::holds_alternative<Json>(parsed));
    const Json& object = std::get<Json>(parsed);
    EXPECT_EQ(object.size(), 100001u);
    EXPECT_EQ(object["k5"], Json("last"));
    const auto errors = errorsOf(validator.validate(endpoint, withBody(body)));
    EXPECT_EQ(errors.size(), 100000u);  // extra forbidden, one per key
    EXPECT_EQ(errors[5], error("extra_forbidden", Json::array({"body", "k5"}),
                               "Extra inputs are not permitted", "last"));
}

TEST_F(Robustness, RandomBytesNeverCrash) {
    std::mt19937 random(20261125);
    const std::string valid = R"({"name":"aaa","values":[[1,2.5],[3]],"nested":{"name":"a"}})";
    std::size_t accepted = 0;
    for (int round = 0; round < 4000; ++round) {
        std::string body;
        if (round % 2 == 0) {
            const std::size_t length = random() % 200;
            for (std::size_t i = 0; i < length; ++i)
                body += static_cast<char>(random() % 256);
        } else {
            // Mutations of a valid body reach deeper into validation than pure noise.
            body = valid;
            const int edits = 1 + static_cast<int>(random() % 4);
            for (int e = 0; e < edits; ++e) {
                const std::size_t at = random() % body.size();
                switch (random() % 3) {
                    case 0:
                        body[at] = static_cast<char>(random() % 256);
                        break;
                    case 1:
                        body.erase(at, 1 + random() % 5);
                        break;
                    default:
                        body.insert(at, 1, "[]{}\",:0a-\\"[random() % 11]);
                        break;
                }
                if (body.empty()) body = "{";
            }
        }
        RequestParts parts = withBody(body);
        parts.query = body;  // the same bytes as a query string and a header
        parts.headers.emplace_back("X-Mode", body);
        std::variant<ValidatedRequest, std::vector<ValidationError>> result;
        ASSERT_NO_THROW(result = validator.validate(endpoint, parts)) << round;
        if (const auto* errors = std::get_if<std::vector<ValidationError>>(&result)) {
            expectWellFormed(*errors);
        } else {
            ++accepted;
            ASSERT_NO_THROW((void)std::get<ValidatedRequest>(result).body->dump());
        }
    }
    EXPECT_LT(accepted, 4000u);
}

TEST_F(Robustness, ConcurrentValidationGivesTheSameAnswers) {
    const std::string good = R"({"name":"aa","values":[[1]]})";
    const std::string bad = R"({"name":"b","values":"x","zzz":1})";
    const auto expectedBad = errorsOf(validator.validate(endpoint, withBody(bad)));
    std::vector<std::thread> threads;
    std::vector<int> mismatches(4, 0);
    for (std::size_t t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 300; ++i) {
                const auto ok = validator.validate(endpoint, withBody(good));
                const auto ko = validator.validate(endpoint, withBody(bad));
                if (!std::holds_alternative<ValidatedRequest>(ok)) ++mismatches[t];
                if (!std::holds_alternative<std::vector<ValidationError>>(ko) ||
                    std::get<std::vector<ValidationError>>(ko) != expectedBad) {
                    ++mismatches[t];
                }
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST_F(Robustness, ValidateValueUsesTheProjectsOwnCompiledTypes) {
    // A TypeSpec from the project is found precompiled; an equal copy compiles on the fly: same answer.
    const TypeSpec& owned = project->models[0].fields[0].type;
    const TypeSpec copy = owned;
    const auto fromProject = check(validator, owned, "b", Json::array({"body", "name"}));
    const auto fromCopy = check(validator, copy, "b", Json::array({"body", "name"}));
    EXPECT_EQ(fromProject.errors,
              std::vector{error("string_pattern_mismatch", Json::array({"body", "name"}),
                                "String should match pattern '(a+)+$'", "b", Json{{"pattern", "(a+)+$"}})});
    EXPECT_EQ(fromCopy.errors, fromProject.errors);
    EXPECT_EQ(check(validator, owned, "baa").value, Json("baa"));
}

TEST(QueryString, DecodesLikeStarlette) {
    const auto pairs = parseQueryString("a=1&b=&c&&d=x%3Dy=z&e=%zz%4&f=a+b&%41=%E2%82%AC&g=%FF");
    const std::vector<std::pair<std::string, std::string>> expected{
        {"a", "1"},
        {"b", ""},
        {"c", ""},
        {"d", "x=y=z"},
        {"e", "%zz%4"},
        {"f", "a b"},
        {"A", "\xE2\x82\xAC"},
        {"g", "\xEF\xBF\xBD"},
    };
    EXPECT_EQ(pairs, expected);
    EXPECT_TRUE(parseQueryString("").empty());
    EXPECT_TRUE(parseQueryString("&&&").empty());
}

}  // namespace
}  // namespace loadstar::schema
