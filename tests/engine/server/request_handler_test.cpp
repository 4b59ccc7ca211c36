#include "engine/server/request_handler.h"

#include <gtest/gtest.h>

#include "engine/schema/request_validator.h"
#include "tests/engine/server/test_project.h"

namespace loadstar::server {
namespace {

using HeaderList = std::vector<std::pair<std::string_view, std::string_view>>;

class RequestHandlerTest : public ::testing::Test {
  protected:
    std::mt19937_64 random{42};

    static std::shared_ptr<const model::Project> project(model::Project p = testing::sampleProject()) {
        return std::make_shared<const model::Project>(std::move(p));
    }

    ResponsePlan send(const RequestHandler& handler, std::string_view method, std::string_view target,
                      const HeaderList& headers = {}, std::string_view body = {}) {
        Request request;
        request.method = method;
        request.target = target;
        request.headers = headers;
        request.body = body;
        request.hasBody = !body.empty();
        request.client = "127.0.0.1";
        return handler.plan(request, random);
    }

    static int status(const ResponsePlan& plan) { return plan.response->status; }
    static bool hasHeader(const ResponsePlan& plan, std::string_view line) {
        return plan.response->head.find(line) != std::string::npos ||
               plan.extraHeaders.find(line) != std::string::npos;
    }
};

TEST_F(RequestHandlerTest, ExampleResponseIsPreparedOnceAndShared) {
    const RequestHandler handler(project(), testing::realServices(testing::sampleProject()));
    const ResponsePlan first = send(handler, "GET", "/hello");
    const ResponsePlan second = send(handler, "GET", "/hello");
    EXPECT_EQ(status(first), 200);
    EXPECT_EQ(first.response->body, R"({"msg":"hi"})");
    EXPECT_EQ(
        first.response->head,
        "HTTP/1.1 200 OK\r\nServer: loadstar\r\nContent-Type: application/json\r\nContent-Length: 12\r\n");
    EXPECT_EQ(first.response, second.response);
    EXPECT_TRUE(first.cost.isFree());
}

TEST_F(RequestHandlerTest, GeneratedResponseUsesTheEndpointSeed) {
    const RequestHandler handler(project(), testing::realServices(testing::sampleProject()));
    const ResponsePlan plan = send(handler, "GET", "/books/12");
    EXPECT_EQ(status(plan), 200);
    // A Book the validator accepts, prepared once for the endpoint's seed.
    const Json book = Json::parse(plan.response->body);
    ASSERT_TRUE(book.is_object() && book.contains("title") && book["title"].is_string()) << book.dump();
    std::vector<schema::ValidationError> errors;
    schema::RequestValidator(project()).validateValue(model::TypeSpec::object("Book"), book,
                                                      Json::array({"body"}), errors);
    EXPECT_TRUE(errors.empty()) << plan.response->body;
    EXPECT_EQ(send(handler, "GET", "/books/13").response, plan.response);
    const RequestHandler again(project(), testing::realServices(testing::sampleProject()));
    EXPECT_EQ(send(again, "GET", "/books/12").response->body, plan.response->body)
        << "the same seed, the same body";
}

TEST_F(RequestHandlerTest, InvalidPathParameterIs422FromValidation) {
    const RequestHandler handler(project(), testing::realServices(testing::sampleProject()));
    const ResponsePlan plan = send(handler, "GET", "/books/abc");
    EXPECT_EQ(status(plan), 422);
    // FastAPI's answer, word for word.
    EXPECT_EQ(
        plan.response->body,
        R"({"detail":[{"type":"int_parsing","loc":["path","book_id"],)"
        R"("msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]})");
}

TEST_F(RequestHandlerTest, EchoAnswersTheValidatedBodyWithTheSuccessStatus) {
    const RequestHandler handler(project(), testing::realServices(testing::sampleProject()));
    const ResponsePlan plan =
        send(handler, "POST", "/books", {{"Content-Type", "application/json"}}, R"({"title": "Dune"})");
    EXPECT_EQ(status(plan), 201);
    EXPECT_EQ(plan.response->body, R"({"title":"Dune"})");
    EXPECT_EQ(status(send(handler, "POST", "/books", {}, "not json")), 422);
}

TEST_F(RequestHandlerTest, NoContentHasNoBodyAndNoLength) {
    const RequestHandler handler(project(), testing::realServices(testing::sampleProject()));
    const ResponsePlan plan = send(handler, "DELETE", "/books/1");
    EXPECT_EQ(status(plan), 204);
    EXPECT_EQ(plan.response->head, "HTTP/1.1 204 No Content\r\nServer: loadstar\r\n");
    EXPECT_EQ(plan.response->body, "");
}

