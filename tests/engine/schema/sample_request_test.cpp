#include <map>

#include <gtest/gtest.h>
#include <re2/re2.h>

#include "engine/schema/request_sample.h"
#include "sample_test_support.h"

namespace loadstar::schema {
namespace {

using namespace testing;

model::Parameter param(std::string name, model::ParamLocation in, TypeSpec type, bool required) {
    model::Parameter p;
    p.name = std::move(name);
    p.in = in;
    p.type = std::move(type);
    p.required = required;
    return p;
}

std::string decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::multimap<std::string, std::string> queryOf(const std::string& target) {
    std::multimap<std::string, std::string> out;
    const std::size_t q = target.find('?');
    if (q == std::string::npos) return out;
    std::string_view rest = std::string_view(target).substr(q + 1);
    while (!rest.empty()) {
        const std::size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        const std::size_t eq = pair.find('=');
        out.emplace(decode(pair.substr(0, eq)), decode(pair.substr(eq + 1)));
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    }
    return out;
}

class SampleRequestTest : public ::testing::Test {
  protected:
    void SetUp() override {
        project = bookstore();
        project->server.auth.apiKeys = {"key-1"};
        endpoint.id = "add_book";
        endpoint.method = "POST";
        endpoint.path = "/shelves/{shelf}/books/{book_id}";
        endpoint.auth = model::AuthRequirement::ApiKey;
        endpoint.parameters = {
            param("shelf", model::ParamLocation::Path,
                  typed(TypeKind::String, Constraints{.pattern = R"(^[a-z]{2} [a-z]{2}/[a-z]$)"}), true),
            param("book_id", model::ParamLocation::Path, typed(TypeKind::Integer, Constraints{.ge = 1}),
                  true),
            param("q", model::ParamLocation::Query,
                  typed(TypeKind::String,
                        Constraints{.minLength = 2, .maxLength = 20, .pattern = "^[a-z&=]+$"}),
                  true),
            param("limit", model::ParamLocation::Query,
                  typed(TypeKind::Integer, Constraints{.ge = 1, .le = 100}), false),
            param("tags", model::ParamLocation::Query,
                  arrayOf(typed(TypeKind::String), Constraints{.maxItems = 3}), false),
            param("sort", model::ParamLocation::Query, TypeSpec::enumeration({"asc", "desc"}), false),
            param("X-Request-Id", model::ParamLocation::Header,
                  typed(TypeKind::String, Constraints{.format = StringFormat::Uuid}), true),
        };
        endpoint.requestBody = model::RequestBody{TypeSpec::object("Book"), true, ""};
    }

