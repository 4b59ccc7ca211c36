#include "widgets/run_csv.h"

#include <cstdio>

namespace loadstar::widgets {

namespace {

std::string number(double value, int decimals = 3) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string ms(std::int64_t micros) {
    return number(static_cast<double>(micros) / 1000.0);
}

}  // namespace

std::string timeSeriesCsv(const load::RunResult& r) {
    std::string out =
        "elapsed_s,interval_s,stage,level,open_connections,requests,responses,errors,rps,error_rate,"
        "p50_ms,p90_ms,p95_ms,p99_ms,p99_9_ms,max_ms,mean_ms,p99_uncorrected_ms,"
        "server_cpu_percent,server_rss_bytes,load_cpu_percent,load_rss_bytes\n";
    for (const auto& tick : r.series) {
        const stats::Summary& s = tick->overall;
        const auto& target = tick->resources.target;
        const auto& self = tick->resources.self;
        out += number(tick->elapsed) + ',' + number(tick->seconds) + ',' + std::to_string(tick->stage) + ',' +
               number(tick->level, 2) + ',' + std::to_string(tick->openConnections) + ',' +
               std::to_string(s.requests) + ',' + std::to_string(s.responses) + ',' +
               std::to_string(s.errors) + ',' + number(s.rps, 2) + ',' + number(s.errorRate, 6) + ',' +
               ms(s.latency.p50) + ',' + ms(s.latency.p90) + ',' + ms(s.latency.p95) + ',' +
               ms(s.latency.p99) + ',' + ms(s.latency.p999) + ',' + ms(s.latency.max) + ',' +
               number(s.latency.mean / 1000.0) + ',' + ms(s.uncorrected.p99) + ',' +
               (target && target->alive ? number(target->cpuPercent, 1) : std::string()) + ',' +
               (target && target->alive ? std::to_string(target->rssBytes) : std::string()) + ',' +
               (self.alive ? number(self.cpuPercent, 1) : std::string()) + ',' +
               (self.alive ? std::to_string(self.rssBytes) : std::string()) + '\n';
    }
    return out;
}

}  // namespace loadstar::widgets
