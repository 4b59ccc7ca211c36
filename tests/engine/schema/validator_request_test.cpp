// Whole requests: path, query, header and body together, as FastAPI orders and
// shapes their errors.
#include <gtest/gtest.h>

#include "tests/engine/schema/validator_test_support.h"

namespace loadstar::schema {
namespace {

using namespace testing;
using model::ParamLocation;

std::shared_ptr<model::Project> bookstore() {
    auto project = std::make_shared<model::Project>();

    model::Model author;
    author.name = "Author";
    TypeSpec authorName = scalar(TypeKind::String);
    authorName.constraints.minLength = 1;
    author.fields = {field("name", authorName)};

    model::Model book;
    book.name = "Book";
    TypeSpec title = scalar(TypeKind::String);
    title.constraints.minLength = 1;
    TypeSpec year = scalar(TypeKind::Integer);
    year.constraints.ge = 1450;
    book.fields = {field("title", title), field("year", year), field("author", TypeSpec::object("Author")),
                   field("status", TypeSpec::enumeration({"draft", "published"}), false, Json("draft"))};

    model::Model embed;
    embed.name = "EmbedRequest";
    TypeSpec text = scalar(TypeKind::String);
    text.constraints.minLength = 1;
    text.constraints.maxLength = 2048;
    TypeSpec texts = TypeSpec::arrayOf(text);
    texts.constraints.minItems = 1;
    texts.constraints.maxItems = 64;
    embed.fields = {field("texts", texts)};
    project->models = {author, book, embed};

    model::Endpoint getBook;
    getBook.id = "get_book";
    getBook.path = "/books/{book_id}";
    TypeSpec limit = scalar(TypeKind::Integer);
    limit.constraints.ge = 1;
    limit.constraints.le = 100;
    TypeSpec requestId = scalar(TypeKind::String);
    requestId.constraints.format = model::StringFormat::Uuid;
    getBook.parameters = {
        param("book_id", ParamLocation::Path, scalar(TypeKind::Integer), true),
        param("limit", ParamLocation::Query, limit, false, Json(10)),
        param("tag", ParamLocation::Query, TypeSpec::arrayOf(scalar(TypeKind::String))),
        param("q", ParamLocation::Query, scalar(TypeKind::String)),
        param("x_token", ParamLocation::Header, scalar(TypeKind::String), true),
        param("X-Request-Id", ParamLocation::Header, requestId),
    };

    model::Endpoint createBook;
    createBook.id = "create_book";
    createBook.method = "POST";
    createBook.path = "/books";
    createBook.requestBody = model::RequestBody{TypeSpec::object("Book"), true, ""};

    model::Endpoint embedEndpoint;
    embedEndpoint.id = "embed";
    embedEndpoint.method = "POST";
    embedEndpoint.path = "/embed";
    embedEndpoint.requestBody = model::RequestBody{TypeSpec::object("EmbedRequest"), true, ""};

    model::Endpoint optionalBody;
    optionalBody.id = "touch";
    optionalBody.method = "PUT";
    optionalBody.path = "/touch/{n}";
    optionalBody.parameters = {param("n", ParamLocation::Path, scalar(TypeKind::Integer), true)};
    optionalBody.requestBody = model::RequestBody{TypeSpec::object("Author"), false, ""};

    project->endpoints = {getBook, createBook, embedEndpoint, optionalBody};
    return project;
}

class RequestValidation : public ::testing::Test {
  protected:
    std::shared_ptr<model::Project> project = bookstore();
    RequestValidator validator{project};
    const model::Endpoint& getBook = project->endpoints[0];
    const model::Endpoint& createBook = project->endpoints[1];
    const model::Endpoint& embed = project->endpoints[2];
    const model::Endpoint& touch = project->endpoints[3];

