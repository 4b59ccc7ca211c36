#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/duration.h"

namespace loadstar::model {

enum class ConcurrencyModel { Async, WorkerPool };

struct Concurrency {
    ConcurrencyModel model = ConcurrencyModel::Async;
    int threads = 1;     // Async: event-loop threads (like uvicorn workers)
    int workers = 4;     // WorkerPool: blocking workers (like gunicorn sync workers)
    int queueSize = 64;  // WorkerPool: requests waiting for a worker before 503

    bool operator==(const Concurrency&) const = default;
};

struct Limits {
    std::int64_t maxBodyBytes = 1 << 20;
    std::int64_t maxHeaderBytes = 16 << 10;
    Duration headerTimeout = std::chrono::seconds(10);
    Duration idleTimeout = std::chrono::seconds(60);
    int maxConnections = 10000;
    int maxJsonDepth = 64;

    bool operator==(const Limits&) const = default;
};

struct Cors {
    bool enabled = false;
    std::vector<std::string> allowOrigins;  // "*" allows any
    std::vector<std::string> allowMethods;  // empty: the methods the path serves
    std::vector<std::string> allowHeaders;
    Duration maxAge = std::chrono::seconds(600);

    bool operator==(const Cors&) const = default;
};

// A token bucket per client address.
struct RateLimit {
    bool enabled = false;
    double requestsPerSecond = 100;
    int burst = 100;

    bool operator==(const RateLimit&) const = default;
};

// Where an API key travels (OpenAPI's apiKey `in`).
enum class ApiKeyLocation { Header, Query, Cookie };

// Credentials accepted by endpoints that require auth.
struct Auth {
    ApiKeyLocation apiKeyIn = ApiKeyLocation::Header;
    std::string apiKeyName = "X-API-Key";  // the header, query parameter or cookie that carries the key
    std::vector<std::string> apiKeys;
    std::vector<std::string> bearerTokens;
    std::vector<std::string> basicUsers;  // "user:password", as HTTP basic joins them

    bool operator==(const Auth&) const = default;
};

// Where the server's own routes live; movable when the design uses these paths.
struct BuiltinPaths {
    std::string openapi = "/openapi.json";
    std::string docs = "/docs";    // Swagger UI
    std::string redoc = "/redoc";  // ReDoc
    std::string metrics = "/metrics";
    std::string health = "/healthz";

    bool operator==(const BuiltinPaths&) const = default;
};

struct ServerSettings {
    std::string host = "127.0.0.1";
    int port = 8000;
    Concurrency concurrency;
    Limits limits;
    Cors cors;
    RateLimit rateLimit;
    Auth auth;
    BuiltinPaths builtins;

    bool operator==(const ServerSettings&) const = default;
};

const char* toString(ConcurrencyModel model);  // "async", "worker_pool"
std::optional<ConcurrencyModel> parseConcurrencyModel(std::string_view text);
const char* toString(ApiKeyLocation in);  // "header", "query", "cookie"
std::optional<ApiKeyLocation> parseApiKeyLocation(std::string_view text);

}  // namespace loadstar::model