TEST_F(RequestHandlerTest, NotFoundMethodNotAllowedAndBadTarget) {
    const RequestHandler handler(project(), testing::realServices(testing::sampleProject()));
    const ResponsePlan missing = send(handler, "GET", "/nowhere");
    EXPECT_EQ(status(missing), 404);
    EXPECT_EQ(missing.response->body, R"({"detail":"Not Found"})");
    const ResponsePlan wrongMethod = send(handler, "PATCH", "/books/1");
    EXPECT_EQ(status(wrongMethod), 405);
    EXPECT_EQ(wrongMethod.extraHeaders, "Allow: GET, HEAD, DELETE\r\n");
    EXPECT_EQ(status(send(handler, "GET", "/books/%ff")), 400);
    EXPECT_EQ(missing.route, handler.metricsRoutes().size() - 1);
}

TEST_F(RequestHandlerTest, HeadKeepsTheGetResponseButMarksItHeadersOnly) {
    const RequestHandler handler(project(), testing::realServices(testing::sampleProject()));
    const ResponsePlan plan = send(handler, "HEAD", "/hello");
    EXPECT_TRUE(plan.head);
    EXPECT_EQ(plan.response->body, R"({"msg":"hi"})");
    EXPECT_FALSE(send(handler, "GET", "/hello").head);
}

TEST_F(RequestHandlerTest, ApiKeyAuth) {
    const RequestHandler handler(project(), testing::realServices(testing::sampleProject()));
    const ResponsePlan missing = send(handler, "GET", "/secure");
    EXPECT_EQ(status(missing), 401);
    EXPECT_TRUE(hasHeader(missing, "WWW-Authenticate: ApiKey header=\"X-API-Key\"\r\n"));
    EXPECT_EQ(status(send(handler, "GET", "/secure", {{"x-api-key", "wrong"}})), 401);
    EXPECT_EQ(status(send(handler, "GET", "/secure", {{"x-api-key", "key-2"}})), 200);
}

TEST_F(RequestHandlerTest, BearerAuth) {
    const RequestHandler handler(project(), testing::realServices(testing::sampleProject()));
    const ResponsePlan missing = send(handler, "GET", "/private");
    EXPECT_EQ(status(missing), 401);
    EXPECT_TRUE(hasHeader(missing, "WWW-Authenticate: Bearer\r\n"));
    EXPECT_EQ(status(send(handler, "GET", "/private", {{"Authorization", "Bearer token-2"}})), 401);
    EXPECT_EQ(status(send(handler, "GET", "/private", {{"Authorization", "token-1"}})), 401);
    EXPECT_EQ(status(send(handler, "GET", "/private", {{"Authorization", "bearer token-1"}})), 200);
}

TEST_F(RequestHandlerTest, RateLimitAnswers429WithRetryAfter) {
    model::Project p = testing::sampleProject();
    p.server.rateLimit = {true, 0.5, 2};
    const RequestHandler handler(project(p), testing::realServices(p));
    EXPECT_EQ(status(send(handler, "GET", "/hello")), 200);
    EXPECT_EQ(status(send(handler, "GET", "/hello")), 200);
    const ResponsePlan limited = send(handler, "GET", "/hello");
    EXPECT_EQ(status(limited), 429);
    EXPECT_TRUE(hasHeader(limited, "Retry-After: 2\r\n"));
    EXPECT_EQ(status(send(handler, "GET", "/healthz")), 200);  // built-ins are not limited
}

TEST_F(RequestHandlerTest, CorsPreflightAndSimpleRequests) {
    model::Project p = testing::sampleProject();
    p.server.cors.enabled = true;
    p.server.cors.allowOrigins = {"http://app.example"};
    const RequestHandler handler(project(p), testing::realServices(p));
    const ResponsePlan preflight = send(handler, "OPTIONS", "/books/1",
                                        {{"Origin", "http://app.example"},
                                         {"Access-Control-Request-Method", "DELETE"},
                                         {"Access-Control-Request-Headers", "x-trace"}});
    EXPECT_EQ(status(preflight), 204);
    EXPECT_EQ(preflight.extraHeaders,
              "Access-Control-Allow-Origin: http://app.example\r\nVary: Origin\r\n"
              "Access-Control-Allow-Methods: GET, HEAD, DELETE\r\nAccess-Control-Allow-Headers: x-trace\r\n"
              "Access-Control-Max-Age: 600\r\n");
    const ResponsePlan refused =
        send(handler, "OPTIONS", "/books/1",
             {{"Origin", "http://evil.example"}, {"Access-Control-Request-Method", "GET"}});
    EXPECT_EQ(status(refused), 400);
    const ResponsePlan simple = send(handler, "GET", "/hello", {{"Origin", "http://app.example"}});
    EXPECT_EQ(simple.extraHeaders, "Access-Control-Allow-Origin: http://app.example\r\nVary: Origin\r\n");
    EXPECT_EQ(send(handler, "GET", "/hello", {{"Origin", "http://evil.example"}}).extraHeaders, "");
}