    static RequestParts jsonBody(std::string_view body) {
        RequestParts parts;
        parts.headers = {{"Content-Type", "application/json"}};
        parts.body = body;
        parts.hasBody = true;
        return parts;
    }
};

TEST_F(RequestValidation, AcceptsAndCoercesWithDefaults) {
    RequestParts parts;
    parts.pathParams = {{"book_id", "42"}};
    parts.query = "tag=a&tag=b%20c&tag=d+e";
    parts.headers = {{"X-Token", "secret"}, {"x-request-id", "{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}"}};
    const ValidatedRequest ok = acceptedOf(validator.validate(getBook, parts));
    EXPECT_EQ(ok.path, (Json{{"book_id", 42}}));
    EXPECT_EQ(ok.query.dump(), R"({"limit":10,"tag":["a","b c","d e"],"q":null})");
    EXPECT_EQ(ok.headers.dump(),
              R"({"x_token":"secret","X-Request-Id":"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"})");
    EXPECT_FALSE(ok.body.has_value());
}

TEST_F(RequestValidation, PathIntegerThatDoesNotParse) {
    RequestParts parts;
    parts.pathParams = {{"book_id", "abc"}};
    parts.headers = {{"x-token", "t"}};
    EXPECT_EQ(
        errorsOf(validator.validate(getBook, parts)),
        std::vector{error("int_parsing", Json::array({"path", "book_id"}),
                          "Input should be a valid integer, unable to parse string as an integer", "abc")});
}

TEST_F(RequestValidation, QueryScalarTakesTheLastRepeatedValueAndValidatesIt) {
    RequestParts parts;
    parts.pathParams = {{"book_id", "1"}};
    parts.headers = {{"X-TOKEN", "t"}};
    parts.query = "limit=5&limit=500";
    EXPECT_EQ(errorsOf(validator.validate(getBook, parts)),
              std::vector{error("less_than_equal", Json::array({"query", "limit"}),
                                "Input should be less than or equal to 100", "500", Json{{"le", 100}})});
    parts.query = "limit=500&limit=7";
    EXPECT_EQ(acceptedOf(validator.validate(getBook, parts)).query["limit"], Json(7));
    parts.query = "limit=";
    EXPECT_EQ(errorsOf(validator.validate(getBook, parts))[0],
              error("int_parsing", Json::array({"query", "limit"}),
                    "Input should be a valid integer, unable to parse string as an integer", ""));
}

TEST_F(RequestValidation, HeadersMatchCaseInsensitivelyAndReportTheDeclaredName) {
    RequestParts parts;
    parts.pathParams = {{"book_id", "1"}};
    parts.headers = {{"X-REQUEST-ID", "not-a-uuid"}};
    EXPECT_EQ(
        errorsOf(validator.validate(getBook, parts)),
        (std::vector{
            error("missing", Json::array({"header", "x_token"}), "Field required", nullptr),
            error(
                "uuid_parsing", Json::array({"header", "X-Request-Id"}),
                "Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` "
                "followed by [0-9a-fA-F-], found `n` at 1",
                "not-a-uuid",
                Json{{"error",
                      "invalid character: expected an optional prefix of `urn:uuid:` followed by "
                      "[0-9a-fA-F-], found `n` at 1"}}),
        }));
}

TEST_F(RequestValidation, ErrorsComeInFastApiOrderPathQueryHeaderBody) {
    RequestParts parts = jsonBody(R"({"name": ""})");
    parts.pathParams = {{"n", "x"}};
    EXPECT_EQ(errorsOf(validator.validate(touch, parts)),
              (std::vector{
                  error("int_parsing", Json::array({"path", "n"}),
                        "Input should be a valid integer, unable to parse string as an integer", "x"),
                  error("string_too_short", Json::array({"body", "name"}),
                        "String should have at least 1 character", "", Json{{"min_length", 1}}),
              }));
    RequestParts get;
    get.pathParams = {{"book_id", "x"}};
    get.query = "limit=0";
    EXPECT_EQ(errorsOf(validator.validate(getBook, get)),
              (std::vector{
                  error("int_parsing", Json::array({"path", "book_id"}),
                        "Input should be a valid integer, unable to parse string as an integer", "x"),
                  error("greater_than_equal", Json::array({"query", "limit"}),
                        "Input should be greater than or equal to 1", "0", Json{{"ge", 1}}),
                  error("missing", Json::array({"header", "x_token"}), "Field required", nullptr),
              }));
}

TEST_F(RequestValidation, MissingBodyFieldCarriesTheEnclosingObject) {
    // The example from the issue: {"type":"missing","loc":["body","texts"],"msg":"Field
    // required","input":{...}}
    const auto errors = errorsOf(validator.validate(embed, jsonBody(R"({"text": ["hi"]})")));
    EXPECT_EQ(
        errorBody(errors).dump(),
        R"({"detail":[{"type":"missing","loc":["body","texts"],"msg":"Field required","input":{"text":["hi"]}}]})");
}

TEST_F(RequestValidation, EmbedderTextsConstraints) {
    EXPECT_EQ(acceptedOf(validator.validate(embed, jsonBody(R"({"texts": ["a", "b"]})"))).body,
              std::optional<Json>(Json{{"texts", {"a", "b"}}}));
    EXPECT_EQ(errorsOf(validator.validate(embed, jsonBody(R"({"texts": []})"))),
              std::vector{error("too_short", Json::array({"body", "texts"}),
                                "List should have at least 1 item after validation, not 0", Json::array(),
                                Json{{"field_type", "List"}, {"min_length", 1}, {"actual_length", 0}})});
    EXPECT_EQ(errorsOf(validator.validate(embed, jsonBody(R"({"texts": ["ok", ""]})"))),
              std::vector{error("string_too_short", Json::array({"body", "texts", 1}),
                                "String should have at least 1 character", "", Json{{"min_length", 1}})});
}

TEST_F(RequestValidation, NoBodyWhenRequired) {
    RequestParts parts;
    EXPECT_EQ(errorsOf(validator.validate(createBook, parts)),
              std::vector{error("missing", Json::array({"body"}), "Field required", nullptr)});
    // An empty body counts as none (FastAPI only decodes non-empty bodies), and so does JSON null.
    EXPECT_EQ(errorsOf(validator.validate(createBook, jsonBody(""))),
              std::vector{error("missing", Json::array({"body"}), "Field required", nullptr)});
    EXPECT_EQ(errorsOf(validator.validate(createBook, jsonBody("null"))),
              std::vector{error("missing", Json::array({"body"}), "Field required", nullptr)});
}

TEST_F(RequestValidation, OptionalBodyMayBeAbsent) {
    RequestParts parts;
    parts.pathParams = {{"n", "3"}};
    const ValidatedRequest ok = acceptedOf(validator.validate(touch, parts));
    EXPECT_FALSE(ok.body.has_value());
    EXPECT_EQ(ok.path, (Json{{"n", 3}}));
}

TEST_F(RequestValidation, InvalidJsonIsReportedAloneWithItsCharacterOffset) {
    RequestParts parts = jsonBody(R"({"texts": })");
    const auto errors = errorsOf(validator.validate(embed, parts));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].type, "json_invalid");
    EXPECT_EQ(errors[0].loc,
              Json::array({"body", 10}));  // Python: "Expecting value: line 1 column 11 (char 10)"
    EXPECT_EQ(errors[0].msg, "JSON decode error");
    EXPECT_EQ(errors[0].input, Json::object());
    EXPECT_EQ(errors[0].ctx,
              (Json{{"error",
                     "syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal"}}));
    // Offsets count characters, not bytes: "é" is two bytes, one character.
    EXPECT_EQ(errorsOf(validator.validate(embed, jsonBody(R"({"é": x})")))[0].loc, Json::array({"body", 6}));
    // Truncated input: Python reports the end of the text.
    EXPECT_EQ(errorsOf(validator.validate(embed, jsonBody(R"({"texts": [)")))[0].loc,
              Json::array({"body", 11}));
    EXPECT_EQ(errorsOf(validator.validate(embed, jsonBody("  ")))[0].loc, Json::array({"body", 2}));
    EXPECT_EQ(errorsOf(validator.validate(embed, jsonBody(R"({"texts": ["a"]} x)")))[0].loc,
              Json::array({"body", 17}));
    // The decode error stops everything else, as in FastAPI.
    parts.pathParams = {{"n", "bad"}};
    EXPECT_EQ(errorsOf(validator.validate(touch, parts)).size(), 1u);
}

