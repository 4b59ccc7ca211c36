#include "engine/server/metrics.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <thread>

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

// Only the owning thread writes a shard's counter: a load and a store, no read-modify-write.
template <typename T>
void add(T& counter, T delta) {
    std::atomic_ref<T> ref(counter);
    ref.store(ref.load(std::memory_order_relaxed) + delta, std::memory_order_relaxed);
}

template <typename T>
T read(const T& counter) {
    return std::atomic_ref<T>(const_cast<T&>(counter)).load(std::memory_order_relaxed);
}

std::atomic<std::uint64_t> nextMetricsId{1};

constexpr std::size_t kBuckets = Metrics::kBucketBounds.size() + 1;

}  // namespace

// Per route: the status counts, then the latency buckets, then the latency sum. The
// counts come from calloc: the pages of routes and statuses never answered stay
// untouched, and so out of the resident set.
struct Metrics::Shard {
    static constexpr std::size_t kStride = kStatuses + kBuckets + 1;

    Shard(std::size_t routes, std::thread::id thread)
        : owner(thread),
          counters(static_cast<std::uint64_t*>(std::calloc(routes * kStride + 1, sizeof(std::uint64_t)))) {
        if (counters == nullptr) throw std::bad_alloc();
    }
    ~Shard() { std::free(counters); }
    Shard(const Shard&) = delete;
    Shard& operator=(const Shard&) = delete;

    std::uint64_t* route(std::size_t index) const { return counters + index * kStride; }

    std::thread::id owner;
    std::uint64_t* counters;
    std::int64_t inFlight = 0;
    std::int64_t queueDepth = 0;
    std::int64_t connectionsOpen = 0;
    std::uint64_t connectionsTotal = 0;
    std::uint64_t connectionsRejected = 0;
};

Metrics::Metrics(std::vector<RouteLabel> routes)
    : labels_(std::move(routes)), id_(nextMetricsId.fetch_add(1, std::memory_order_relaxed)) {}

Metrics::~Metrics() = default;

Metrics::Shard& Metrics::local() {
    thread_local std::uint64_t cachedId = 0;
    thread_local Shard* cached = nullptr;
    if (cachedId == id_) return *cached;
    const std::lock_guard lock(shardsMutex_);
    const std::thread::id self = std::this_thread::get_id();
    Shard* found = nullptr;
    for (const auto& shard : shards_) {
        if (shard->owner == self) found = shard.get();
    }
    if (found == nullptr) {
        shards_.push_back(std::make_unique<Shard>(labels_.size(), self));
        found = shards_.back().get();
    }
    cachedId = id_;
    cached = found;
    return *found;
}

template <typename F>
std::int64_t Metrics::sum(F&& counter) const {
    std::int64_t total = 0;
    const std::lock_guard lock(shardsMutex_);
    for (const auto& shard : shards_)
        total += static_cast<std::int64_t>(read(counter(*shard)));
    return total;
}

void Metrics::recordRequest(std::size_t route, int status, model::Duration latency) {
    if (route >= labels_.size()) return;
    std::uint64_t* counters = local().route(route);
    const int clamped =
        status < kFirstStatus || status >= kFirstStatus + static_cast<int>(kStatuses) ? 599 : status;
    add<std::uint64_t>(counters[static_cast<std::size_t>(clamped - kFirstStatus)], 1);
    const std::int64_t micros = std::max<std::int64_t>(0, latency.count());
    const auto bucket = static_cast<std::size_t>(
        std::lower_bound(kBucketBounds.begin(), kBucketBounds.end(), micros) - kBucketBounds.begin());
    add<std::uint64_t>(counters[kStatuses + bucket], 1);
    add<std::uint64_t>(counters[kStatuses + kBuckets], static_cast<std::uint64_t>(micros));
}

void Metrics::requestStarted() {
    add<std::int64_t>(local().inFlight, 1);
}
void Metrics::requestFinished() {
    add<std::int64_t>(local().inFlight, -1);
}
void Metrics::queueDepthChanged(std::int64_t delta) {
    add<std::int64_t>(local().queueDepth, delta);
}
void Metrics::connectionOpened() {
    Shard& shard = local();
    add<std::int64_t>(shard.connectionsOpen, 1);
    add<std::uint64_t>(shard.connectionsTotal, 1);
}
void Metrics::connectionClosed() {
    add<std::int64_t>(local().connectionsOpen, -1);
}
void Metrics::connectionRejected() {
    add<std::uint64_t>(local().connectionsRejected, 1);
}

