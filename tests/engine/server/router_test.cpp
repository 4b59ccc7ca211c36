#include "engine/server/router.h"

#include <gtest/gtest.h>

#include "engine/schema/utf8_text.h"
#include "engine/server/docs_page.h"
#include "tests/engine/server/test_project.h"

namespace loadstar::server {
namespace {

using Kind = RouteMatch::Kind;
using Params = std::vector<std::pair<std::string, std::string>>;

class RouterTest : public ::testing::Test {
  protected:
    model::Project project = testing::sampleProject();
    Router router{project};

    std::string endpointId(const RouteMatch& match) const {
        return match.kind == Kind::Endpoint ? project.endpoints[match.endpointIndex].id : "-";
    }
};

TEST_F(RouterTest, MatchesLiteralAndTemplatedPaths) {
    EXPECT_EQ(endpointId(router.match("GET", "/hello")), "hello");
    const RouteMatch book = router.match("GET", "/books/42?fields=title");
    EXPECT_EQ(endpointId(book), "get_book");
    EXPECT_EQ(book.pathParams, (Params{{"book_id", "42"}}));
    EXPECT_EQ(endpointId(router.match("POST", "/books")), "create_book");
    EXPECT_EQ(endpointId(router.match("DELETE", "/books/9")), "delete_book");
}

// Paths of routes without parameters are looked up without splitting (the hot path);
// everything that needs decoding or another method takes the general match, and the
// two must agree.
TEST_F(RouterTest, LiteralRoutesMatchTheSameWithAndWithoutEscapes) {
    for (const char* target :
         {"/hello", "/hello/", "/hello?x=1", "http://example/hello", "/hel%6Co", "/hello%2F"}) {
        SCOPED_TRACE(target);
        const RouteMatch match = router.match("GET", target);
        EXPECT_EQ(endpointId(match), std::string_view(target) == "/hello%2F" ? "-" : "hello");
        EXPECT_TRUE(match.pathParams.empty());
        EXPECT_FALSE(match.head);
    }
    EXPECT_EQ(router.match("GET", "/HELLO").kind, Kind::NotFound);
    EXPECT_EQ(router.match("GET", "//hello").kind, Kind::NotFound);
    const RouteMatch head = router.match("HEAD", "/hello");
    EXPECT_EQ(endpointId(head), "hello");
    EXPECT_TRUE(head.head);
    const RouteMatch wrongMethod = router.match("DELETE", "/hello");
    EXPECT_EQ(wrongMethod.kind, Kind::MethodNotAllowed);
    EXPECT_EQ(wrongMethod.allow, "GET, HEAD");
    EXPECT_EQ(router.match("GET", "/users/me").kind, Kind::Endpoint);
}

TEST_F(RouterTest, NonIntegerIdStillRoutesSoValidationCanAnswer422) {
    const RouteMatch match = router.match("GET", "/books/abc");
    EXPECT_EQ(endpointId(match), "get_book");
    EXPECT_EQ(match.pathParams, (Params{{"book_id", "abc"}}));
}

TEST_F(RouterTest, LiteralSegmentBeatsParameterWhateverTheDeclarationOrder) {
    EXPECT_EQ(endpointId(router.match("GET", "/users/me")), "me");
    EXPECT_EQ(endpointId(router.match("GET", "/users/17")), "get_user");
}

TEST_F(RouterTest, ParameterWithLiteralSuffix) {
    const RouteMatch match = router.match("GET", "/files/report.json");
    EXPECT_EQ(endpointId(match), "file");
    EXPECT_EQ(match.pathParams, (Params{{"name", "report"}}));
    EXPECT_EQ(router.match("GET", "/files/.json").kind, Kind::NotFound);
    EXPECT_EQ(router.match("GET", "/files/report.txt").kind, Kind::NotFound);
}

TEST_F(RouterTest, PercentDecodesParametersAfterSplitting) {
    const RouteMatch match = router.match("GET", "/books/a%2Fb%20c");
    EXPECT_EQ(endpointId(match), "get_book");
    EXPECT_EQ(match.pathParams, (Params{{"book_id", "a/b c"}}));
    EXPECT_EQ(endpointId(router.match("GET", "/h%65llo")), "hello");
}

TEST_F(RouterTest, TrailingSlashAndAbsoluteFormReachTheSameRoute) {
    EXPECT_EQ(endpointId(router.match("GET", "/hello/")), "hello");
    EXPECT_EQ(endpointId(router.match("GET", "http://localhost:8000/hello?x=1")), "hello");
}

TEST_F(RouterTest, UnknownPathIs404) {
    EXPECT_EQ(router.match("GET", "/nothing").kind, Kind::NotFound);
    EXPECT_EQ(router.match("GET", "/books/1/extra").kind, Kind::NotFound);
    EXPECT_EQ(router.match("GET", "/").kind, Kind::NotFound);
}

TEST_F(RouterTest, WrongMethodIs405WithAllowListingThePathsMethods) {
    const RouteMatch put = router.match("PUT", "/books/3");
    EXPECT_EQ(put.kind, Kind::MethodNotAllowed);
    EXPECT_EQ(put.allow, "GET, HEAD, DELETE");
    EXPECT_EQ(router.match("DELETE", "/hello").allow, "GET, HEAD");
    EXPECT_EQ(router.match("GET", "/books").allow, "POST");
    EXPECT_EQ(router.match("GET", "/books/").allow, "POST");
}

TEST_F(RouterTest, HeadIsServedByTheGetRoute) {
    const RouteMatch match = router.match("HEAD", "/books/5");
    EXPECT_EQ(endpointId(match), "get_book");
    EXPECT_TRUE(match.head);
    EXPECT_EQ(router.match("HEAD", "/books").kind, Kind::MethodNotAllowed);
}

TEST_F(RouterTest, MalformedTargetsAreBadPaths) {
    EXPECT_EQ(router.match("GET", "hello").kind, Kind::BadPath);
    EXPECT_EQ(router.match("GET", "").kind, Kind::BadPath);
    EXPECT_EQ(router.match("GET", "*").kind, Kind::BadPath);
    EXPECT_EQ(router.match("GET", "/books/%zz").kind, Kind::BadPath);
    EXPECT_EQ(router.match("GET", "/books/%4").kind, Kind::BadPath);
    EXPECT_EQ(router.match("GET", "/books/%C3%28").kind, Kind::BadPath);    // invalid UTF-8
    EXPECT_EQ(router.match("GET", "/books/\xff\xfe").kind, Kind::BadPath);  // raw invalid UTF-8
    EXPECT_EQ(router.match("GET", "/books/a%00b").kind, Kind::BadPath);
}

TEST_F(RouterTest, BuiltinsAnswerGetAndHeadOnly) {
    const RouteMatch docs = router.match("GET", "/docs");
    EXPECT_EQ(docs.kind, Kind::Builtin);
    EXPECT_EQ(docs.builtin, Builtin::Docs);
    EXPECT_EQ(router.match("GET", "/openapi.json").builtin, Builtin::OpenApi);
    EXPECT_EQ(router.match("GET", "/metrics").builtin, Builtin::Metrics);
    EXPECT_EQ(router.match("HEAD", "/healthz").builtin, Builtin::Health);
    EXPECT_EQ(router.match("GET", "/redoc").builtin, Builtin::ReDoc);
    const RouteMatch asset = router.match("GET", "/_loadstar/static/swagger-ui.css");
    EXPECT_EQ(asset.builtin, Builtin::DocsAsset);
    EXPECT_EQ(docsAssets()[asset.asset].name, "swagger-ui.css");
    EXPECT_EQ(router.match("POST", "/_loadstar/static/swagger-ui.css").kind, Kind::MethodNotAllowed);
    EXPECT_EQ(router.match("GET", "/_loadstar/static/nothing.js").kind, Kind::NotFound);
    const RouteMatch post = router.match("POST", "/healthz");
    EXPECT_EQ(post.kind, Kind::MethodNotAllowed);
    EXPECT_EQ(post.allow, "GET, HEAD");
}

TEST(RouterBuiltins, MoveUnderLoadstarPrefixWhenTheDesignUsesTheirPath) {
    model::Project project = testing::sampleProject();
    model::Endpoint docs;
    docs.id = "docs";
    docs.path = "/docs";
    project.endpoints.push_back(docs);
    model::Endpoint redoc = docs;
    redoc.id = "redoc";
    redoc.path = "/redoc";
    project.endpoints.push_back(redoc);
    project.server.builtins.metrics = "/internal/metrics";
    const Router router(project);
    EXPECT_EQ(router.builtinPaths().docs, "/_loadstar/docs");
    EXPECT_EQ(router.builtinPaths().metrics, "/internal/metrics");
    EXPECT_EQ(router.builtinPaths().openapi, "/openapi.json");
    EXPECT_EQ(router.match("GET", "/docs").kind, Kind::Endpoint);
    EXPECT_EQ(router.match("GET", "/_loadstar/docs").builtin, Builtin::Docs);
    EXPECT_EQ(router.builtinPaths().redoc, "/_loadstar/redoc");
    EXPECT_EQ(router.match("GET", "/_loadstar/redoc").builtin, Builtin::ReDoc);
    EXPECT_EQ(router.match("GET", "/internal/metrics").builtin, Builtin::Metrics);
    EXPECT_EQ(router.match("GET", "/metrics").kind, Kind::NotFound);
}

TEST(Utf8, AcceptsWellFormedAndRefusesTheRest) {
    EXPECT_TRUE(schema::isValidUtf8("plain"));
    EXPECT_TRUE(schema::isValidUtf8("\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
    EXPECT_FALSE(schema::isValidUtf8("\xC0\xAF"));          // overlong "/"
    EXPECT_FALSE(schema::isValidUtf8("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(schema::isValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    EXPECT_FALSE(schema::isValidUtf8("\xE2\x82"));          // truncated
    EXPECT_FALSE(schema::isValidUtf8("\x80"));
}

}  // namespace
}  // namespace loadstar::server