TEST_F(RequestHandlerTest, ErrorInjectionAnswersTheConfiguredStatusAtTheConfiguredRate) {
    model::Project p = testing::sampleProject();
    p.endpoints[0].behaviour.errors = {0.25, 503};
    const RequestHandler handler(project(p), testing::realServices(p));
    int injected = 0;
    for (int i = 0; i < 4000; ++i)
        injected += status(send(handler, "GET", "/hello")) == 503 ? 1 : 0;
    EXPECT_GT(injected, 850);
    EXPECT_LT(injected, 1150);
}

TEST_F(RequestHandlerTest, CostCarriesLatencyCpuAndBatching) {
    model::Project p = testing::sampleProject();
    model::Behaviour& behaviour = p.endpoints[0].behaviour;
    behaviour.cpu = {std::chrono::milliseconds(5), true};
    behaviour.batching = {true, std::chrono::milliseconds(10), 8, std::chrono::milliseconds(20),
                          std::chrono::milliseconds(1)};
    behaviour.serverTiming = true;
    const RequestHandler handler(project(p), testing::realServices(p));
    const ResponsePlan hello = send(handler, "GET", "/hello");
    EXPECT_EQ(hello.cost.cpu, std::chrono::milliseconds(5));
    EXPECT_TRUE(hello.cost.offloadCpu);
    ASSERT_NE(hello.cost.batching, nullptr);
    EXPECT_EQ(hello.cost.batching->maxBatch, 8);
    EXPECT_EQ(hello.cost.batchKey, 0u);
    EXPECT_TRUE(hello.serverTiming);
    EXPECT_EQ(send(handler, "GET", "/io").cost.latency, std::chrono::milliseconds(50));
    EXPECT_TRUE(send(handler, "GET", "/books/abc").cost.isFree());  // a 422 costs nothing
}

TEST_F(RequestHandlerTest, BuiltinsServeTheDocumentThePageHealthAndMetrics) {
    auto p = project();
    Metrics metrics(std::vector<Metrics::RouteLabel>{{"GET", "/hello"}});
    metrics.recordRequest(0, 200, std::chrono::milliseconds(3));
    const RequestHandler handler(p, testing::realServices(*p), &metrics);
    const ResponsePlan openapi = send(handler, "GET", "/openapi.json");
    const Json document = Json::parse(openapi.response->body);
    EXPECT_EQ(document["openapi"], "3.1.0");
    EXPECT_EQ(document["info"]["title"], "Bookshop");
    EXPECT_TRUE(document["paths"].contains("/books/{book_id}"));
    const ResponsePlan docs = send(handler, "GET", "/docs");
    EXPECT_TRUE(hasHeader(docs, "Content-Type: text/html; charset=utf-8\r\n"));
    EXPECT_NE(docs.response->body.find("<title>Bookshop - Swagger UI</title>"), std::string::npos);
    EXPECT_NE(docs.response->body.find(R"(url: "/openapi.json",)"), std::string::npos);
    EXPECT_NE(docs.response->body.find(R"(<script src="/_loadstar/static/swagger-ui-bundle.js">)"),
              std::string::npos);
    EXPECT_EQ(docs.response->body.find("http"), std::string::npos);  // no CDN, no external URL
    EXPECT_TRUE(hasHeader(docs,
                          "Content-Security-Policy: default-src 'self' 'unsafe-inline' 'unsafe-eval' "
                          "data: blob:\r\n"));
    const ResponsePlan redoc = send(handler, "GET", "/redoc");
    EXPECT_NE(redoc.response->body.find("<title>Bookshop - ReDoc</title>"), std::string::npos);
    EXPECT_NE(redoc.response->body.find(R"(<redoc spec-url="/openapi.json"></redoc>)"), std::string::npos);
    EXPECT_NE(redoc.response->body.find(R"(<script src="/_loadstar/static/redoc.standalone.js">)"),
              std::string::npos);
    EXPECT_EQ(redoc.response->body.find("http"), std::string::npos);
    EXPECT_TRUE(hasHeader(redoc,
                          "Content-Security-Policy: default-src 'self' 'unsafe-inline' 'unsafe-eval' "
                          "data: blob:\r\n"));
    EXPECT_EQ(send(handler, "GET", "/healthz").response->body, R"({"status":"ok"})");
    const ResponsePlan metricsPlan = send(handler, "GET", "/metrics");
    EXPECT_NE(metricsPlan.response->body.find(
                  "loadstar_http_requests_total{method=\"GET\",route=\"/hello\",status=\"200\"} 1\n"),
              std::string::npos);
    EXPECT_EQ(metricsPlan.route, p->endpoints.size() + static_cast<std::size_t>(Builtin::Metrics));
}

