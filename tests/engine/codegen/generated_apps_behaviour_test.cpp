// The designed behaviour of generated apps, measured from outside: the I/O wait, CPU
// time spent by the server process, and awkward names served under the design's names.
#include <algorithm>
#include <thread>

#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "tests/engine/codegen/generated_app.h"

namespace loadstar::codegen {
namespace {

namespace fs = std::filesystem;
using testing::GeneratedApp;
using testing::request;

model::Project load(const fs::path& file) {
    auto loaded = model::loadProject(file);
    if (auto* error = std::get_if<model::ProjectError>(&loaded)) throw std::runtime_error(error->toString());
    return std::get<model::Project>(std::move(loaded));
}

class GeneratedAppBehaviour : public ::testing::TestWithParam<Framework> {};

// benchmark-plan: /io waits 50 ms; /model computes 50 ms of CPU in the server.
TEST_P(GeneratedAppBehaviour, WaitsAndComputesAsDesigned) {
    const model::Project project =
        load(loadstar::testing::sourceDir() / "projects/benchmark-plan.loadstar.json");
    std::string error;
    const auto app = GeneratedApp::start(project, GetParam(), {}, error);
    ASSERT_TRUE(app) << error;

    const auto hello = request(app->port(), "GET", "/hello");
    ASSERT_TRUE(hello);
    EXPECT_EQ(hello->status, 200);
    EXPECT_EQ(hello->body, R"({"msg":"hi"})");

    for (int i = 0; i < 3; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const auto io = request(app->port(), "GET", "/io");
        const auto took = std::chrono::steady_clock::now() - start;
        ASSERT_TRUE(io);
        EXPECT_EQ(io->status, 200);
        // A lower bound holds however busy the machine. uvloop's timers run on libuv's loop
        // time, cached when the loop iteration starts, so a 50 ms sleep can end a few
        // milliseconds early by the client's clock; /hello answers in about 1 ms.
        EXPECT_GE(took, std::chrono::milliseconds(45))
            << std::chrono::duration_cast<std::chrono::microseconds>(took).count() << " us";
    }

    // CPU time is what the server process group spent, so other load does not count.
    // The calibration may err on a busy machine; half the designed work is a safe floor.
    const double before = app->cpuSeconds();
    constexpr int kRequests = 6;
    for (int i = 0; i < kRequests; ++i) {
        const auto model = request(app->port(), "POST", "/model", {}, std::string(R"({"features":[1,2,3]})"));
        ASSERT_TRUE(model);
        ASSERT_EQ(model->status, 200) << model->body;
    }
    const double spent = app->cpuSeconds() - before;
    EXPECT_GE(spent, kRequests * 0.050 * 0.5) << "CPU seconds for " << kRequests << " requests";

    const auto invalid = request(app->port(), "POST", "/model", {}, std::string(R"({"features":[]})"));
    ASSERT_TRUE(invalid);
    EXPECT_EQ(invalid->status, 422);
    EXPECT_NE(invalid->body.find(R"("loc":["body","features"])"), std::string::npos) << invalid->body;
}

// Python keywords, non-identifiers and Pydantic's own attribute names keep the design's
// spelling on the wire: in JSON keys, query keys and 422 locations.
TEST_P(GeneratedAppBehaviour, ServesAwkwardNamesUnderTheDesignsNames) {
    const model::Project project =
        load(loadstar::testing::sourceDir() / "tests/fixtures/codegen/awkward-names.loadstar.json");
    std::string error;
    const auto app = GeneratedApp::start(project, GetParam(), {}, error);
    ASSERT_TRUE(app) << error;
    const std::vector<std::pair<std::string, std::string>> auth{{"Authorization", "Bearer s3cret-token"}};
    const std::string body =
        R"({"from":"here","json":1,"date":"2024-02-29","_id":"ab12","model_name":"m","x-y":0.5,"2fa":true,)"
        R"("kind":"c d","children":[{"from":"child","json":2}]})";

    const auto echoed = request(app->port(), "POST", "/import/3?page-size=5&class=abc", auth, body);
    ASSERT_TRUE(echoed);
    ASSERT_EQ(echoed->status, 200) << echoed->body;
    const Json answer = Json::parse(echoed->body);
    EXPECT_EQ(answer["from"], "here");
    EXPECT_EQ(answer["2fa"], true);
    EXPECT_EQ(answer["_id"], "ab12");
    EXPECT_EQ(answer["children"][0]["from"], "child");
    EXPECT_EQ(answer["children"][0]["kind"], "if");  // the default, filled in

    const auto unauthorized = request(app->port(), "POST", "/import/3", {}, body);
    ASSERT_TRUE(unauthorized);
    EXPECT_EQ(unauthorized->status, 401);
    EXPECT_EQ(unauthorized->header("WWW-Authenticate"), "Bearer");

    const auto refused = request(app->port(), "POST", "/import/0?page-size=99&class=toolong", auth,
                                 std::string(R"({"json":-1,"_id":"AB","surprise":1})"));
    ASSERT_TRUE(refused);
    ASSERT_EQ(refused->status, 422);
    std::vector<std::string> locs;
    const Json errors = Json::parse(refused->body);
    for (const Json& e : errors["detail"])
        locs.push_back(e["loc"].dump());
    // FastAPI names a renamed path parameter by its Python name (README: differences).
    const std::string pathLoc =
        GetParam() == Framework::FastApi ? R"(["path","item_id"])" : R"(["path","item-id"])";
    const std::vector<std::string> expected{pathLoc,
                                            R"(["query","page-size"])",
                                            R"(["query","class"])",
                                            R"(["body","from"])",
                                            R"(["body","json"])",
                                            R"(["body","_id"])",
                                            R"(["body","surprise"])"};
    EXPECT_EQ(locs, expected) << refused->body;

    const auto list = request(app->port(), "GET", "/lists/abc?async=true");
    ASSERT_TRUE(list);
    EXPECT_EQ(list->status, 200) << list->body;
    EXPECT_TRUE(Json::parse(list->body).contains("items"));
}

// The Device Fleet's credentials as the embedded server takes them: the API key in
// the query (the last one counts), HTTP basic with its challenge, a session cookie;
// and the new kinds' values: a tagged union's model chosen by its tag, a map echoed
// with its nulls, repeated tags refused.
TEST_P(GeneratedAppBehaviour, TakesKeysInTheQueryBasicUsersAndCookies) {
    const model::Project project =
        load(loadstar::testing::sourceDir() / "projects/device-fleet.loadstar.json");
    std::string error;
    const auto app = GeneratedApp::start(project, GetParam(), {}, error);
    ASSERT_TRUE(app) << error;
    const std::string device = "/devices/3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    const auto labels = request(app->port(), "PUT", device + "/labels?api_key=wrong&api_key=fleet-key-1", {},
                                std::string(R"({"room":"b12","old":null})"));
    ASSERT_TRUE(labels);
    EXPECT_EQ(labels->status, 200) << labels->body;
    EXPECT_EQ(Json::parse(labels->body), Json::parse(R"({"room":"b12","old":null})"));
    const auto noKey = request(app->port(), "PUT", device + "/labels", {}, std::string("{}"));
    ASSERT_TRUE(noKey);
    EXPECT_EQ(noKey->status, 401);
    EXPECT_EQ(noKey->header("WWW-Authenticate"), R"(ApiKey query="api_key")");
    const auto keyInHeader =
        request(app->port(), "PUT", device + "/labels", {{"api_key", "fleet-key-1"}}, std::string("{}"));
    ASSERT_TRUE(keyInHeader);
    EXPECT_EQ(keyInHeader->status, 401) << "the design wants it in the query";

