#pragma once

#include <string>
#include <vector>

#include "engine/results/run_result.h"

namespace loadstar::report {

// CSV (RFC 4180, comma-separated, one header row, "\r\n" line ends) in two tables,
// so that each opens as it is in a spreadsheet or pandas:
//
// Time series: one row per tick per run, every tick (no decimation):
//   run,t_s,interval_s,stage,level,open_connections,requests,responses,errors,rps,error_rate,
//   p50_us,p90_us,p95_us,p99_us,p99_9_us,max_us,mean_us,bytes_in,bytes_out,
//   server_cpu_percent,server_rss_bytes,generator_cpu_percent,generator_rss_bytes,machine_cpu_percent
// (stage -1 is the warm-up; server columns are empty when the server was not sampled.)
std::string timeSeriesCsv(const std::vector<results::RunResult>& runs);

// Endpoint summary: per run, one row for the whole run (endpoint "*") and one per endpoint:
//   run,endpoint,requests,responses,errors,expected_rejections,dropped,rps,error_rate,
//   p50_us,p90_us,p95_us,p99_us,p99_9_us,max_us,mean_us,bytes_in,bytes_out,
//   errors_connect,errors_timeout,errors_read,errors_write,errors_protocol,
//   errors_status_4xx,errors_status_422,errors_status_5xx
std::string endpointSummaryCsv(const std::vector<results::RunResult>& runs);

// "report.csv" -> "report.endpoints.csv": where the second table goes.
std::string endpointCsvPath(const std::string& timeSeriesPath);

}  // namespace loadstar::report