std::int64_t Metrics::inFlight() const {
    return sum([](Shard& s) -> std::int64_t& { return s.inFlight; });
}
std::int64_t Metrics::queueDepth() const {
    return sum([](Shard& s) -> std::int64_t& { return s.queueDepth; });
}
std::int64_t Metrics::connectionsOpen() const {
    return sum([](Shard& s) -> std::int64_t& { return s.connectionsOpen; });
}
std::uint64_t Metrics::connectionsRejected() const {
    return static_cast<std::uint64_t>(sum([](Shard& s) -> std::uint64_t& { return s.connectionsRejected; }));
}

std::uint64_t Metrics::requests(std::size_t route, int status) const {
    if (route >= labels_.size() || status < kFirstStatus ||
        status >= kFirstStatus + static_cast<int>(kStatuses)) {
        return 0;
    }
    const auto index = static_cast<std::size_t>(status - kFirstStatus);
    return static_cast<std::uint64_t>(sum([&](Shard& s) -> std::uint64_t& { return s.route(route)[index]; }));
}

std::string Metrics::render() const {
    // One consistent pass over the shards: per route, statuses, buckets and the sum.
    const std::size_t routes = labels_.size();
    std::vector<std::uint64_t> totals(routes * Shard::kStride, 0);
    std::uint64_t connectionsTotal = 0;
    {
        const std::lock_guard lock(shardsMutex_);
        for (const auto& shard : shards_) {
            for (std::size_t i = 0; i < totals.size(); ++i)
                totals[i] += read(shard->counters[i]);
            connectionsTotal += read(shard->connectionsTotal);
        }
    }
    std::string out;
    out.reserve(4096);
    out +=
        "# HELP loadstar_http_requests_total Requests answered, by route and status.\n"
        "# TYPE loadstar_http_requests_total counter\n";
    for (std::size_t r = 0; r < routes; ++r) {
        const std::string labels = "method=\"" + escapeLabel(labels_[r].method) + "\",route=\"" +
                                   escapeLabel(labels_[r].route) + "\"";
        const std::uint64_t* counts = totals.data() + r * Shard::kStride;
        for (std::size_t s = 0; s < kStatuses; ++s) {
            if (counts[s] == 0) continue;
            out += "loadstar_http_requests_total{" + labels + ",status=\"" +
                   std::to_string(static_cast<int>(s) + kFirstStatus) + "\"} " + std::to_string(counts[s]) +
                   "\n";
        }
    }
    out +=
        "# HELP loadstar_http_request_duration_seconds Time from a request's arrival to its response, by "
        "route.\n"
        "# TYPE loadstar_http_request_duration_seconds histogram\n";
    for (std::size_t r = 0; r < routes; ++r) {
        const std::uint64_t* buckets = totals.data() + r * Shard::kStride + kStatuses;
        std::uint64_t cumulative = 0;
        for (std::size_t b = 0; b < kBuckets; ++b)
            cumulative += buckets[b];
        if (cumulative == 0) continue;
        const std::string labels = "method=\"" + escapeLabel(labels_[r].method) + "\",route=\"" +
                                   escapeLabel(labels_[r].route) + "\"";
        cumulative = 0;
        for (std::size_t b = 0; b < kBuckets; ++b) {
            cumulative += buckets[b];
            const std::string le = b < kBucketBounds.size() ? seconds(kBucketBounds[b]) : std::string("+Inf");
            out += "loadstar_http_request_duration_seconds_bucket{" + labels + ",le=\"" + le + "\"} " +
                   std::to_string(cumulative) + "\n";
        }
        const auto sumMicros = static_cast<std::int64_t>(buckets[kBuckets]);
        out += "loadstar_http_request_duration_seconds_sum{" + labels + "} " + seconds(sumMicros) + "\n";
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
    gauge("loadstar_connections_total", "Client connections accepted.", "counter", connectionsTotal);
    gauge("loadstar_connections_rejected_total", "Connections refused because max connections was reached.",
          "counter", connectionsRejected());
    return out;
}

}  // namespace loadstar::server
