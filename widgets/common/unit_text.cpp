#include "widgets/common/unit_text.h"

#include "engine/stats/units.h"

namespace loadstar::widgets {

QString latencyText(double micros) {
    return QString::fromStdString(stats::formatLatency(micros));
}

QString bytesText(double bytes) {
    return QString::fromStdString(stats::formatBytes(bytes));
}

}  // namespace loadstar::widgets
