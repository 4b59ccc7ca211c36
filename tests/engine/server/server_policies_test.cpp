// CORS and per-client rate limiting as a browser or a load generator meets them:
// over a real loopback socket, through the server's parsing and writing.
#include <thread>

#include <gtest/gtest.h>

#include "engine/server/server.h"
#include "tests/engine/server/http_test_client.h"
#include "tests/engine/server/test_project.h"

namespace loadstar::server {
namespace {

using std::chrono::milliseconds;
using testing::HttpResponse;
using testing::HttpTestClient;

class ServerPoliciesTest : public ::testing::Test {
  protected:
    model::Project project = testing::sampleProject();
    std::unique_ptr<Server> server;
    int port = 0;

    ServerPoliciesTest() { project.server.port = 0; }

    void start() {
        server = std::make_unique<Server>(std::make_shared<const model::Project>(project),
                                          testing::realServices(project));
        auto started = server->start();
        ASSERT_TRUE(std::holds_alternative<Started>(started)) << std::get<StartError>(started).message;
        port = std::get<Started>(started).port;
    }

    std::optional<HttpResponse> exchange(HttpTestClient& client, const std::string& bytes) {
        if (!client.send(bytes)) return std::nullopt;
        return client.read();
    }
};

TEST_F(ServerPoliciesTest, CorsPreflightIsAnsweredPerSettings) {
    project.server.cors.enabled = true;
    project.server.cors.allowOrigins = {"https://app.example"};
    project.server.cors.allowHeaders = {"Content-Type", "X-API-Key"};
    project.server.cors.maxAge = std::chrono::seconds(120);
    start();
    HttpTestClient client(port);
    const auto preflight = exchange(client,
                                    "OPTIONS /books HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example\r\n"
                                    "Access-Control-Request-Method: POST\r\n"
                                    "Access-Control-Request-Headers: content-type\r\n\r\n");
    ASSERT_TRUE(preflight);
    EXPECT_EQ(preflight->status, 204);
    EXPECT_EQ(preflight->header("Access-Control-Allow-Origin"), "https://app.example");
    EXPECT_EQ(preflight->header("Vary"), "Origin");
    EXPECT_EQ(preflight->header("Access-Control-Allow-Methods"), "POST");
    EXPECT_EQ(preflight->header("Access-Control-Allow-Headers"), "Content-Type, X-API-Key");
    EXPECT_EQ(preflight->header("Access-Control-Max-Age"), "120");
    EXPECT_EQ(preflight->header("Content-Length"), "");
    EXPECT_EQ(preflight->body, "");

    // The connection stays usable: the actual request carries the origin header too.
    const auto actual =
        exchange(client,
                 "POST /books HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example\r\n"
                 "Content-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"title\":\"Emma\"}");
    ASSERT_TRUE(actual);
    EXPECT_EQ(actual->status, 201);
    EXPECT_EQ(actual->header("Access-Control-Allow-Origin"), "https://app.example");
    EXPECT_EQ(actual->body, R"({"title":"Emma"})");

    // A path that serves GET and HEAD only lists those when no methods are configured.
    const auto getOnly = exchange(client,
                                  "OPTIONS /hello HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example\r\n"
                                  "Access-Control-Request-Method: GET\r\n\r\n");
    ASSERT_TRUE(getOnly);
    EXPECT_EQ(getOnly->status, 204);
    EXPECT_EQ(getOnly->header("Access-Control-Allow-Methods"), "GET, HEAD");
}

TEST_F(ServerPoliciesTest, CorsRefusesOriginsNotListed) {
    project.server.cors.enabled = true;
    project.server.cors.allowOrigins = {"https://app.example"};
    start();
    HttpTestClient client(port);
    const auto preflight = exchange(client,
                                    "OPTIONS /hello HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\n"
                                    "Access-Control-Request-Method: GET\r\n\r\n");
    ASSERT_TRUE(preflight);
    EXPECT_EQ(preflight->status, 400);
    EXPECT_EQ(preflight->header("Access-Control-Allow-Origin"), "");
    EXPECT_EQ(preflight->body, R"({"detail":"Disallowed CORS origin"})");
    // A simple request from that origin is served, without the header a browser needs to read it.
    const auto simple =
        exchange(client, "GET /hello HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\n\r\n");
    ASSERT_TRUE(simple);
    EXPECT_EQ(simple->status, 200);
    EXPECT_EQ(simple->header("Access-Control-Allow-Origin"), "");
}

TEST_F(ServerPoliciesTest, CorsWildcardAndDisabled) {
    project.server.cors.enabled = true;
    project.server.cors.allowOrigins = {"*"};
    start();
    HttpTestClient client(port);
    const auto any =
        exchange(client, "GET /hello HTTP/1.1\r\nHost: x\r\nOrigin: https://anyone.example\r\n\r\n");
    ASSERT_TRUE(any);
    EXPECT_EQ(any->header("Access-Control-Allow-Origin"), "*");
    EXPECT_EQ(any->header("Vary"), "");
    server->stop();

    project.server.cors.enabled = false;
    start();
    HttpTestClient plain(port);
    const auto off = exchange(plain,
                              "OPTIONS /hello HTTP/1.1\r\nHost: x\r\nOrigin: https://anyone.example\r\n"
                              "Access-Control-Request-Method: GET\r\n\r\n");
    ASSERT_TRUE(off);
    // Without CORS an OPTIONS request is just a method the path does not serve.
    EXPECT_EQ(off->status, 405);
    EXPECT_EQ(off->header("Allow"), "GET, HEAD");
    EXPECT_EQ(off->header("Access-Control-Allow-Origin"), "");
}

TEST_F(ServerPoliciesTest, RateLimitAnswers429WithRetryAfterPerClient) {
    project.server.rateLimit.enabled = true;
    // A token every 2 s: the first four requests come well within it on any machine.
    project.server.rateLimit.requestsPerSecond = 0.5;
    project.server.rateLimit.burst = 3;
    start();
    HttpTestClient client(port);
    // A burst of 3 passes at once; the 4th waits for a token that refills in 2 s.
    for (int i = 0; i < 3; ++i) {
        const auto allowed = exchange(client, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
        ASSERT_TRUE(allowed);
        EXPECT_EQ(allowed->status, 200) << "request " << i;
    }
    const auto limited = exchange(client, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(limited);
    EXPECT_EQ(limited->status, 429);
    EXPECT_EQ(limited->header("Retry-After"), "2");
    EXPECT_EQ(limited->body, R"({"detail":"Too Many Requests"})");
    // Limited, not closed: the same connection is served again once a token is back,
    // which Retry-After promises (a wait at least that long, never a guess at a bound).
    std::this_thread::sleep_for(std::chrono::seconds(2));
    const auto again = exchange(client, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 200);
    // Another connection from the same address shares the bucket (it is per client, not per connection).
    HttpTestClient other(port);
    const auto shared = exchange(other, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(shared);
    EXPECT_EQ(shared->status, 429);
    // The server counts a response once written, a moment after the client reads it.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (server->metrics().requests(0, 429) < 2 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(milliseconds(10));
    EXPECT_EQ(server->metrics().requests(0, 429), 2u);
}

TEST_F(ServerPoliciesTest, RateLimitLeavesBuiltinsAlone) {
    project.server.rateLimit.enabled = true;
    project.server.rateLimit.requestsPerSecond = 0.5;
    project.server.rateLimit.burst = 1;
    start();
    HttpTestClient client(port);
    ASSERT_EQ(exchange(client, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")->status, 200);
    const auto limited = exchange(client, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(limited);
    EXPECT_EQ(limited->status, 429);
    EXPECT_EQ(limited->header("Retry-After"), "2");
    // Health checks and metrics scrapes still answer while the client is limited.
    EXPECT_EQ(exchange(client, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")->status, 200);
    EXPECT_EQ(exchange(client, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")->status, 200);
}

}  // namespace
}  // namespace loadstar::server
