#pragma once

#include <string>

namespace loadstar::report {

// How a number on a chart axis or in a table is meant, and so how it is written.
enum class Unit {
    Micros,     // a latency in microseconds: "850us", "12.5ms", "1.25s"
    Seconds,    // elapsed time: "45s", "2m", "1h 5m"
    Count,      // "1,234,567"
    PerSecond,  // "1,234.5/s"
    Percent,    // the value is already in percent: "12.3%"
    Bytes,      // "12.3 MiB"
    Nines,      // a percentile given as -log10(1 - p): 2 -> "99%"
};

// Full precision for tables: "12.34ms", "1,234,567", "0.42%".
std::string formatValue(double value, Unit unit);
// Short text for axis ticks, given the tick step so that "2.5ms" and "3ms" share a style.
std::string formatTick(double value, double step, Unit unit);

// "1,234,567"
std::string groupDigits(unsigned long long n);
// "+12.3%", "-0.8%"
std::string formatChange(double percent);

}  // namespace loadstar::report
