#include "engine/model/project.h"

namespace loadstar::model {

namespace {
template <typename T, typename Key>
const T* findBy(const std::vector<T>& items, std::string_view key, Key T::*member) {
    for (const T& item : items) {
        if (item.*member == key) return &item;
    }
    return nullptr;
}
}  // namespace

const Model* Project::model(std::string_view modelName) const {
    return findBy(models, modelName, &Model::name);
}

const Endpoint* Project::endpoint(std::string_view endpointId) const {
    return findBy(endpoints, endpointId, &Endpoint::id);
}

const Scenario* Project::scenario(std::string_view scenarioName) const {
    return findBy(scenarios, scenarioName, &Scenario::name);
}

const char* toString(ConcurrencyModel model) {
    return model == ConcurrencyModel::Async ? "async" : "worker_pool";
}

std::optional<ConcurrencyModel> parseConcurrencyModel(std::string_view text) {
    if (text == "async") return ConcurrencyModel::Async;
    if (text == "worker_pool") return ConcurrencyModel::WorkerPool;
    return std::nullopt;
}

const char* toString(ApiKeyLocation in) {
    switch (in) {
        case ApiKeyLocation::Header:
            return "header";
        case ApiKeyLocation::Query:
            return "query";
        case ApiKeyLocation::Cookie:
            return "cookie";
    }
    return "?";
}

std::optional<ApiKeyLocation> parseApiKeyLocation(std::string_view text) {
    if (text == "header") return ApiKeyLocation::Header;
    if (text == "query") return ApiKeyLocation::Query;
    if (text == "cookie") return ApiKeyLocation::Cookie;
    return std::nullopt;
}

const char* toString(Executor executor) {
    return executor == Executor::Closed ? "closed" : "open";
}

std::optional<Executor> parseExecutor(std::string_view text) {
    if (text == "closed") return Executor::Closed;
    if (text == "open") return Executor::Open;
    return std::nullopt;
}

const char* toString(BodyMode mode) {
    switch (mode) {
        case BodyMode::Valid:
            return "valid";
        case BodyMode::InvalidShare:
            return "invalid_share";
        case BodyMode::Fixed:
            return "fixed";
    }
    return "?";
}

std::optional<BodyMode> parseBodyMode(std::string_view text) {
    if (text == "valid") return BodyMode::Valid;
    if (text == "invalid_share") return BodyMode::InvalidShare;
    if (text == "fixed") return BodyMode::Fixed;
    return std::nullopt;
}

const char* toString(LoadEngine engine) {
    return engine == LoadEngine::Native ? "native" : "locust";
}

std::optional<LoadEngine> parseLoadEngine(std::string_view text) {
    if (text == "native") return LoadEngine::Native;
    if (text == "locust") return LoadEngine::Locust;
    return std::nullopt;
}

}  // namespace loadstar::model
