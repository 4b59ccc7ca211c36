// The embedded server on the Device Fleet sample, which uses the whole type
// system: it validates unions, tagged unions, maps, nullable values, literals,
// cookies and every format with FastAPI's 422 shape, checks API keys in the
// query and HTTP basic credentials, and generates responses that validate.
#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "engine/schema/request_validator.h"
#include "engine/server/server.h"
#include "tests/engine/server/http_test_client.h"

namespace loadstar::server {
namespace {

using testing::HttpResponse;
using testing::HttpTestClient;

constexpr const char* kDevice = "/devices/3f2b6a1e-8c4d-4e8f-9a1b-2c3d4e5f6a7b";
constexpr const char* kKey = "api_key=fleet-key-1";
constexpr const char* kSession = "Cookie: theme=dark; fleet_session=0123456789abcdef\r\n";

class ServerTypesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto loaded =
            model::loadProject(std::string(LOADSTAR_SOURCE_DIR) + "/projects/device-fleet.loadstar.json");
        ASSERT_TRUE(std::holds_alternative<model::Project>(loaded));
        model::Project project = std::get<model::Project>(std::move(loaded));
        project.server.port = 0;
        project_ = std::make_shared<const model::Project>(std::move(project));
        server_ = std::make_unique<Server>(project_, projectSchemaServices(project_));
        auto started = server_->start();
        ASSERT_TRUE(std::holds_alternative<Started>(started));
        port_ = std::get<Started>(started).port;
    }

    HttpResponse send(const std::string& method, const std::string& target, const std::string& body = {},
                      const std::string& headers = {}) {
        HttpTestClient client(port_);
        std::string request = method + " " + target + " HTTP/1.1\r\nHost: x\r\n" + headers;
        if (!body.empty() || method == "POST" || method == "PUT") {
            request +=
                "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
        }
        request += "\r\n" + body;
        EXPECT_TRUE(client.send(request));
        return client.read().value_or(HttpResponse{});
    }

    static Json detail(const HttpResponse& response) { return Json::parse(response.body).at("detail"); }

    // The body validates against the endpoint's success response type.
    void expectValidResponse(const std::string& endpointId, const HttpResponse& response) {
        const model::Endpoint* endpoint = project_->endpoint(endpointId);
        ASSERT_NE(endpoint, nullptr);
        ASSERT_NE(endpoint->successResponse(), nullptr);
        ASSERT_TRUE(endpoint->successResponse()->body);
        const schema::RequestValidator validator(project_);
        std::vector<schema::ValidationError> errors;
        validator.validateValue(*endpoint->successResponse()->body, Json::parse(response.body), Json::array(),
                                errors);
        EXPECT_TRUE(errors.empty()) << endpointId << ": " << response.body << "\n  -> "
                                    << schema::errorBody(errors).dump();
    }

    std::shared_ptr<const model::Project> project_;
    std::unique_ptr<Server> server_;
    int port_ = 0;
};

TEST_F(ServerTypesTest, GeneratedResponsesValidateAgainstTheirTypes) {
    const HttpResponse list = send("GET", "/devices?limit=all");
    EXPECT_EQ(list.status, 200) << list.body;
    expectValidResponse("list_devices", list);
    const HttpResponse device = send("GET", kDevice, {}, kSession);
    EXPECT_EQ(device.status, 200) << device.body;
    expectValidResponse("get_device", device);
    const Json uplink = Json::parse(device.body).at("uplink");
    EXPECT_TRUE(uplink.at("type") == "wifi" || uplink.at("type") == "ethernet" ||
                uplink.at("type") == "lte" || uplink.at("type") == "5g")
        << uplink.dump();
}

TEST_F(ServerTypesTest, AUnionQueryParameterReportsEveryVariant) {
    const HttpResponse response = send("GET", "/devices?limit=0");
    ASSERT_EQ(response.status, 422) << response.body;
    EXPECT_EQ(detail(response), Json::parse(R"([
        {"type": "greater_than_equal", "loc": ["query", "limit", "constrained-int"],
         "msg": "Input should be greater than or equal to 1", "input": "0", "ctx": {"ge": 1}},
        {"type": "literal_error", "loc": ["query", "limit", "literal['all']"],
         "msg": "Input should be 'all'", "input": "0", "ctx": {"expected": "'all'"}}])"));
}