    // "legacy:firmware-3" and a wrong password, base64-encoded.
    const auto status =
        request(app->port(), "GET", "/v1/status", {{"Authorization", "Basic bGVnYWN5OmZpcm13YXJlLTM="}});
    ASSERT_TRUE(status);
    EXPECT_EQ(status->status, 200) << status->body;
    for (const std::string credentials : {"Basic bGVnYWN5Om5vcGU=", "Basic !!!", "Bearer bGVnYWN5"}) {
        const auto refused = request(app->port(), "GET", "/v1/status", {{"Authorization", credentials}});
        ASSERT_TRUE(refused);
        EXPECT_EQ(refused->status, 401) << credentials;
        EXPECT_EQ(refused->header("WWW-Authenticate"), "Basic") << credentials;
    }

    const auto cookie = request(app->port(), "GET", device, {{"Cookie", "fleet_session=0123456789abcdef"}});
    ASSERT_TRUE(cookie);
    EXPECT_EQ(cookie->status, 200) << cookie->body;
    const auto badCookie = request(app->port(), "GET", device, {{"Cookie", "fleet_session=XYZ"}});
    ASSERT_TRUE(badCookie);
    ASSERT_EQ(badCookie->status, 422);
    EXPECT_EQ(Json::parse(badCookie->body)["detail"][0]["loc"], Json::parse(R"(["cookie","fleet_session"])"));

    const std::string key = "/devices?api_key=fleet-key-1";
    const std::string registration = R"({"hostname":"s-1.example.com","firmware":"4.2.1","tags":["a1","a1"],)"
                                     R"("uplink":{"type":"5g","iccid":"8944500102198304826","ssid":"x"}})";
    const auto twice = request(app->port(), "POST", key, {}, registration);
    ASSERT_TRUE(twice);
    ASSERT_EQ(twice->status, 422) << twice->body;
    std::vector<std::string> locs;
    const Json refusal = Json::parse(twice->body);
    for (const Json& e : refusal["detail"])
        locs.push_back(e["loc"].dump());
    std::sort(locs.begin(), locs.end());
    // The repeated tag, and CellularLink (chosen by "5g") refusing the Wi-Fi field.
    EXPECT_EQ(locs, (std::vector<std::string>{R"(["body","tags"])", R"(["body","uplink","5g","ssid"])"}));
}

INSTANTIATE_TEST_SUITE_P(Frameworks, GeneratedAppBehaviour,
                         ::testing::Values(Framework::FastApi, Framework::Flask),
                         [](const ::testing::TestParamInfo<Framework>& param) {
                             return std::string(toString(param.param));
                         });

}  // namespace
}  // namespace loadstar::codegen
