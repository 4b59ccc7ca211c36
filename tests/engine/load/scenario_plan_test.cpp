#include "engine/load/scenario_plan.h"

#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "support/temp_dir.h"

namespace loadstar::load {
namespace {

model::Project bookstore() {
    auto loaded = model::loadProject(loadstar::testing::sourceDir() / "projects" / "bookstore.loadstar.json");
    EXPECT_TRUE(std::holds_alternative<model::Project>(loaded));
    return std::get<model::Project>(loaded);
}

model::TargetUrl base(const std::string& url) {
    return std::get<model::TargetUrl>(model::parseTargetUrl(url));
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

TEST(ScenarioPlan, FollowsTheMixWithSampledRequests) {
    const model::Project p = bookstore();
    const auto built = buildRequestPlan(p, *p.scenario("browse"), base("http://127.0.0.1:8000"), 16);
    ASSERT_TRUE(std::holds_alternative<RequestPlan>(built)) << std::get<std::string>(built);
    const RequestPlan& plan = std::get<RequestPlan>(built);
    ASSERT_EQ(plan.endpointCount(), 5u);
    EXPECT_EQ(plan.endpoint(1).id, "get_book");
    EXPECT_EQ(plan.endpoint(1).weight, 10);
    for (std::size_t i = 0; i < plan.endpointCount(); ++i) {
        ASSERT_EQ(plan.endpoint(i).variants.size(), 16u);
        for (const PreparedRequest& r : plan.endpoint(i).variants) {
            EXPECT_TRUE(r.bytes.starts_with("GET /")) << r.bytes;
            EXPECT_NE(r.bytes.find(" HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n"), std::string::npos) << r.bytes;
            EXPECT_EQ(r.bytes.find('{'), std::string::npos) << "path parameters are filled: " << r.bytes;
            EXPECT_FALSE(r.expectInvalid);
        }
    }
    // Samples vary: the 16 get_book requests are not all the same.
    const auto& books = plan.endpoint(1).variants;
    EXPECT_TRUE(
        std::any_of(books.begin(), books.end(), [&](const auto& r) { return r.bytes != books[0].bytes; }));
    // Picks follow the weights: get_book (10 of 22) about 45 % of the time.
    std::size_t getBook = 0;
    std::uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 22000; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        getBook += plan.pick(x).endpoint == 1 ? 1u : 0u;
    }
    EXPECT_NEAR(static_cast<double>(getBook) / 22000.0, 10.0 / 22.0, 0.02);
}

TEST(ScenarioPlan, SendsTheConfiguredShareInvalidWithTheScenarioHeaders) {
    const model::Project p = bookstore();
    const auto built =
        buildRequestPlan(p, *p.scenario("write-heavy"), base("http://127.0.0.1:8000/api/"), 50);
    ASSERT_TRUE(std::holds_alternative<RequestPlan>(built)) << std::get<std::string>(built);
    const RequestPlan& plan = std::get<RequestPlan>(built);
    ASSERT_EQ(plan.endpointCount(), 4u);
    const RequestPlan::Endpoint& create = plan.endpoint(0);
    EXPECT_EQ(create.id, "create_book");
    std::size_t invalid = 0;
    for (const PreparedRequest& r : create.variants) {
        invalid += r.expectInvalid ? 1u : 0u;
        EXPECT_TRUE(r.bytes.starts_with("POST /api/books HTTP/1.1\r\n")) << r.bytes;
        EXPECT_EQ(count(r.bytes, "X-API-Key: dev-key-123\r\n"), 1u) << r.bytes;
        if (r.bytes.find("Content-Length: ") != std::string::npos) {  // an invalid variant may lack the body
            EXPECT_NE(r.bytes.find("Content-Type: application/json\r\n"), std::string::npos) << r.bytes;
        }
    }
    EXPECT_EQ(invalid, 5u) << "10 % of 50";
}

TEST(ScenarioPlan, FixedBodyReplacesTheSamples) {
    model::Project p = bookstore();
    model::Scenario s = *p.scenario("write-heavy");
    s.bodyMode = model::BodyMode::Fixed;
    s.fixedBody = Json{{"title", "Fixed"}};
    s.mix = {{"create_book", 1}, {"list_books", 1}};
    const auto built = buildRequestPlan(p, s, base("http://h"), 4);
    ASSERT_TRUE(std::holds_alternative<RequestPlan>(built));
    const RequestPlan& plan = std::get<RequestPlan>(built);
    for (const PreparedRequest& r : plan.endpoint(0).variants)
        EXPECT_TRUE(r.bytes.ends_with("Content-Length: 17\r\n\r\n{\"title\":\"Fixed\"}")) << r.bytes;
    for (const PreparedRequest& r : plan.endpoint(1).variants)
        EXPECT_TRUE(r.bytes.ends_with("\r\n\r\n")) << "no body for an endpoint that takes none";
}

TEST(ScenarioPlan, RefusesAnUnknownEndpoint) {
    model::Project p = bookstore();
    model::Scenario s = *p.scenario("browse");
    s.mix.push_back({"nope", 1});
    const auto built = buildRequestPlan(p, s, base("http://h"));
    ASSERT_TRUE(std::holds_alternative<std::string>(built));
    EXPECT_EQ(std::get<std::string>(built), "the mix names an unknown endpoint \"nope\"");
}

}  // namespace
}  // namespace loadstar::load
