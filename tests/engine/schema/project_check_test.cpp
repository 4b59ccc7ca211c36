#include "engine/schema/project_check.h"

#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "support/temp_dir.h"

namespace loadstar::schema {
namespace {

std::vector<std::string> lines(const std::string& text) {
    auto result = model::parseProject(text);
    if (auto* e = std::get_if<model::ProjectError>(&result)) {
        ADD_FAILURE() << e->toString();
        return {};
    }
    std::vector<std::string> out;
    for (const model::Problem& p : checkDesignValues(std::get<model::Project>(result))) {
        out.push_back(std::string(model::toString(p.severity)) + " " + p.location + ": " + p.message);
    }
    return out;
}

TEST(ProjectCheck, EverySampleIsClean) {
    for (const auto& file : loadstar::testing::sampleProjects()) {
        auto result = model::loadProject(file);
        ASSERT_TRUE(std::holds_alternative<model::Project>(result));
        EXPECT_THAT(checkProject(std::get<model::Project>(result)), ::testing::IsEmpty()) << file;
    }
}

TEST(ProjectCheck, DefaultsAndExamplesMustSatisfyTheirOwnTypes) {
    EXPECT_THAT(
        lines(R"({"loadstar": 1, "name": "x", "models": [{"name": "M", "fields": [
        {"name": "limit", "type": "integer", "ge": 1, "default": 0, "required": false},
        {"name": "tags", "type": "array", "items": {"type": "string", "max_length": 3}, "example": ["ok", "toolong"]},
        {"name": "kind", "type": "enum", "values": ["a", "b"], "example": "c"},
        {"name": "fine", "type": "string", "example": "yes"}]}],
        "endpoints": [{"id": "e", "method": "GET", "path": "/e",
            "parameters": [{"name": "page", "in": "query", "type": "integer", "le": 10, "default": 11}],
            "responses": [{"status": 200, "body": {"type": "object", "model": "M"}, "example": {"tags": []}}]}]})"),
        ::testing::ElementsAre(
            "error /models/0/fields/0/default: the default 0 is not valid: Input should be greater than or "
            "equal to 1",
            "error /models/0/fields/1/example: the example [\"ok\",\"toolong\"] is not valid at /1: String "
            "should have at most 3 characters",
            "error /models/0/fields/2/example: the example \"c\" is not valid: Input should be 'a' or 'b'",
            "error /endpoints/0/parameters/0/default: the default 11 is not valid: Input should be less than "
            "or equal to 10",
            "error /endpoints/0/responses/0/example: the example {\"tags\":[]} is not valid at /kind: Field "
            "required"));
}

TEST(ProjectCheck, APatternWithoutSamplesNeedsAnExample) {
    EXPECT_THAT(lines(R"({"loadstar": 1, "name": "x", "models": [{"name": "M", "fields": [
        {"name": "greek", "type": "string", "pattern": "^\\p{Greek}+$"},
        {"name": "covered", "type": "string", "pattern": "^\\p{Greek}+$", "example": "αβγ"},
        {"name": "easy", "type": "string", "pattern": "^[a-z]{3}$"}]}], "endpoints": []})"),
                ::testing::ElementsAre(
                    "warning /models/0/fields/0: no sample can be generated for this pattern; give "
                    "an example that matches it, or generated requests and responses will not "
                    "validate"));
}

TEST(ProjectCheck, ScenarioUrlsTheLoadEngineWouldRefuse) {
    model::Project p;
    p.name = "targets";
    auto scenario = [&](const std::string& name, model::Target::Kind kind, const std::string& url) {
        model::Scenario s;
        s.name = name;
        s.target.kind = kind;
        s.target.url = url;
        s.duration = std::chrono::seconds(1);
        p.scenarios.push_back(s);
    };
    scenario("design", model::Target::Kind::Embedded, "http://10.0.0.1/");  // the URL is not used
    scenario("local", model::Target::Kind::Url, "http://127.0.0.1:8000/api");
    scenario("named", model::Target::Kind::Url, "https://localhost:8443/");
    scenario("remote", model::Target::Kind::Url, "http://192.168.1.20:8000/");
    scenario("ftp", model::Target::Kind::Url, "ftp://127.0.0.1/");
    scenario("allowed", model::Target::Kind::Url, "http://192.168.1.20:8000/");
    p.scenarios.back().allowRemote = "192.168.1.20";
    scenario("moved", model::Target::Kind::Url, "http://192.168.1.21:8000/");
    p.scenarios.back().allowRemote = "192.168.1.20";
    const std::vector<model::Problem> expected = {
        {model::Severity::Warning, "/scenarios/3/target",
         "192.168.1.20 is not a loopback address; Loadstar sends load only to this machine (127.0.0.0/8, "
         "::1) or to a host allowed by name. Run asks before sending; the command line needs --allow-remote "
         "192.168.1.20"},
        {model::Severity::Error, "/scenarios/4/target", "expected a URL starting with http:// or https://"},
        {model::Severity::Warning, "/scenarios/6/target",
         "192.168.1.21 is not a loopback address; Loadstar sends load only to this machine (127.0.0.0/8, "
         "::1) or to a host allowed by name (the host allowed is 192.168.1.20). Run asks before sending; the "
         "command line needs --allow-remote 192.168.1.21"},
    };
    EXPECT_EQ(checkScenarioTargets(p), expected);
    for (const model::Problem& problem : expected) {
        const auto all = checkProject(p);
        EXPECT_NE(std::find(all.begin(), all.end(), problem), all.end()) << problem.location;
    }
}

}  // namespace
}  // namespace loadstar::schema
