// The echo fast path: whenever it answers, the answer is exactly what the full
// validator's value dumps to; it declines (and never answers) whatever it cannot be
// sure of, so that every 422 still comes from the full path.
#include <memory>

#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "engine/schema/request_sample.h"
#include "engine/schema/sample_generator.h"
#include "support/temp_dir.h"
#include "tests/engine/schema/validator_test_support.h"

namespace loadstar::schema {
namespace {

using namespace testing;

std::shared_ptr<model::Project> recordProject() {
    auto project = std::make_shared<model::Project>();
    model::Model record;
    record.name = "Record";
    record.extra = model::ExtraFields::Forbid;
    TypeSpec id = scalar(TypeKind::Integer);
    id.constraints.ge = 1;
    TypeSpec name = scalar(TypeKind::String);
    name.constraints.minLength = 1;
    name.constraints.maxLength = 8;
    TypeSpec score = scalar(TypeKind::Number);
    score.constraints.le = 1;
    TypeSpec ref = scalar(TypeKind::String);
    ref.constraints.format = model::StringFormat::Uuid;
    TypeSpec tags = TypeSpec::arrayOf(scalar(TypeKind::String));
    tags.constraints.maxItems = 2;
    record.fields = {field("id", id),
                     field("name", name),
                     field("score", score),
                     field("ref", ref),
                     field("tags", tags, false, Json::array()),
                     field("note", scalar(TypeKind::String), false),
                     field("active", scalar(TypeKind::Boolean))};
    project->models = {record};
    model::Endpoint echo;
    echo.id = "echo";
    echo.method = "POST";
    echo.path = "/echo";
    echo.requestBody = model::RequestBody{TypeSpec::object("Record"), true, {}};
    echo.behaviour.response = model::ResponseSource::Echo;
    model::Endpoint withParam = echo;
    withParam.id = "echo_param";
    withParam.path = "/echo/{id}";
    withParam.parameters = {param("id", model::ParamLocation::Path, scalar(TypeKind::Integer), true)};
    project->endpoints = {echo, withParam};
    return project;
}

RequestParts jsonParts(const std::string& body, std::string_view contentType = "application/json") {
    RequestParts parts;
    parts.headers = {{"Content-Type", contentType}};
    parts.body = body;
    parts.hasBody = true;
    return parts;
}

// What the full path echoes for `body`, or nullopt when it answers 422.
std::optional<std::string> fullEcho(const RequestValidator& validator, const model::Endpoint& endpoint,
                                    const RequestParts& parts) {
    auto result = validator.validate(endpoint, parts);
    auto* accepted = std::get_if<ValidatedRequest>(&result);
    if (accepted == nullptr || !accepted->body) return std::nullopt;
    return accepted->body->dump(-1, ' ', false, Json::error_handler_t::replace);
}

class CanonicalBody : public ::testing::Test {
  protected:
    std::shared_ptr<model::Project> project_ = recordProject();
    RequestValidator validator_{project_};
    const model::Endpoint& echo_ = project_->endpoints[0];
};

TEST_F(CanonicalBody, AnswersACanonicalValidBodyExactlyAsTheFullPath) {
    const std::string body =
        R"({"id":7,"name":"Ada","score":0.5,"ref":"3f2b6a1e-8c4d-4e8f-9a1b-2c3d4e5f6a7b","tags":["x"],"note":null,"active":true})";
    const auto fast = validator_.canonicalBody(echo_, jsonParts(body));
    ASSERT_TRUE(fast.has_value());
    EXPECT_EQ(*fast, body);
    EXPECT_EQ(fast, fullEcho(validator_, echo_, jsonParts(body)));
}

TEST_F(CanonicalBody, DropsWhitespaceLikeTheCompactDump) {
    const std::string body =
        " {\"id\": 7,\n \"name\" : \"Ada "
        "B\"\t,\"score\":1e-05,\"ref\":\"3f2b6a1e-8c4d-4e8f-9a1b-2c3d4e5f6a7b\","
        "\"tags\":[ ],\"note\":\"é ✓\",\"active\":false} \r\n";
    const auto fast = validator_.canonicalBody(echo_, jsonParts(body));
    ASSERT_TRUE(fast.has_value());
    EXPECT_EQ(
        *fast,
        R"({"id":7,"name":"Ada B","score":1e-05,"ref":"3f2b6a1e-8c4d-4e8f-9a1b-2c3d4e5f6a7b","tags":[],"note":"é ✓","active":false})");
    EXPECT_EQ(fast, fullEcho(validator_, echo_, jsonParts(body)));
}

TEST_F(CanonicalBody, DeclinesWhatTheFullPathWouldChangeOrRefuse) {
    const std::string ref = R"("ref":"3f2b6a1e-8c4d-4e8f-9a1b-2c3d4e5f6a7b")";
    const std::string tail = R"(,"tags":[],"note":null,"active":true})";
    const std::vector<std::string> declined{
        // coerced: an integer for a number, an upper-case uuid, a string for an integer
        R"({"id":7,"name":"Ada","score":1,)" + ref + tail,
        R"({"id":7,"name":"Ada","score":0.5,"ref":"3F2B6A1E-8C4D-4E8F-9A1B-2C3D4E5F6A7B")" + tail,
        R"({"id":"7","name":"Ada","score":0.5,)" + ref + tail,
        // numbers not in the form written back
        R"({"id":7,"name":"Ada","score":0.50,)" + ref + tail,
        R"({"id":7,"name":"Ada","score":5E-1,)" + ref + tail,
        R"({"id":-0,"name":"Ada","score":0.5,)" + ref + tail,
        // an escape, a field left to its default, fields out of order, an extra field
        R"({"id":7,"name":"A\u0064a","score":0.5,)" + ref + tail,
        R"({"id":7,"name":"Ada","score":0.5,)" + ref + R"(,"note":null,"active":true})",
        R"({"name":"Ada","id":7,"score":0.5,)" + ref + tail,
        R"({"id":7,"name":"Ada","score":0.5,)" + ref + R"(,"tags":[],"note":null,"active":true,"x":1})",
        // invalid: constraints, types, nulls, syntax, trailing bytes, invalid UTF-8
        R"({"id":0,"name":"Ada","score":0.5,)" + ref + tail,
        R"({"id":7,"name":"","score":0.5,)" + ref + tail,
        R"({"id":7,"name":"Ada","score":1.5,)" + ref + tail,
        R"({"id":7,"name":"Ada","score":0.5,)" + ref + R"(,"tags":["a","b","c"],"note":null,"active":true})",
        R"({"id":null,"name":"Ada","score":0.5,)" + ref + tail,
        R"({"id":7,"name":"Ada","score":0.5,)" + ref + R"(,"tags":[],"note":null,"active":true)",
        R"({"id":7,"name":"Ada","score":0.5,)" + ref + tail + "x",
        "{\"id\":7,\"name\":\"A\xff\",\"score\":0.5," + ref + tail,
        "null",
        "[]",
    };
    for (const std::string& body : declined) {
        EXPECT_EQ(validator_.canonicalBody(echo_, jsonParts(body)), std::nullopt) << body;
    }
}

TEST_F(CanonicalBody, LeavesRequestsWithParametersOrOtherContentToTheFullPath) {
    const std::string body =
        R"({"id":7,"name":"Ada","score":0.5,"ref":"3f2b6a1e-8c4d-4e8f-9a1b-2c3d4e5f6a7b","tags":[],"note":null,"active":true})";
    EXPECT_TRUE(validator_.canonicalBody(echo_, jsonParts(body)).has_value());
    EXPECT_TRUE(validator_.canonicalBody(echo_, jsonParts(body, "application/vnd.x+json")).has_value());
    EXPECT_EQ(validator_.canonicalBody(echo_, jsonParts(body, "text/plain")), std::nullopt);
    RequestParts withParam = jsonParts(body);
    withParam.pathParams = {{"id", "7"}};
    EXPECT_EQ(validator_.canonicalBody(project_->endpoints[1], withParam), std::nullopt);
}

TEST_F(CanonicalBody, DeclinesBodiesDeeperThanTheLimit) {
    auto project = std::make_shared<model::Project>();
    TypeSpec nested = TypeSpec::arrayOf(TypeSpec::arrayOf(TypeSpec::arrayOf(scalar(TypeKind::Integer))));
    model::Endpoint echo;
    echo.id = "echo";
    echo.method = "POST";
    echo.path = "/echo";
    echo.requestBody = model::RequestBody{nested, true, {}};
    echo.behaviour.response = model::ResponseSource::Echo;
    project->endpoints = {echo};
    const RequestValidator shallow(project, ValidatorOptions{2});
    const RequestValidator deep(project, ValidatorOptions{3});
    EXPECT_EQ(shallow.canonicalBody(project->endpoints[0], jsonParts("[[[1]]]")), std::nullopt);
    EXPECT_EQ(deep.canonicalBody(project->endpoints[0], jsonParts("[[[1]]]")), "[[[1]]]");
}

// Over every sample project's endpoints with a body: generated valid bodies (compact
// dumps) are answered, and always as the full path answers them.
TEST(CanonicalBodySamples, AgreesWithTheFullPathOnGeneratedBodies) {
    std::size_t answered = 0;
    for (const auto& file : loadstar::testing::sampleProjects()) {
        auto loaded = model::loadProject(file);
        ASSERT_TRUE(std::holds_alternative<model::Project>(loaded)) << file;
        auto project = std::make_shared<const model::Project>(std::get<model::Project>(std::move(loaded)));
        const RequestValidator validator(project);
        for (const model::Endpoint& endpoint : project->endpoints) {
            if (!endpoint.requestBody || !endpoint.parameters.empty()) continue;
            for (std::uint64_t seed = 1; seed <= 40; ++seed) {
                SampleGenerator generator(project, seed);
                const RequestSample sample = sampleRequest(*project, endpoint, generator);
                if (!sample.body) continue;
                const RequestParts parts = jsonParts(*sample.body);
                const auto fast = validator.canonicalBody(endpoint, parts);
                if (!fast) continue;
                ++answered;
                EXPECT_EQ(fast, fullEcho(validator, endpoint, parts)) << endpoint.id << " seed " << seed;
            }
        }
    }
    EXPECT_GT(answered, 40u);
}

}  // namespace
}  // namespace loadstar::schema