    std::shared_ptr<model::Project> project;
    model::Endpoint endpoint;
};

TEST_F(SampleRequestTest, FillsThePathTemplateWithPercentEncodedValues) {
    for (std::uint64_t seed = 0; seed < 30; ++seed) {
        SampleGenerator gen(project, seed);
        const RequestSample r = sampleRequest(*project, endpoint, gen);
        EXPECT_EQ(r.method, "POST");
        std::string shelf, id;
        ASSERT_TRUE(RE2::PartialMatch(r.target, R"(^/shelves/([^/?]+)/books/([^/?]+)(\?|$))", &shelf, &id))
            << r.target;
        EXPECT_TRUE(RE2::FullMatch(shelf, "[a-z]{2}%20[a-z]{2}%2F[a-z]")) << shelf;
        EXPECT_TRUE(RE2::FullMatch(decode(shelf), "[a-z]{2} [a-z]{2}/[a-z]"));
        EXPECT_TRUE(RE2::FullMatch(id, "[1-9][0-9]*")) << id;

        const auto query = queryOf(r.target);
        ASSERT_EQ(query.count("q"), 1u) << r.target;
        EXPECT_TRUE(RE2::FullMatch(query.find("q")->second, "[a-z&=]{2,20}"));
        EXPECT_LE(query.count("tags"), 3u);
        if (query.count("limit")) {
            const int limit = std::stoi(query.find("limit")->second);
            EXPECT_GE(limit, 1);
            EXPECT_LE(limit, 100);
        }
        ASSERT_TRUE(r.body.has_value());
        const Json body = Json::parse(*r.body);
        EXPECT_TRUE(errorsOf(*project, TypeSpec::object("Book"), body).empty()) << *r.body;

        std::map<std::string, std::string> headers(r.headers.begin(), r.headers.end());
        EXPECT_EQ(headers["X-API-Key"], "key-1");
        EXPECT_TRUE(formatShape(StringFormat::Uuid, headers["X-Request-Id"]));
    }
}

TEST_F(SampleRequestTest, OptionalParametersAllPresentWhenAsked) {
    SampleOptions all;
    all.allOptionalFields = true;
    SampleGenerator gen(project, 8, all);
    const RequestSample r = sampleRequest(*project, endpoint, gen);
    const auto query = queryOf(r.target);
    EXPECT_EQ(query.count("limit"), 1u);
    EXPECT_EQ(query.count("sort"), 1u);
    EXPECT_GE(query.count("tags"), 0u);
    // Lists travel as repeated keys.
    EXPECT_EQ(r.target.find("tags=") == std::string::npos, query.count("tags") == 0);
}

TEST_F(SampleRequestTest, BearerAuthAndNoBody) {
    project->server.auth.bearerTokens = {"t0k3n"};
    endpoint.auth = model::AuthRequirement::Bearer;
    endpoint.requestBody.reset();
    endpoint.path = "/ping";
    endpoint.parameters.clear();
    SampleGenerator gen(project, 1);
    const RequestSample r = sampleRequest(*project, endpoint, gen);
    EXPECT_EQ(r.target, "/ping");
    EXPECT_FALSE(r.body.has_value());
    ASSERT_EQ(r.headers.size(), 1u);
    EXPECT_EQ(r.headers[0], (std::pair<std::string, std::string>{"Authorization", "Bearer t0k3n"}));
}

TEST_F(SampleRequestTest, SameSeedSameRequest) {
    SampleGenerator a(project, 21);
    SampleGenerator b(project, 21);
    for (int i = 0; i < 5; ++i) {
        const RequestSample x = sampleRequest(*project, endpoint, a);
        const RequestSample y = sampleRequest(*project, endpoint, b);
        EXPECT_EQ(x.target, y.target);
        EXPECT_EQ(x.headers, y.headers);
        EXPECT_EQ(x.body, y.body);
    }
}

TEST(SamplePercentEncode, KeepsOnlyUnreservedCharacters) {
    EXPECT_EQ(percentEncode("a b/c?d=e&f~g_h.i-j"), "a%20b%2Fc%3Fd%3De%26f~g_h.i-j");
    EXPECT_EQ(percentEncode("é%"), "%C3%A9%25");
    EXPECT_EQ(percentEncode(""), "");
}

TEST_F(SampleRequestTest, InvalidVariantsBreakOnePartEach) {
    const std::vector<InvalidRequestSample> variants = invalidRequestVariants(*project, endpoint, 3);
    std::map<std::pair<std::string, std::string>, const InvalidRequestSample*> byKind;
    for (const InvalidRequestSample& v : variants) {
        byKind.emplace(std::pair{v.expected.type, v.expected.loc.dump()}, &v);
        // Text channels cannot carry a wrong JSON type.
        if (v.expected.loc[0] != "body") {
            EXPECT_NE(v.expected.type, "string_type") << v.description;
            EXPECT_NE(v.expected.type, "list_type") << v.description;
        }
    }
    const auto get = [&](const std::string& type, const Json& loc) -> const InvalidRequestSample& {
        const auto it = byKind.find({type, loc.dump()});
        if (it == byKind.end()) {
            ADD_FAILURE() << "no " << type << " at " << loc.dump();
            return variants.front();
        }
        return *it->second;
    };

    const auto& badId = get("int_parsing", Json::array({"path", "book_id"}));
    EXPECT_TRUE(RE2::PartialMatch(badId.request.target, "^/shelves/[^/]+/books/abc(\\?|$)"))
        << badId.request.target;
    EXPECT_EQ(badId.description, "path book_id: 'abc' is not an integer");
    const auto& zeroId = get("greater_than_equal", Json::array({"path", "book_id"}));
    EXPECT_TRUE(RE2::PartialMatch(zeroId.request.target, "/books/0(\\?|$)")) << zeroId.request.target;
    get("string_pattern_mismatch", Json::array({"path", "shelf"}));

    const auto& noQ = get("missing", Json::array({"query", "q"}));
    EXPECT_EQ(queryOf(noQ.request.target).count("q"), 0u);
    const auto& shortQ = get("string_too_short", Json::array({"query", "q"}));
    EXPECT_EQ(queryOf(shortQ.request.target).find("q")->second.size(), 1u);
    get("string_too_long", Json::array({"query", "q"}));
    get("string_pattern_mismatch", Json::array({"query", "q"}));
    const auto& bigLimit = get("less_than_equal", Json::array({"query", "limit"}));
    EXPECT_EQ(queryOf(bigLimit.request.target).find("limit")->second, "101");
    get("int_parsing", Json::array({"query", "limit"}));
    const auto& manyTags = get("too_long", Json::array({"query", "tags"}));
    EXPECT_EQ(queryOf(manyTags.request.target).count("tags"), 4u);
    const auto& badSort = get("enum", Json::array({"query", "sort"}));
    EXPECT_EQ(queryOf(badSort.request.target).find("sort")->second, "invalid_choice");

    const auto& noHeader = get("missing", Json::array({"header", "X-Request-Id"}));
    for (const auto& [name, value] : noHeader.request.headers)
        EXPECT_NE(name, "X-Request-Id");
    get("uuid_parsing", Json::array({"header", "X-Request-Id"}));

    const auto& noBody = get("missing", Json::array({"body"}));
    EXPECT_FALSE(noBody.request.body.has_value());
    const auto& noTitle = get("missing", Json::array({"body", "title"}));
    ASSERT_TRUE(noTitle.request.body.has_value());
    EXPECT_FALSE(Json::parse(*noTitle.request.body).contains("title"));
    get("extra_forbidden", Json::array({"body", "unexpected_field"}));

    // Every body variant breaks exactly what it says; parameters stay valid in it.
    for (const InvalidRequestSample& v : variants) {
        if (v.expected.loc[0] != "body" || !v.request.body) continue;
        const std::vector<FoundError> errors =
            errorsOf(*project, TypeSpec::object("Book"), Json::parse(*v.request.body));
        ASSERT_EQ(errors.size(), 1u) << v.description;
        EXPECT_EQ(errors[0].loc, v.expected.loc);
        EXPECT_EQ(queryOf(v.request.target).count("q"), 1u);
    }
}

TEST(SampleInvalidRequest, TextParametersOnlyGetValuesThatCanTravel) {
    auto project = std::make_shared<model::Project>();
    model::Endpoint endpoint;
    endpoint.method = "GET";
    endpoint.path = "/users/{name}";
    endpoint.parameters = {
        param("name", model::ParamLocation::Path,
              typed(TypeKind::String, Constraints{.minLength = 1, .maxLength = 5}), true),
        param("flag", model::ParamLocation::Query, typed(TypeKind::Boolean), false),
        param("ids", model::ParamLocation::Query,
              arrayOf(typed(TypeKind::Integer, Constraints{.ge = 0}),
                      Constraints{.minItems = 2, .maxItems = 4}),
              false),
        param("one", model::ParamLocation::Query,
              arrayOf(typed(TypeKind::Integer), Constraints{.minItems = 1}), false),
    };
    std::map<std::pair<std::string, std::string>, std::string> found;
    for (const InvalidRequestSample& v : invalidRequestVariants(*project, endpoint, 2)) {
        found[{v.expected.type, v.expected.loc.dump()}] = v.request.target;
    }
    // An empty path segment would not reach the route: no too-short name.
    EXPECT_FALSE(found.count({"string_too_short", R"(["path","name"])"}));
    ASSERT_TRUE(found.count({"string_too_long", R"(["path","name"])"}));
    EXPECT_TRUE(
        RE2::PartialMatch(found[{"string_too_long", R"(["path","name"])"}], "^/users/[A-Za-z0-9]{6}\\?"));
    ASSERT_TRUE(found.count({"bool_parsing", R"(["query","flag"])"}));
    EXPECT_EQ(queryOf(found[{"bool_parsing", R"(["query","flag"])"}]).find("flag")->second, "maybe");
    ASSERT_TRUE(found.count({"too_short", R"(["query","ids"])"}));
    EXPECT_EQ(queryOf(found[{"too_short", R"(["query","ids"])"}]).count("ids"), 1u);
    EXPECT_TRUE(found.count({"too_long", R"(["query","ids"])"}));
    ASSERT_TRUE(found.count({"int_parsing", R"(["query","ids",0])"}));
    ASSERT_TRUE(found.count({"greater_than_equal", R"(["query","ids",0])"}));
    // A list of one with min 1 cannot be made too short: no items is an absent parameter.
    EXPECT_FALSE(found.count({"too_short", R"(["query","one"])"}));
    EXPECT_TRUE(found.count({"int_parsing", R"(["query","one",0])"}));
    EXPECT_EQ(found.size(), 7u);
}

}  // namespace
}  // namespace loadstar::schema
