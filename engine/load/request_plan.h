#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/model/target_url.h"

namespace loadstar::load {

// One request ready to go on the wire, serialised once before the run so that
// sending it costs no formatting and no allocation.
struct PreparedRequest {
    std::string bytes;
    bool head = false;           // HEAD: the answer has no body
    bool expectInvalid = false;  // sent invalid on purpose: a 4xx answer is the expected one
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// What a run sends: endpoints with weights, each with a pool of prepared
// variants (samples) picked at random per request.
class RequestPlan {
  public:
    struct Endpoint {
        std::string id;
        double weight = 1;
        std::vector<PreparedRequest> variants;
    };

    // One fixed request (ad-hoc `loadstar load URL`).
    static RequestPlan single(const model::TargetUrl& url, const std::string& method,
                              const HeaderList& headers,
                              const std::optional<std::string>& body = std::nullopt,
                              const std::string& id = "request");

    // "METHOD target HTTP/1.1", Host, the headers, and for a body Content-Type
    // (unless given) and Content-Length.
    static PreparedRequest prepare(const std::string& method, const std::string& target,
                                   const std::string& hostHeader, const HeaderList& headers,
                                   const std::optional<std::string>& body, bool expectInvalid = false);

    // Endpoints without variants or with a weight <= 0 are ignored by pick().
    void addEndpoint(Endpoint endpoint);

    std::size_t endpointCount() const { return endpoints_.size(); }
    const Endpoint& endpoint(std::size_t index) const { return endpoints_[index]; }
    bool empty() const { return cumulative_.empty() || cumulative_.back() <= 0; }

    struct Pick {
        std::size_t endpoint = 0;
        const PreparedRequest* request = nullptr;
    };
    // Weighted by endpoint, uniform over its variants; `random` is 64 random bits.
    Pick pick(std::uint64_t random) const;

  private:
    std::vector<Endpoint> endpoints_;
    std::vector<double> cumulative_;
};

}  // namespace loadstar::load