TEST_F(ServerTypesTest, CookieParametersAreRequiredAndValidated) {
    const HttpResponse missing = send("GET", kDevice);
    ASSERT_EQ(missing.status, 422);
    EXPECT_EQ(detail(missing), Json::parse(R"([{"type": "missing", "loc": ["cookie", "fleet_session"],
                                                "msg": "Field required", "input": null}])"));
    const HttpResponse bad = send("GET", kDevice, {}, "Cookie: fleet_session=\"not hex\"\r\n");
    ASSERT_EQ(bad.status, 422);
    EXPECT_EQ(detail(bad)[0]["type"], "string_pattern_mismatch");
    EXPECT_EQ(detail(bad)[0]["input"], "not hex");  // unquoted, as Starlette reads it
}

TEST_F(ServerTypesTest, ATaggedUnionBodyAnswersWithTagErrors) {
    const std::string target = std::string(kDevice) + "/uplink?" + kKey;
    EXPECT_EQ(send("POST", target, R"({"type": "wifi", "ssid": "plant"})").status, 202);
    EXPECT_EQ(send("POST", target, R"({"type": "5g", "iccid": "8944500102198304826"})").status, 202);
    const HttpResponse unknown = send("POST", target, R"({"type": "satellite"})");
    ASSERT_EQ(unknown.status, 422);
    EXPECT_EQ(detail(unknown), Json::parse(R"([{"type": "union_tag_invalid", "loc": ["body"],
        "msg": "Input tag 'satellite' found using 'type' does not match any of the expected tags: 'wifi', 'ethernet', 'lte', '5g'",
        "input": {"type": "satellite"},
        "ctx": {"discriminator": "'type'", "tag": "satellite", "expected_tags": "'wifi', 'ethernet', 'lte', '5g'"}}])"));
    const HttpResponse inner = send("POST", target, R"({"type": "wifi", "ssid": "", "band": "4GHz"})");
    ASSERT_EQ(inner.status, 422);
    const Json errors = detail(inner);
    ASSERT_EQ(errors.size(), 2u) << errors.dump();
    EXPECT_EQ(errors[0]["loc"], Json::parse(R"(["body", "wifi", "ssid"])"));
    EXPECT_EQ(errors[0]["type"], "string_too_short");
    EXPECT_EQ(errors[1]["loc"], Json::parse(R"(["body", "wifi", "band"])"));
    EXPECT_EQ(errors[1]["type"], "enum");
    EXPECT_EQ(detail(send("POST", target, R"({"ssid": "x"})"))[0]["type"], "union_tag_not_found");
}

TEST_F(ServerTypesTest, ApiKeysTravelInTheQuery) {
    const std::string target = std::string(kDevice) + "/uplink";
    const HttpResponse none = send("POST", target, R"({"type": "wifi", "ssid": "plant"})");
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(none.header("WWW-Authenticate"), "ApiKey query=\"api_key\"");
    // In a header it is not where the design says it goes.
    EXPECT_EQ(send("POST", target, R"({"type": "wifi", "ssid": "plant"})", "api_key: fleet-key-1\r\n").status,
              401);
    EXPECT_EQ(send("POST", target + "?api_key=wrong", R"({"type": "wifi", "ssid": "plant"})").status, 401);
}

TEST_F(ServerTypesTest, HttpBasicGuardsTheDeprecatedEndpoint) {
    const HttpResponse none = send("GET", "/v1/status");
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(none.header("WWW-Authenticate"), "Basic");
    // legacy:firmware-3
    const HttpResponse ok =
        send("GET", "/v1/status", {}, "Authorization: Basic bGVnYWN5OmZpcm13YXJlLTM=\r\n");
    EXPECT_EQ(ok.status, 200);
    EXPECT_EQ(Json::parse(ok.body)["served_by"], "fleet-1.example.com");
    // legacy:firmware-4
    EXPECT_EQ(send("GET", "/v1/status", {}, "Authorization: Basic bGVnYWN5OmZpcm13YXJlLTQ=\r\n").status, 401);
    EXPECT_EQ(send("GET", "/v1/status", {}, "Authorization: Basic !!!\r\n").status, 401);
}

TEST_F(ServerTypesTest, AMapBodyWithNullableValuesIsEchoed) {
    const std::string target = std::string(kDevice) + "/labels?" + kKey;
    const HttpResponse ok = send("PUT", target, R"({"site": "plant-2", "rack": null})");
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(Json::parse(ok.body), Json::parse(R"({"site": "plant-2", "rack": null})"));
    const HttpResponse bad = send("PUT", target, R"({"site": 5})");
    ASSERT_EQ(bad.status, 422);
    EXPECT_EQ(detail(bad), Json::parse(R"([{"type": "string_type", "loc": ["body", "site"],
                                            "msg": "Input should be a valid string", "input": 5}])"));
    EXPECT_EQ(detail(send("PUT", target, R"(["site"])"))[0]["type"], "dict_type");
}

}  // namespace
}  // namespace loadstar::server
