#pragma once

#include <string>

#include "engine/stats/threshold.h"

namespace loadstar::report {

// A threshold's verdict split for tables and CI: what was measured and what
// the limit was, each as text ("183.20ms", "< 200.00ms").
struct ThresholdLimit {
    std::string measured;  // "183.20ms"; the whole message when the threshold did not parse
    std::string limit;     // "< 200.00ms"; empty when the threshold did not parse
};

ThresholdLimit thresholdLimit(const stats::ThresholdResult& result);

}  // namespace loadstar::report
