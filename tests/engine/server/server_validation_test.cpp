// The server with the real engine/schema validator and sample generator, on the
// sample projects, over loopback sockets.
#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "engine/server/server.h"
#include "tests/engine/server/http_test_client.h"

namespace loadstar::server {
namespace {

using testing::HttpResponse;
using testing::HttpTestClient;

class ServerValidationTest : public ::testing::Test {
  protected:
    std::unique_ptr<Server> server;
    int port = 0;

    void serve(const std::string& name) {
        auto loaded = model::loadProject(std::string(LOADSTAR_SOURCE_DIR) + "/projects/" + name);
        ASSERT_TRUE(std::holds_alternative<model::Project>(loaded));
        model::Project project = std::get<model::Project>(std::move(loaded));
        project.server.port = 0;
        auto shared = std::make_shared<const model::Project>(std::move(project));
        server = std::make_unique<Server>(shared, projectSchemaServices(shared));
        auto started = server->start();
        ASSERT_TRUE(std::holds_alternative<Started>(started));
        port = std::get<Started>(started).port;
    }

    std::optional<HttpResponse> send(const std::string& method, const std::string& target,
                                     const std::string& body = {}, const std::string& headers = {}) {
        HttpTestClient client(port);
        std::string request = method + " " + target + " HTTP/1.1\r\nHost: x\r\n" + headers;
        if (!body.empty() || method == "POST") {
            request +=
                "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
        }
        request += "\r\n" + body;
        if (!client.send(request)) return std::nullopt;
        return client.read();
    }
};

constexpr const char* kRecord =
    R"({"id":42,"name":"Ada Lovelace","email":"ada@example.com","age":36,"score":0.87,"active":true,)"
    R"("created_at":"2026-11-25T12:00:00Z","country":"GB","ref":"3f2b6a1e-8c4d-4e8f-9a1b-2c3d4e5f6a7b"})";

TEST_F(ServerValidationTest, EchoAnswersTheValidatedRecordWithDefaults) {
    serve("benchmark-plan.loadstar.json");
    const auto response = send("POST", "/echo", kRecord);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    const Json echoed = Json::parse(response->body);
    EXPECT_EQ(echoed["id"], 42);
    EXPECT_EQ(echoed["tags"], Json::array());  // the declared default, filled in
}

TEST_F(ServerValidationTest, InvalidBodiesAre422InFastApisShape) {
    serve("benchmark-plan.loadstar.json");
    Json record = Json::parse(kRecord);
    record["id"] = 0;
    const auto tooSmall = send("POST", "/echo", record.dump());
    ASSERT_TRUE(tooSmall);
    EXPECT_EQ(tooSmall->status, 422);
    const Json detail = Json::parse(tooSmall->body)["detail"];
    ASSERT_EQ(detail.size(), 1u);
    EXPECT_EQ(detail[0]["type"], "greater_than_equal");
    EXPECT_EQ(detail[0]["loc"], Json::parse(R"(["body","id"])"));

    const auto notJson = send("POST", "/echo", "{not json");
    ASSERT_TRUE(notJson);
    EXPECT_EQ(notJson->status, 422);
    EXPECT_EQ(Json::parse(notJson->body)["detail"][0]["type"], "json_invalid");

    const auto deep = send("POST", "/echo", std::string(10000, '[') + std::string(10000, ']'));
    ASSERT_TRUE(deep);
    EXPECT_EQ(deep->status, 422);
    EXPECT_EQ(Json::parse(deep->body)["detail"][0]["type"], "json_invalid");

    const auto missing = send("POST", "/echo");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 422);
    EXPECT_EQ(Json::parse(missing->body)["detail"][0]["type"], "missing");
}

TEST_F(ServerValidationTest, GeneratedResponsesFollowTheModelAndTheSeed) {
    serve("benchmark-plan.loadstar.json");
    const auto first = send("POST", "/model", R"({"features":[0.5,1.5]})");
    const auto second = send("POST", "/model", R"({"features":[2.5]})");
    ASSERT_TRUE(first && second);
    EXPECT_EQ(first->status, 200);
    const Json score = Json::parse(first->body)["score"];
    ASSERT_TRUE(score.is_number());
    EXPECT_GE(score.get<double>(), 0.0);
    EXPECT_LE(score.get<double>(), 1.0);
    EXPECT_EQ(first->body, second->body);  // prepared once for the endpoint's seed
    const auto extra = send("POST", "/model", R"({"features":[1],"other":1})");
    ASSERT_TRUE(extra);
    EXPECT_EQ(extra->status, 422);
    EXPECT_EQ(Json::parse(extra->body)["detail"][0]["type"], "extra_forbidden");
}

TEST_F(ServerValidationTest, NonIntegerPathParameterIs422NotA404) {
    serve("bookstore.loadstar.json");
    const auto response = send("GET", "/authors/abc");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 422);
    const Json detail = Json::parse(response->body)["detail"];
    EXPECT_EQ(detail[0]["type"], "int_parsing");
    EXPECT_EQ(detail[0]["loc"], Json::parse(R"(["path","author_id"])"));
    const auto found = send("GET", "/authors/7");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->status, 200);
}

TEST_F(ServerValidationTest, QueryParametersAreValidated) {
    serve("bookstore.loadstar.json");
    const auto bad = send("GET", "/books?limit=many");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 422);
    EXPECT_EQ(Json::parse(bad->body)["detail"][0]["loc"], Json::parse(R"(["query","limit"])"));
    const auto good = send("GET", "/books?limit=5");
    ASSERT_TRUE(good);
    EXPECT_EQ(good->status, 200);
}

TEST_F(ServerValidationTest, ApiKeyProtectedEndpoints) {
    serve("bookstore.loadstar.json");
    const auto anonymous = send("DELETE", "/books/1");
    ASSERT_TRUE(anonymous);
    EXPECT_EQ(anonymous->status, 401);
    EXPECT_EQ(anonymous->header("WWW-Authenticate"), "ApiKey header=\"X-API-Key\"");
    const auto allowed =
        send("DELETE", "/books/3f2b6a1e-8c4d-4e8f-9a1b-2c3d4e5f6a7b", {}, "X-API-Key: dev-key-123\r\n");
    ASSERT_TRUE(allowed);
    EXPECT_LT(allowed->status, 300);
}

}  // namespace
}  // namespace loadstar::server