TEST_F(RequestValidation, WrongContentTypeGivesTheRawBodyToTheModel) {
    RequestParts parts = jsonBody(R"({"texts": ["a"]})");
    parts.headers = {{"content-type", "text/plain; charset=utf-8"}};
    EXPECT_EQ(errorsOf(validator.validate(embed, parts)),
              std::vector{error("model_attributes_type", Json::array({"body"}),
                                "Input should be a valid dictionary or object to extract fields from",
                                R"({"texts": ["a"]})")});
    parts.headers = {{"Content-Type", "application/vnd.api+json"}};
    EXPECT_TRUE(std::holds_alternative<ValidatedRequest>(validator.validate(embed, parts)));
    parts.headers = {};  // no Content-Type: FastAPI reads JSON
    EXPECT_TRUE(std::holds_alternative<ValidatedRequest>(validator.validate(embed, parts)));
    parts.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    EXPECT_EQ(errorsOf(validator.validate(embed, parts))[0].type, "model_attributes_type");
}

TEST_F(RequestValidation, NonObjectBodyForAModel) {
    EXPECT_EQ(errorsOf(validator.validate(embed, jsonBody("[1, 2]"))),
              std::vector{error("model_attributes_type", Json::array({"body"}),
                                "Input should be a valid dictionary or object to extract fields from",
                                Json::array({1, 2}))});
}

TEST_F(RequestValidation, EndpointNotFromTheProjectStillValidates) {
    model::Endpoint other = getBook;  // a copy: prepared on the fly
    RequestParts parts;
    parts.pathParams = {{"book_id", "x"}};
    parts.headers = {{"x-token", "t"}};
    EXPECT_EQ(errorsOf(validator.validate(other, parts))[0].loc, Json::array({"path", "book_id"}));
}

TEST_F(RequestValidation, MissingPathParameter) {
    RequestParts parts;
    parts.headers = {{"x-token", "t"}};
    EXPECT_EQ(errorsOf(validator.validate(getBook, parts)),
              std::vector{error("missing", Json::array({"path", "book_id"}), "Field required", nullptr)});
}

}  // namespace
}  // namespace loadstar::schema