TEST_F(RequestHandlerTest, ProtocolErrorsCloseTheConnection) {
    const RequestHandler handler(project(), testing::realServices(testing::sampleProject()));
    const ResponsePlan tooLarge = handler.protocolError(413);
    EXPECT_EQ(tooLarge.response->status, 413);
    EXPECT_TRUE(tooLarge.close);
    EXPECT_FALSE(handler.protocolError(503, true).close);
}

}  // namespace
}  // namespace loadstar::server

namespace loadstar::server {
namespace {

TEST(ProjectSchemaServices, ServeTheRealOpenApiExport) {
    auto project = std::make_shared<const model::Project>(testing::sampleProject());
    const RequestHandler handler(project, projectSchemaServices(project));
    std::mt19937_64 random(1);
    Request request;
    request.method = "GET";
    request.target = "/openapi.json";
    const Json document = Json::parse(handler.plan(request, random).response->body);
    EXPECT_EQ(document["openapi"], "3.1.0");
    EXPECT_EQ(document["servers"], Json::parse(R"([{"url":"/"}])"));
    EXPECT_TRUE(document["paths"].contains("/books/{book_id}"));
}

// The pages' scripts, styles and icon are the pinned npm files, served from the binary.
TEST_F(RequestHandlerTest, DocsAssetsAreServedFromTheBinaryWithTheirTypes) {
    const auto p = project();
    const RequestHandler handler(p, testing::realServices(*p));
    const ResponsePlan bundle = send(handler, "GET", "/_loadstar/static/swagger-ui-bundle.js");
    EXPECT_EQ(bundle.response->status, 200);
    EXPECT_TRUE(hasHeader(bundle, "Content-Type: text/javascript; charset=utf-8\r\n"));
    EXPECT_GT(bundle.response->body.size(), 500'000u);
    EXPECT_NE(bundle.response->body.find("SwaggerUIBundle"), std::string::npos);
    const ResponsePlan css = send(handler, "GET", "/_loadstar/static/swagger-ui.css");
    EXPECT_TRUE(hasHeader(css, "Content-Type: text/css; charset=utf-8\r\n"));
    EXPECT_NE(css.response->body.find(".swagger-ui"), std::string::npos);
    const ResponsePlan redoc = send(handler, "GET", "/_loadstar/static/redoc.standalone.js");
    EXPECT_NE(redoc.response->body.find("Redoc"), std::string::npos);
    const ResponsePlan icon = send(handler, "GET", "/_loadstar/static/favicon.png");
    EXPECT_TRUE(hasHeader(icon, "Content-Type: image/png\r\n"));
    EXPECT_EQ(icon.response->body.substr(0, 8), "\x89PNG\r\n\x1a\n");
    // One copy per process, whichever handler serves it.
    const RequestHandler other(p, testing::realServices(*p));
    EXPECT_EQ(send(other, "GET", "/_loadstar/static/swagger-ui-bundle.js").response, bundle.response);
    EXPECT_EQ(send(handler, "GET", "/_loadstar/static/other.js").response->status, 404);
    EXPECT_EQ(send(handler, "GET", "/_loadstar/static/").response->status, 404);
    EXPECT_EQ(bundle.route, handler.metricsRoutes().size() - 2);
    EXPECT_EQ(handler.metricsRoutes()[bundle.route].route, "/_loadstar/static/{file}");
}

}  // namespace
}  // namespace loadstar::server

namespace loadstar::server {
namespace {

TEST(RequestHandlerValidation, SkipsValidationWhenTheEndpointDeclaresNothing) {
    auto calls = std::make_shared<int>(0);
    SchemaServices services = testing::realServices(testing::sampleProject());
    services.validate = [calls, inner = services.validate](const model::Endpoint& e, const RequestParts& p) {
        ++*calls;
        return inner(e, p);
    };
    const RequestHandler handler(std::make_shared<const model::Project>(testing::sampleProject()), services);
    std::mt19937_64 random(1);
    Request request;
    request.method = "GET";
    request.target = "/hello?anything=1";
    EXPECT_EQ(handler.plan(request, random).response->status, 200);
    EXPECT_EQ(*calls, 0);
    request.target = "/books/1";
    EXPECT_EQ(handler.plan(request, random).response->status, 200);
    EXPECT_EQ(*calls, 1);
}

}  // namespace
}  // namespace loadstar::server
