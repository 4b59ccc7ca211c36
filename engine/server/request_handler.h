#pragma once

#include <cstddef>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/model/project.h"
#include "engine/server/latency_distribution.h"
#include "engine/server/metrics.h"
#include "engine/server/prepared_response.h"
#include "engine/server/rate_limiter.h"
#include "engine/server/router.h"
#include "engine/server/schema_services.h"

namespace loadstar::server {

// A parsed request as plain views; the session owns the bytes.
struct Request {
    std::string_view method;
    std::string_view target;
    std::span<const std::pair<std::string_view, std::string_view>> headers;
    std::string_view body;
    bool hasBody = false;
    std::string_view client;  // the peer's address, for rate limiting
};

// What the concurrency model spends before the answer goes out: an I/O wait (a timer
// in the async model, a blocking sleep in a worker), real computation (on the loop
// thread or offloaded), and batching with the endpoint's other requests.
struct Cost {
    model::Duration latency{0};
    model::Duration cpu{0};
    bool offloadCpu = false;
    const model::Batching* batching = nullptr;  // set when the endpoint batches
    std::size_t batchKey = 0;                   // batches never mix endpoints

    bool isFree() const { return latency.count() <= 0 && cpu.count() <= 0 && batching == nullptr; }
};

// The decision for one request: which bytes to answer with and what it costs.
struct ResponsePlan {
    // Never null. Prepared responses are shared by every request that answers with
    // them: the plan points at one the handler keeps, without touching its reference
    // count (an atomic every loop thread would share), and owns only a response made
    // for this request.
    const PreparedResponse* response = nullptr;
    std::shared_ptr<const PreparedResponse> owned;
    std::string extraHeaders;  // per-request header lines ("Name: value\r\n"...), e.g. CORS
    bool head = false;         // HEAD: send the headers only
    bool close = false;        // close the connection after this response
    bool serverTiming = false;
    Cost cost;
    std::size_t route = 0;  // index into metricsRoutes()

    // A response the handler keeps for as long as it lives.
    void answer(const std::shared_ptr<const PreparedResponse>& kept) { response = kept.get(); }
    // A response made for this request.
    void answer(std::shared_ptr<const PreparedResponse>&& made) {
        owned = std::move(made);
        response = owned.get();
    }
};

// Turns a request into a response plan: routing, CORS, rate limit, auth, validation,
// error injection and the response source, as the project describes. Knows nothing
// about sockets or threads, so it is tested directly. Static responses (generated
// once for the endpoint's seed, or the example) are serialized at construction.
// plan() is safe to call from many threads at once.
class RequestHandler {
  public:
    RequestHandler(std::shared_ptr<const model::Project> project, SchemaServices services,
                   const Metrics* metrics = nullptr);

    ResponsePlan plan(const Request& request, std::mt19937_64& random) const;

    // The counters /metrics renders; set once, before serving.
    void setMetrics(const Metrics* metrics) { metrics_ = metrics; }

    // An answer to a request the parser refused (400, 413, 431) or that could not be
    // queued (503); the connection closes after it unless `keepOpen`.
    ResponsePlan protocolError(int status, bool keepOpen = false) const;

    const Router& router() const { return router_; }
    const model::Project& project() const { return *project_; }
    // One label per endpoint (by index), then the built-ins, then "unmatched".
    const std::vector<Metrics::RouteLabel>& metricsRoutes() const { return metricsRoutes_; }

  private:
    struct PreparedEndpoint {
        std::shared_ptr<const PreparedResponse> success;  // null for echo
        std::shared_ptr<const PreparedResponse> injectedError;
        int successStatus = 200;
        bool needsValidation = true;
        LatencyDistribution latency{model::Latency{}};
    };

    ResponsePlan planEndpoint(const Request& request, RouteMatch& match, std::mt19937_64& random) const;
    ResponsePlan planPreflight(const Request& request, std::string_view origin) const;
    // Null when the request may pass; else the kept 401 to answer with.
    const std::shared_ptr<const PreparedResponse>* authFailure(const model::Endpoint& endpoint,
                                                               const Request& request) const;
    std::string corsHeaders(std::string_view origin) const;
    std::size_t unmatchedRoute() const { return metricsRoutes_.size() - 1; }

    std::shared_ptr<const model::Project> project_;
    SchemaServices services_;
    const Metrics* metrics_;
    Router router_;
    std::vector<PreparedEndpoint> endpoints_;
    std::vector<Metrics::RouteLabel> metricsRoutes_;
    std::unique_ptr<RateLimiter> rateLimiter_;  // null when rate limiting is off
    std::shared_ptr<const PreparedResponse> openapi_, docs_, redoc_, health_, notFound_, badPath_,
        methodNotAllowed_, apiKeyMissing_, bearerMissing_, basicMissing_, corsRefused_;
};

// Case-insensitive header lookup; empty when absent.
std::string_view findHeader(std::span<const std::pair<std::string_view, std::string_view>> headers,
                            std::string_view name);

}  // namespace loadstar::server
