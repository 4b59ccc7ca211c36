#include "app/cli/dry_run.h"

#include <cmath>
#include <cstdio>
#include <ostream>

#include "app/cli/cli.h"
#include "engine/load/run_estimate.h"
#include "engine/load/target_resolution.h"
#include "engine/model/duration.h"

namespace loadstar::cli {

namespace {

// 12345.6 -> "12,346".
std::string grouped(double value) {
    std::string digits = std::to_string(static_cast<long long>(std::llround(value)));
    const std::size_t start = digits.front() == '-' ? 1 : 0;
    for (std::size_t i = digits.size(); i > start + 3; i -= 3)
        digits.insert(i - 3, ",");
    return digits;
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

std::string loadLine(const load::RunEstimate& e, const load::LoadOptions& o) {
    if (e.executor == model::Executor::Open)
        return "open loop, up to " + number(e.peakLevel) + " requests/s (on a fixed schedule)";
    std::string line = "closed loop, up to " + number(e.peakLevel) + " virtual users";
    if (e.peakRate) {
        line += ", at most " + number(*e.peakRate) + " requests/s (think time " +
                model::formatDuration(o.thinkTime) + ")";
    } else {
        line += ", each sending its next request when the answer arrives (no fixed rate)";
    }
    return line;
}

std::string requestsLine(const load::RunEstimate& e) {
    if (!e.requests) return "depends on how fast the server answers (no cap)";
    std::string line = (e.requestsIsUpperBound ? "at most " : "about ") + grouped(*e.requests);
    if (e.maxRequests > 0 && *e.requests >= static_cast<double>(e.maxRequests)) line += " (the request cap)";
    return line;
}

std::string durationLine(const load::RunEstimate& e) {
    if (e.warmup.count() <= 0) return model::formatDuration(e.total);
    return model::formatDuration(e.total) + " (" + model::formatDuration(e.warmup) + " warm-up, then " +
           model::formatDuration(e.total - e.warmup) + " measured)";
}

std::string mixLine(const load::RequestPlan& plan) {
    double total = 0;
    for (std::size_t i = 0; i < plan.endpointCount(); ++i) {
        if (!plan.endpoint(i).variants.empty()) total += std::max(0.0, plan.endpoint(i).weight);
    }
    std::string line;
    for (std::size_t i = 0; i < plan.endpointCount(); ++i) {
        const load::RequestPlan::Endpoint& endpoint = plan.endpoint(i);
        if (endpoint.variants.empty() || endpoint.weight <= 0 || total <= 0) continue;
        if (!line.empty()) line += ", ";
        line += requestLine(endpoint.variants.front()) + " " +
                number(std::round(endpoint.weight / total * 1000) / 10) + "%";
    }
    return line;
}

void row(std::ostream& out, const char* label, const std::string& value) {
    char head[24];
    std::snprintf(head, sizeof head, "  %-13s", label);
    out << head << value << "\n";
}

}  // namespace

std::string remoteConsentHint(const std::string& host) {
    const std::string named = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return "To send load to " + named + " anyway, say so by name: --allow-remote " + named + "\n";
}

std::string requestLine(const load::PreparedRequest& request) {
    const std::size_t end = request.bytes.find(" HTTP/1.1\r\n");
    return request.bytes.substr(0, end == std::string::npos ? request.bytes.find('\r') : end);
}

int printDryRun(const DryRun& d, const char* command, std::ostream& out, std::ostream& err) {
    const load::LoadOptions& o = d.options;
    out << "Dry run: nothing is sent.\n";
    if (!d.scenarioText.empty()) row(out, "scenario", d.scenarioText);
    row(out, "target", d.targetText);
    if (d.designServer) {
        row(out, "host", "127.0.0.1: this machine (the design's server, started for the run)");
    } else {
        auto resolved = load::resolveTarget(o.url, o.allowedRemoteHost);
        if (const auto* refusal = std::get_if<std::string>(&resolved)) {
            out << std::flush;
            err << "loadstar " << command << ": refused: " << *refusal << "\n"
                << remoteConsentHint(o.url.host);
            return kExitError;
        }
        const load::ResolvedTarget& target = std::get<load::ResolvedTarget>(resolved);
        row(out, "host",
            o.url.host + (target.remote ? ": outside this machine, allowed by " + d.allowedBy + " " +
                                              o.allowedRemoteHost
                                        : std::string(": this machine (loopback)")));
        std::string addresses;
        for (const std::string& address : target.addresses)
            addresses += (addresses.empty() ? "" : ", ") + address;
        row(out, "addresses", addresses);
    }
    const load::RunEstimate e = load::estimateRun(o);
    row(out, "load", loadLine(e, o));
    row(out, "duration", durationLine(e));
    row(out, "requests", requestsLine(e));
    row(out, "connections",
        "up to " + grouped(e.maxConnections) + " on " + std::to_string(o.threads) +
            (o.threads == 1 ? " thread" : " threads"));
    if (d.plan != nullptr) row(out, "endpoints", mixLine(*d.plan));
    return kExitOk;
}

}  // namespace loadstar::cli
