#pragma once

#include <string>
#include <vector>

#include "engine/model/endpoint.h"
#include "engine/model/model.h"
#include "engine/model/scenario.h"
#include "engine/model/server_settings.h"

namespace loadstar::model {

// A server the API declares (OpenAPI's `servers`): where its real deployments live.
struct ApiServer {
    std::string url;
    std::string description;

    bool operator==(const ApiServer&) const = default;
};

// An API design: what `loadstar serve` serves and `loadstar openapi` exports.
struct Project {
    std::string name = "Untitled API";
    std::string version = "0.1.0";  // the API's version (OpenAPI info.version)
    std::string description;
    std::vector<ApiServer> servers;  // declared servers; an imported scenario's default target
    std::vector<Model> models;
    std::vector<Endpoint> endpoints;
    ServerSettings server;
    std::vector<Scenario> scenarios;

    const Model* model(std::string_view name) const;
    const Endpoint* endpoint(std::string_view id) const;
    const Scenario* scenario(std::string_view name) const;
    bool operator==(const Project&) const = default;
};

}  // namespace loadstar::model
