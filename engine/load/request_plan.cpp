#include "engine/load/request_plan.h"

#include <algorithm>
#include <cctype>

namespace loadstar::load {

namespace {

bool sameName(const std::string& a, const char* b) {
    const std::size_t n = std::char_traits<char>::length(b);
    if (a.size() != n) return false;
    for (std::size_t i = 0; i < n; ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

}  // namespace

PreparedRequest RequestPlan::prepare(const std::string& method, const std::string& target,
                                     const std::string& hostHeader, const HeaderList& headers,
                                     const std::optional<std::string>& body, bool expectInvalid) {
    PreparedRequest r;
    r.head = method == "HEAD";
    r.expectInvalid = expectInvalid;
    std::string& s = r.bytes;
    s = method + " " + target + " HTTP/1.1\r\n";
    bool haveHost = false;
    bool haveType = false;
    for (const auto& [name, value] : headers) {
        haveHost = haveHost || sameName(name, "host");
        haveType = haveType || sameName(name, "content-type");
    }
    if (!haveHost) s += "Host: " + hostHeader + "\r\n";
    for (const auto& [name, value] : headers) {
        if (sameName(name, "content-length")) continue;  // we frame the body ourselves
        s += name + ": " + value + "\r\n";
    }
    if (body) {
        if (!haveType) s += "Content-Type: application/json\r\n";
        s += "Content-Length: " + std::to_string(body->size()) + "\r\n";
    }
    s += "\r\n";
    if (body) s += *body;
    return r;
}

RequestPlan RequestPlan::single(const model::TargetUrl& url, const std::string& method,
                                const HeaderList& headers, const std::optional<std::string>& body,
                                const std::string& id) {
    RequestPlan plan;
    plan.addEndpoint({id, 1, {prepare(method, url.target, url.hostHeader(), headers, body)}});
    return plan;
}

void RequestPlan::addEndpoint(Endpoint endpoint) {
    const double weight = endpoint.variants.empty() ? 0 : std::max(0.0, endpoint.weight);
    cumulative_.push_back((cumulative_.empty() ? 0 : cumulative_.back()) + weight);
    endpoints_.push_back(std::move(endpoint));
}

RequestPlan::Pick RequestPlan::pick(std::uint64_t random) const {
    Pick p;
    if (empty()) return p;
    if (endpoints_.size() > 1) {
        // Top 32 bits choose the endpoint, bottom 32 the variant.
        const double u = static_cast<double>(random >> 32) / 4294967296.0 * cumulative_.back();
        p.endpoint = static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), u) -
                                              cumulative_.begin());
        p.endpoint = std::min(p.endpoint, endpoints_.size() - 1);
        while (endpoints_[p.endpoint].variants.empty())
            p.endpoint = (p.endpoint + 1) % endpoints_.size();
    }
    const auto& variants = endpoints_[p.endpoint].variants;
    p.request = &variants[(random & 0xffffffffu) % variants.size()];
    return p;
}

}  // namespace loadstar::load
