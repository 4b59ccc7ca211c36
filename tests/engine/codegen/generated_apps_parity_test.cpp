// The generated FastAPI and Flask apps started for real on loopback, against the
// embedded server serving the same design: the same requests (valid samples, every
// invalid variant the sample generator makes, requests without credentials) must be
// accepted and refused alike (same status; for 422 the same error locations), and
// FastAPI's own /openapi.json must describe what `loadstar openapi` exports.
#include <algorithm>
#include <iostream>
#include <memory>

#include <gtest/gtest.h>

#include "engine/codegen/launch.h"
#include "engine/model/project_file.h"
#include "engine/openapi/exporter.h"
#include "engine/schema/request_sample.h"
#include "engine/schema/sample_generator.h"
#include "engine/server/server_process.h"
#include "tests/engine/codegen/generated_app.h"
#include "tests/engine/codegen/openapi_comparison.h"

namespace loadstar::codegen {
namespace {

namespace fs = std::filesystem;
using testing::GeneratedApp;

struct Outcome {
    int status = 0;
    std::vector<std::string> locs;  // each error's loc as compact JSON, sorted
    std::string body;
};

Outcome outcome(const std::optional<server::testing::HttpResponse>& reply) {
    Outcome out;
    if (!reply) return out;
    out.status = reply->status;
    out.body = reply->body.substr(0, 400);
    if (reply->status != 422) return out;
    const Json body = Json::parse(reply->body, nullptr, false);
    if (!body.is_object() || !body.contains("detail") || !body["detail"].is_array()) return out;
    for (const Json& error : body["detail"])
        out.locs.push_back(error.value("loc", Json()).dump());
    std::sort(out.locs.begin(), out.locs.end());
    return out;
}

std::string describe(const Outcome& o) {
    std::string text = std::to_string(o.status);
    for (const std::string& loc : o.locs)
        text += " " + loc;
    return text;
}

// The target with the query parameter `name` left out (no `value`) or set to `value`:
// an API key that travels in the query.
std::string withQueryParameter(const std::string& target, const std::string& name,
                               const std::optional<std::string>& value) {
    const std::size_t question = target.find('?');
    if (question == std::string::npos) return target;
    std::string kept;
    std::size_t at = question + 1;
    while (at <= target.size()) {
        std::size_t end = target.find('&', at);
        if (end == std::string::npos) end = target.size();
        std::string pair = target.substr(at, end - at);
        if (pair.rfind(name + "=", 0) == 0) {
            pair = value ? name + "=" + *value : "";
        }
        if (!pair.empty()) kept += (kept.empty() ? "" : "&") + pair;
        at = end + 1;
    }
    return target.substr(0, question) + (kept.empty() ? "" : "?" + kept);
}

Outcome send(int port, const schema::RequestSample& r) {
    return outcome(testing::request(port, r.method, r.target, r.headers, r.body));
}

class GeneratedAppsParity : public ::testing::TestWithParam<fs::path> {};

TEST_P(GeneratedAppsParity, AcceptAndRefuseLikeTheEmbeddedServerAndDescribeTheSameApi) {
    auto loaded = model::loadProject(GetParam());
    ASSERT_TRUE(std::holds_alternative<model::Project>(loaded));
    const auto project = std::make_shared<const model::Project>(std::get<model::Project>(std::move(loaded)));

    server::ServerProcessOptions embeddedOptions;
    embeddedOptions.binary = LOADSTAR_BINARY;
    embeddedOptions.project = GetParam().string();
    auto launched = server::ServerProcess::launch(embeddedOptions);
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<server::ServerProcess>>(launched));
    const auto embedded = std::move(std::get<std::unique_ptr<server::ServerProcess>>(launched));

    std::string error;
    const auto fastapi = GeneratedApp::start(*project, Framework::FastApi, {}, error);
    ASSERT_TRUE(fastapi) << error;
    LaunchOptions gthread;
    gthread.worker = FlaskWorker::Gthread;
    const auto flask = GeneratedApp::start(*project, Framework::Flask, gthread, error);
    ASSERT_TRUE(flask) << error;

