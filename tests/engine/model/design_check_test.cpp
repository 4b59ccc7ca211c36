#include "engine/model/design_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "support/design_text.h"
#include "support/temp_dir.h"

namespace loadstar::model {
namespace {

using loadstar::testing::problemLines;
using loadstar::testing::projectOf;
using ::testing::HasSubstr;

TEST(DesignCheck, EverySampleIsClean) {
    for (const auto& file : loadstar::testing::sampleProjects()) {
        auto result = loadProject(file);
        ASSERT_TRUE(std::holds_alternative<Project>(result)) << file;
        EXPECT_THAT(problemLines(std::get<Project>(result)), ::testing::IsEmpty()) << file;
    }
}

TEST(DesignCheck, DuplicateRoutesCompareTemplatesByShape) {
    const Project p = projectOf(R"({"loadstar": 1, "name": "x", "endpoints": [
        {"id": "a", "method": "GET", "path": "/books/{id}", "parameters": [{"name": "id", "in": "path", "type": "integer"}],
         "responses": [{"status": 200}]},
        {"id": "b", "method": "GET", "path": "/books/{book_id}/", "parameters": [{"name": "book_id", "in": "path", "type": "string"}],
         "responses": [{"status": 200}]},
        {"id": "c", "method": "DELETE", "path": "/books/{book_id}", "parameters": [{"name": "book_id", "in": "path", "type": "string"}],
         "responses": [{"status": 204}]}]})");
    EXPECT_THAT(problemLines(p),
                ::testing::ElementsAre("error /endpoints/1/path: duplicate route: GET /books/{book_id}/ is "
                                       "the same route as GET /books/{id} (endpoint a)"));
}

TEST(DesignCheck, PathParametersAndTemplateMustAgree) {
    const Project p = projectOf(R"({"loadstar": 1, "name": "x", "endpoints": [
        {"id": "a", "method": "GET", "path": "/a/{x}/b/{y}", "parameters": [
            {"name": "x", "in": "path", "type": "integer"}, {"name": "z", "in": "path", "type": "integer"}],
         "responses": [{"status": 200}]},
        {"id": "b", "method": "GET", "path": "/c/{", "responses": [{"status": 200}]}]})");
    EXPECT_THAT(problemLines(p),
                ::testing::ElementsAre(
                    "error /endpoints/0/path: path parameter {y} is not declared in the parameters",
                    "error /endpoints/0/parameters/1: path parameter \"z\" does not appear in the path "
                    "/a/{x}/b/{y}",
                    "error /endpoints/1/path: malformed path template \"/c/{\" (unbalanced or empty {})"));
}

TEST(DesignCheck, UnknownModelsAndImpossibleConstraints) {
    const Project p = projectOf(R"({"loadstar": 1, "name": "x", "models": [{"name": "M", "fields": [
        {"name": "a", "type": "object", "model": "Nope"},
        {"name": "b", "type": "integer", "ge": 10, "le": 5},
        {"name": "c", "type": "number", "gt": 1, "lt": 1},
        {"name": "d", "type": "integer", "gt": 1, "lt": 2},
        {"name": "e", "type": "string", "min_length": 5, "max_length": 2},
        {"name": "f", "type": "array", "items": {"type": "string", "pattern": "(unclosed"}, "min_items": 3, "max_items": 1},
        {"name": "g", "type": "string", "ge": 1}]}],
        "endpoints": [{"id": "e", "method": "POST", "path": "/e", "request_body": {"type": "object", "model": "Missing"},
                       "responses": [{"status": 200, "body": {"type": "array", "items": {"type": "object", "model": "Gone"}}}]}]})");
    EXPECT_THAT(problemLines(p),
                ::testing::ElementsAre(
                    "error /models/0/fields/0/model: unknown model \"Nope\"",
                    "error /models/0/fields/1/ge: impossible bounds: no value is >= 10 and <= 5",
                    "error /models/0/fields/2/gt: impossible bounds: no value is > 1 and < 1",
                    "error /models/0/fields/3/gt: impossible bounds: no integer fits",
                    "error /models/0/fields/4/min_length: impossible lengths: min_length 5 > max_length 2",
                    "error /models/0/fields/5/min_items: impossible item counts: min_items 3 > max_items 1",
                    "error /models/0/fields/5/items/pattern: invalid pattern: missing ): (unclosed",
                    "warning /models/0/fields/6/ge: ge applies only to integers and numbers, not to string; "
                    "it is ignored",
                    "error /endpoints/0/request_body/model: unknown model \"Missing\"",
                    "error /endpoints/0/responses/0/body/items/model: unknown model \"Gone\""));
}

