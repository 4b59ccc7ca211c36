#pragma once

#include <QString>

// Latencies and sizes as the engine writes them (engine/stats/units.h), so the
// workbench, the reports and the CLI spell a value the same way.
namespace loadstar::widgets {

QString latencyText(double micros);  // "850us", "12.34ms", "1.25s"
QString bytesText(double bytes);     // "512 B", "12.3 KiB", "21.6 MiB", "1.25 GiB"

}  // namespace loadstar::widgets
