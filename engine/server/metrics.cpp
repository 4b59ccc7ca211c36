#include "engine/server/metrics.h"

#include <algorithm>
#include <cstdio>

namespace loadstar::server {

namespace {

// Label values escape backslash, double quote and newline (exposition format).
std::string escapeLabel(const std::string& value) {
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string seconds(std::int64_t micros) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", static_cast<double>(micros) / 1e6);
    return text;
}

}  // namespace

Metrics::Metrics(std::vector<RouteLabel> routes)
    : labels_(std::move(routes)), counters_(std::make_unique<RouteCounters[]>(labels_.size())) {}

void Metrics::recordRequest(std::size_t route, int status, model::Duration latency) {
    if (route >= labels_.size()) return;
    RouteCounters& counters = counters_[route];
    const int clamped =
        status < kFirstStatus || status >= kFirstStatus + static_cast<int>(kStatuses) ? 599 : status;
    counters.byStatus[static_cast<std::size_t>(clamped - kFirstStatus)].fetch_add(1,
                                                                                  std::memory_order_relaxed);
    const std::int64_t micros = std::max<std::int64_t>(0, latency.count());
    const auto bucket = static_cast<std::size_t>(
        std::lower_bound(kBucketBounds.begin(), kBucketBounds.end(), micros) - kBucketBounds.begin());
    counters.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
    counters.latencySumMicros.fetch_add(static_cast<std::uint64_t>(micros), std::memory_order_relaxed);
}

void Metrics::connectionOpened() {
    connectionsOpen_.fetch_add(1, std::memory_order_relaxed);
    connectionsTotal_.fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t Metrics::requests(std::size_t route, int status) const {
    if (route >= labels_.size() || status < kFirstStatus ||
        status >= kFirstStatus + static_cast<int>(kStatuses)) {
        return 0;
    }
    return counters_[route].byStatus[static_cast<std::size_t>(status - kFirstStatus)].load(
        std::memory_order_relaxed);
}

std::string Metrics::render() const {
    std::string out;
    out.reserve(4096);
    out +=
        "# HELP loadstar_http_requests_total Requests answered, by route and status.\n"
        "# TYPE loadstar_http_requests_total counter\n";
    for (std::size_t r = 0; r < labels_.size(); ++r) {
        const std::string labels = "method=\"" + escapeLabel(labels_[r].method) + "\",route=\"" +
                                   escapeLabel(labels_[r].route) + "\"";
        for (std::size_t s = 0; s < kStatuses; ++s) {
            const std::uint64_t count = counters_[r].byStatus[s].load(std::memory_order_relaxed);
            if (count == 0) continue;
            out += "loadstar_http_requests_total{" + labels + ",status=\"" +
                   std::to_string(static_cast<int>(s) + kFirstStatus) + "\"} " + std::to_string(count) + "\n";
        }
    }
    out +=
        "# HELP loadstar_http_request_duration_seconds Time from a request's arrival to its response, by "
        "route.\n"
        "# TYPE loadstar_http_request_duration_seconds histogram\n";
    for (std::size_t r = 0; r < labels_.size(); ++r) {
        const RouteCounters& counters = counters_[r];
        std::uint64_t cumulative = 0;
        for (const auto& bucket : counters.buckets)
            cumulative += bucket.load(std::memory_order_relaxed);
        if (cumulative == 0) continue;
        const std::string labels = "method=\"" + escapeLabel(labels_[r].method) + "\",route=\"" +
                                   escapeLabel(labels_[r].route) + "\"";
        cumulative = 0;
        for (std::size_t b = 0; b < counters.buckets.size(); ++b) {
            cumulative += counters.buckets[b].load(std::memory_order_relaxed);
            const std::string le = b < kBucketBounds.size() ? seconds(kBucketBounds[b]) : std::string("+Inf");
            out += "loadstar_http_request_duration_seconds_bucket{" + labels + ",le=\"" + le + "\"} " +
                   std::to_string(cumulative) + "\n";
        }
        const auto sum = static_cast<std::int64_t>(counters.latencySumMicros.load(std::memory_order_relaxed));
        out += "loadstar_http_request_duration_seconds_sum{" + labels + "} " + seconds(sum) + "\n";
        out += "loadstar_http_request_duration_seconds_count{" + labels + "} " + std::to_string(cumulative) +
               "\n";
    }
    const auto gauge = [&out](const char* name, const char* help, const char* type, auto value) {
        out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + name +
               " " + std::to_string(value) + "\n";
    };
    gauge("loadstar_http_requests_in_flight", "Requests received and not yet answered.", "gauge", inFlight());
    gauge("loadstar_worker_queue_depth", "Requests waiting for a worker (worker-pool model).", "gauge",
          queueDepth());
    gauge("loadstar_connections_open", "Client connections currently open.", "gauge", connectionsOpen());
    gauge("loadstar_connections_total", "Client connections accepted.", "counter",
          connectionsTotal_.load(std::memory_order_relaxed));
    gauge("loadstar_connections_rejected_total", "Connections refused because max connections was reached.",
          "counter", connectionsRejected());
    return out;
}

}  // namespace loadstar::server
