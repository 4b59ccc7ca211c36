#pragma once

#include <string>

#include "engine/load/run_result.h"

namespace loadstar::widgets {

// A run's time series as CSV, one row per tick (header first): what a
// spreadsheet or pandas needs to redraw the charts. Latencies in milliseconds.
std::string timeSeriesCsv(const load::RunResult& result);

}  // namespace loadstar::widgets
