#include <algorithm>

#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "engine/openapi/exporter.h"
#include "engine/openapi/importer.h"
#include "engine/openapi/title.h"
#include "engine/openapi/yaml_writer.h"
#include "support/temp_dir.h"
#include "tests/engine/openapi/sample_designs.h"

namespace loadstar::openapi {
namespace {

// The design an OpenAPI document can carry, in the order and spelling the
// exporter and the importer agree on. What OpenAPI has no place for (behaviour,
// scenarios, server settings other than the API key header, API keys) is left
// at its defaults; the rest is normalised exactly as the importer documents it:
//  - models in component-name order, endpoints grouped by path in the order the
//    paths first appear, methods in OpenAPI's order within a path;
//  - parameters path, then query, then header;
//  - a summary or response description equal to what FastAPI (and the exporter)
//    would write anyway is empty; a null default is no default;
//  - the server's host and port come back from the server URL (0.0.0.0 as 127.0.0.1),
//    unless the design declares servers: those are exported instead and come back as they are;
//  - the API key's place and name come back, not the keys, tokens or users (secrets).
model::Project contractOf(const model::Project& p) {
    model::Project out;
    out.name = p.name;
    out.version = p.version;
    out.description = p.description;
    out.models = p.models;
    std::stable_sort(out.models.begin(), out.models.end(),
                     [](const model::Model& a, const model::Model& b) { return a.name < b.name; });
    for (model::Model& m : out.models) {
        for (model::Field& f : m.fields) {
            if (f.defaultValue && f.defaultValue->is_null()) f.defaultValue.reset();
        }
    }
    std::vector<std::string> paths;
    for (const model::Endpoint& e : p.endpoints) {
        if (std::find(paths.begin(), paths.end(), e.path) == paths.end()) paths.push_back(e.path);
    }
    const std::vector<std::string> methods{"GET",     "PUT",  "POST",  "DELETE",
                                           "OPTIONS", "HEAD", "PATCH", "TRACE"};
    bool usesApiKey = false;
    for (const std::string& path : paths) {
        for (const std::string& method : methods) {
            for (const model::Endpoint& e : p.endpoints) {
                if (e.path != path || e.method != method) continue;
                model::Endpoint copy = e;
                copy.behaviour = model::Behaviour{};
                std::stable_sort(
                    copy.parameters.begin(), copy.parameters.end(),
                    [](const model::Parameter& a, const model::Parameter& b) { return a.in < b.in; });
                for (model::Parameter& param : copy.parameters) {
                    if (param.defaultValue && param.defaultValue->is_null()) param.defaultValue.reset();
                }
                if (copy.summary == titleFromName(copy.id)) copy.summary.clear();
                for (model::Response& r : copy.responses) {
                    if (r.description == defaultResponseDescription(r.status)) r.description.clear();
                }
                usesApiKey = usesApiKey || copy.auth == model::AuthRequirement::ApiKey;
                out.endpoints.push_back(std::move(copy));
                break;
            }
        }
    }
    if (usesApiKey) {
        out.server.auth.apiKeyIn = p.server.auth.apiKeyIn;
        out.server.auth.apiKeyName = p.server.auth.apiKeyName;
    }
    out.servers = p.servers;
    if (!p.servers.empty()) return out;
    // The exported server URL is where the design listens; one on every interface is
    // reached (and so exported) through loopback.
    out.server.host = p.server.host == "0.0.0.0" ? "127.0.0.1"
                      : p.server.host == "::"    ? "::1"
                                                 : p.server.host;
    out.server.port = p.server.port;
    return out;
}

std::vector<std::pair<std::string, model::Project>> designs() {
    std::vector<std::pair<std::string, model::Project>> out;
    for (const auto& file : loadstar::testing::sampleProjects()) {
        auto loaded = model::loadProject(file);
        if (auto* project = std::get_if<model::Project>(&loaded))
            out.emplace_back(file.filename().string(), *project);
    }
    out.emplace_back("embedderDesign", testing::embedderDesign());
    out.emplace_back("bookstoreDesign", testing::bookstoreDesign());
    out.emplace_back("helloDesign", testing::helloDesign());
    return out;
}

model::Project importedFrom(const std::string& text, const std::string& name) {
    auto result = importOpenApi(name, text);
    if (const auto* failure = std::get_if<ImportFailure>(&result)) {
        ADD_FAILURE() << failure->toString();
        return {};
    }
    const ImportResult& imported = std::get<ImportResult>(result);
    for (const ImportIssue& loss : imported.losses)
        ADD_FAILURE() << name << ":" << loss.where << ": " << loss.message;
    return imported.project;
}

TEST(OpenApiRoundTrip, ImportOfTheExportIsTheDesignAgain) {
    ASSERT_GE(loadstar::testing::sampleProjects().size(), 4u);
    for (const auto& [name, project] : designs()) {
        SCOPED_TRACE(name);
        const std::string exported = toJsonText(exportDocument(project));
        const model::Project back = importedFrom(exported, name);
        const model::Project expected = contractOf(project);
        EXPECT_EQ(model::serializeProject(back), model::serializeProject(expected));
        EXPECT_TRUE(back == expected);
    }
}

TEST(OpenApiRoundTrip, ExportImportExportIsByteIdenticalInJsonAndYaml) {
    for (const auto& [name, project] : designs()) {
        SCOPED_TRACE(name);
        const Json document = exportDocument(project);
        const std::string json = toJsonText(document);
        EXPECT_EQ(toJsonText(exportDocument(importedFrom(json, name + ".json"))), json);
        const std::string yaml = toYaml(document);
        EXPECT_EQ(toYaml(exportDocument(importedFrom(yaml, name + ".yaml"))), yaml);
    }
}

}  // namespace
}  // namespace loadstar::openapi
