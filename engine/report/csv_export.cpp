#include "engine/report/csv_export.h"

#include <filesystem>

namespace loadstar::report {

namespace {

std::string field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (const char c : text) {
        out += c;
        if (c == '"') out += '"';
    }
    return out + "\"";
}

// Shortest text that reads back as the same double.
std::string number(double v) {
    return Json(v).dump();
}

std::string number(std::uint64_t v) {
    return std::to_string(v);
}

std::string number(std::int64_t v) {
    return std::to_string(v);
}

std::string latencyColumns(const stats::LatencySummary& l) {
    return number(l.p50) + "," + number(l.p90) + "," + number(l.p95) + "," + number(l.p99) + "," +
           number(l.p999) + "," + number(l.max) + "," + number(l.mean);
}

}  // namespace

std::string timeSeriesCsv(const std::vector<results::RunResult>& runs) {
    std::string out =
        "run,t_s,interval_s,stage,level,open_connections,requests,responses,errors,rps,error_rate,"
        "p50_us,p90_us,p95_us,p99_us,p99_9_us,max_us,mean_us,bytes_in,bytes_out,"
        "server_cpu_percent,server_rss_bytes,generator_cpu_percent,generator_rss_bytes,machine_cpu_"
        "percent\r\n";
    for (const results::RunResult& r : runs) {
        const std::string run = field(r.id);
        for (const auto& tick : r.series) {
            const stats::Summary& o = tick->overall;
            const double rps = tick->seconds > 0 ? static_cast<double>(o.requests) / tick->seconds : 0;
            const auto& server = tick->resources.target;
            const bool sampled = server && server->alive;
            out += run + "," + number(tick->elapsed) + "," + number(tick->seconds) + "," +
                   std::to_string(tick->stage) + "," + number(tick->level) + "," +
                   std::to_string(tick->openConnections) + "," + number(o.requests) + "," +
                   number(o.responses) + "," + number(o.errors) + "," + number(rps) + "," +
                   number(o.errorRate) + "," + latencyColumns(o.latency) + "," + number(o.bytesIn) + "," +
                   number(o.bytesOut) + "," + (sampled ? number(server->cpuPercent) : "") + "," +
                   (sampled ? number(server->rssBytes) : "") + "," + number(tick->resources.self.cpuPercent) +
                   "," + number(tick->resources.self.rssBytes) + "," +
                   number(tick->resources.machine.cpuPercent) + "\r\n";
        }
    }
    return out;
}

std::string endpointSummaryCsv(const std::vector<results::RunResult>& runs) {
    std::string out =
        "run,endpoint,requests,responses,errors,expected_rejections,dropped,rps,error_rate,"
        "p50_us,p90_us,p95_us,p99_us,p99_9_us,max_us,mean_us,bytes_in,bytes_out";
    for (std::size_t c = 0; c < stats::kErrorClassCount; ++c)
        out += std::string(",errors_") + stats::toString(static_cast<stats::ErrorClass>(c));
    out += "\r\n";
    auto row = [&out](const std::string& run, const std::string& endpoint, const stats::Summary& s) {
        out += run + "," + field(endpoint) + "," + number(s.requests) + "," + number(s.responses) + "," +
               number(s.errors) + "," + number(s.expectedRejections) + "," + number(s.dropped) + "," +
               number(s.rps) + "," + number(s.errorRate) + "," + latencyColumns(s.latency) + "," +
               number(s.bytesIn) + "," + number(s.bytesOut);
        for (const std::uint64_t n : s.errorsByClass)
            out += "," + number(n);
        out += "\r\n";
    };
    for (const results::RunResult& r : runs) {
        row(field(r.id), "*", r.overall);
        for (const results::EndpointResult& e : r.endpoints)
            row(field(r.id), e.id, e.summary);
    }
    return out;
}

std::string endpointCsvPath(const std::string& timeSeriesPath) {
    std::filesystem::path p(timeSeriesPath);
    const std::string extension = p.has_extension() ? p.extension().string() : ".csv";
    p.replace_extension();
    return p.string() + ".endpoints" + extension;
}

}  // namespace loadstar::report