    std::vector<std::string> mismatches;
    std::size_t compared = 0;
    std::size_t refused = 0;
    const auto compare = [&](const std::string& what, const schema::RequestSample& r,
                             const std::vector<int>& allowed) {
        const Outcome reference = send(embedded->port(), r);
        const Outcome byFastApi = send(fastapi->port(), r);
        const Outcome byFlask = send(flask->port(), r);
        ++compared;
        refused += reference.status == 422 ? 1 : 0;
        const bool injectable = allowed.size() > 1;
        for (const auto& [name, o] : {std::pair{"FastAPI", &byFastApi}, std::pair{"Flask", &byFlask}}) {
            const bool statusOk = injectable
                                      ? std::find(allowed.begin(), allowed.end(), o->status) != allowed.end()
                                      : o->status == reference.status;
            if (!statusOk || o->locs != reference.locs) {
                mismatches.push_back(what + ": embedded " + describe(reference) + ", " + name + " " +
                                     describe(*o) + " " + o->body);
            }
        }
        if (injectable && std::find(allowed.begin(), allowed.end(), reference.status) == allowed.end())
            mismatches.push_back(what + ": embedded answered " + describe(reference));
    };

    schema::SampleGenerator generator(project, 7);
    for (const model::Endpoint& e : project->endpoints) {
        const model::Response* success = e.successResponse();
        const int status = success ? success->status : 200;
        std::vector<int> allowed{status};
        if (e.behaviour.errors.rate > 0) allowed.push_back(e.behaviour.errors.status);
        for (int i = 0; i < 2; ++i) {
            const schema::RequestSample valid = schema::sampleRequest(*project, e, generator);
            compare(e.id + " valid " + valid.target, valid, allowed);
        }
        if (e.auth != model::AuthRequirement::None) {
            const model::Auth& auth = project->server.auth;
            const bool keyInQuery =
                e.auth == model::AuthRequirement::ApiKey && auth.apiKeyIn == model::ApiKeyLocation::Query;
            schema::RequestSample anonymous = schema::sampleRequest(*project, e, generator);
            anonymous.headers.clear();
            if (keyInQuery)
                anonymous.target = withQueryParameter(anonymous.target, auth.apiKeyName, std::nullopt);
            compare(e.id + " without credentials", anonymous, {401});
            schema::RequestSample wrong = schema::sampleRequest(*project, e, generator);
            for (auto& [name, value] : wrong.headers) {
                if (name == "Authorization") {
                    value = e.auth == model::AuthRequirement::Basic ? "Basic bm9ib2R5Om5vdGhpbmc="
                                                                    : "Bearer not-a-token";
                } else {
                    value = name == "Cookie" ? auth.apiKeyName + "=not-a-key" : "not-a-key";
                }
            }
            if (keyInQuery) wrong.target = withQueryParameter(wrong.target, auth.apiKeyName, "not-a-key");
            compare(e.id + " with a wrong credential", wrong, {401});
        }
        for (const schema::InvalidRequestSample& v : schema::invalidRequestVariants(*project, e, 11))
            compare(e.id + " " + v.description, v.request, {422});
    }
    EXPECT_GT(refused, 0u);
    std::cout << "[ parity   ] " << compared << " requests to each server, " << refused
              << " refused with 422 by the embedded server, " << mismatches.size() << " differences\n";
    EXPECT_TRUE(mismatches.empty()) << mismatches.size() << " of " << compared << " requests differ:\n"
                                    << [&] {
                                           std::string all;
                                           for (const std::string& m : mismatches)
                                               all += "  " + m + "\n";
                                           return all;
                                       }();

    // The contract: FastAPI's own document against the export, 3.0/3.1 differences aside.
    const auto document = testing::request(fastapi->port(), "GET", project->server.builtins.openapi);
    ASSERT_TRUE(document && document->status == 200);
    const std::vector<std::string> differences =
        testing::openapiDifferences(Json::parse(document->body), openapi::exportDocument(*project));
    EXPECT_TRUE(differences.empty()) << [&] {
        std::string all;
        for (const std::string& d : differences)
            all += "  " + d + "\n";
        return all;
    }();
}

// Every sample, and a design that uses every kind of the type system with the API
// key in a cookie.
std::vector<fs::path> generatedSamples() {
    std::vector<fs::path> out = loadstar::testing::sampleProjects();
    out.push_back(loadstar::testing::sourceDir() / "tests/fixtures/codegen/type-kinds.loadstar.json");
    return out;
}

INSTANTIATE_TEST_SUITE_P(Samples, GeneratedAppsParity, ::testing::ValuesIn(generatedSamples()),
                         [](const ::testing::TestParamInfo<fs::path>& param) {
                             std::string name = param.param.filename().string();
                             name = name.substr(0, name.find('.'));
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

}  // namespace
}  // namespace loadstar::codegen