TEST(DesignCheck, ReferenceCyclesThroughRequiredFieldsAreErrorsOthersWarnings) {
    const Project p = projectOf(R"({"loadstar": 1, "name": "x", "models": [
        {"name": "A", "fields": [{"name": "b", "type": "object", "model": "B"}]},
        {"name": "B", "fields": [{"name": "a", "type": "object", "model": "A"}]},
        {"name": "Tree", "fields": [{"name": "children", "type": "array", "items": {"type": "object", "model": "Tree"}}]}],
        "endpoints": []})");
    EXPECT_THAT(problemLines(p),
                ::testing::ElementsAre(
                    "error /models/0: reference cycle A -> B -> A through required fields: no finite value "
                    "can satisfy it",
                    "warning /models/2: recursive model (Tree -> Tree); generated samples stop descending "
                    "after a few levels"));
}

TEST(DesignCheck, EndpointAndScenarioProblems) {
    const Project p = projectOf(R"({"loadstar": 1, "name": "x", "endpoints": [
        {"id": "a", "method": "GET", "path": "/a", "parameters": [
            {"name": "h", "in": "header", "type": "array", "items": {"type": "string"}},
            {"name": "q", "in": "query", "type": "integer"}, {"name": "q", "in": "query", "type": "string"}],
         "responses": [{"status": 200}, {"status": 200}], "behaviour": {"response": "example",
         "latency": {"p50": "20ms", "p99": "10ms"}}},
        {"id": "a", "method": "POST", "path": "/docs", "auth": "api_key", "responses": [{"status": 500}]}],
        "scenarios": [{"name": "s", "mix": [{"endpoint": "zzz"}], "body": "fixed"}, {"name": "s", "warmup": "20s"}]})");
    EXPECT_THAT(problemLines(p),
                ::testing::ElementsAre(
                    "error /endpoints/0/parameters/0/type: a header parameter must be a scalar, not array of "
                    "string",
                    "error /endpoints/0/parameters/2/name: duplicate query parameter \"q\"",
                    "error /endpoints/0/responses/1/status: duplicate response status 200",
                    "error /endpoints/0/behaviour/response: answers with the example, but the 200 response "
                    "has none",
                    "error /endpoints/0/behaviour/latency/p99: p99 must not be below p50",
                    "error /endpoints/1/id: duplicate endpoint id \"a\" (also endpoint 0)",
                    "warning /endpoints/1/path: /docs is also a built-in route; move the built-in in the "
                    "server settings, or the design's endpoint wins",
                    "warning /endpoints/1/responses: no 2xx response: every successful call has nothing to "
                    "answer",
                    "warning /endpoints/1/auth: requires an API key but the server settings list none: every "
                    "call gets 401",
                    "error /scenarios/0/mix/0/endpoint: unknown endpoint \"zzz\"",
                    "error /scenarios/0/fixed_body: body mode \"fixed\" needs a fixed_body",
                    "error /scenarios/1/name: duplicate scenario name \"s\"",
                    "error /scenarios/1/warmup: the warm-up is as long as the whole run; nothing would be "
                    "measured"));
}

}  // namespace
}  // namespace loadstar::model
