#pragma once

#include <string>

namespace loadstar::stats {

// How a measured latency or size is written for people, the same in the CLI's
// output, the reports and the workbench. Latencies use the units a threshold is
// written in ("p95 < 200ms"); sizes are binary, spelled KiB, MiB and GiB.
std::string formatLatency(double micros);  // "850us", "12.34ms", "1.25s"; "–" when not a number
std::string formatBytes(double bytes);     // "512 B", "12.3 KiB", "21.6 MiB", "1.25 GiB"; "–" likewise

}  // namespace loadstar::stats
