#include "engine/report/threshold_limit.h"

#include <cstdio>
#include <variant>

#include "engine/stats/units.h"

namespace loadstar::report {

namespace {

const char* opText(stats::Threshold::Op op) {
    switch (op) {
        case stats::Threshold::Op::Less:
            return "<";
        case stats::Threshold::Op::LessOrEqual:
            return "<=";
        case stats::Threshold::Op::Greater:
            return ">";
        case stats::Threshold::Op::GreaterOrEqual:
            return ">=";
    }
    return "?";
}

std::string valueText(const stats::Threshold& t, double value) {
    char buffer[48];
    switch (t.metric) {
        case stats::Threshold::Metric::ErrorRate:
            std::snprintf(buffer, sizeof buffer, "%.2f%%", value * 100);
            return buffer;
        case stats::Threshold::Metric::Rps:
            std::snprintf(buffer, sizeof buffer, "%.1f/s", value);
            return buffer;
        case stats::Threshold::Metric::Requests:
        case stats::Threshold::Metric::Errors:
            std::snprintf(buffer, sizeof buffer, "%.0f", value);
            return buffer;
        default:
            return stats::formatLatency(value);
    }
}

}  // namespace

ThresholdLimit thresholdLimit(const stats::ThresholdResult& result) {
    const auto parsed = stats::parseThreshold(result.text);
    const auto* threshold = std::get_if<stats::Threshold>(&parsed);
    // The measured text reads "p95 = 183.2ms"; without " = " it explains a failure.
    const std::size_t equals = result.measuredText.find(" = ");
    if (threshold == nullptr || equals == std::string::npos) return {result.measuredText, ""};
    return {valueText(*threshold, result.measured),
            std::string(opText(threshold->op)) + " " + valueText(*threshold, threshold->value)};
}

}  // namespace loadstar::report
