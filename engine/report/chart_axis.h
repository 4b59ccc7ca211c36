#pragma once

#include <string>
#include <vector>

#include "engine/report/units.h"

namespace loadstar::report {

// One axis of a chart: its range, where the ticks go and how they are labelled.
// Linear axes get "nice" steps (1, 2, 5 x 10^n; clock-friendly steps for time;
// whole nines for a percentile axis); logarithmic axes get 1-2-5 ticks per decade.
struct ChartAxis {
    enum class Scale { Linear, Log };

    std::string label;
    Unit unit = Unit::Count;
    Scale scale = Scale::Linear;
    double min = 0;
    double max = 1;
    double step = 1;  // Linear: the tick step
    std::vector<double> ticks;

    // A range covering [low, high] with about `ticks` ticks; from zero when asked.
    static ChartAxis linear(std::string label, Unit unit, double low, double high, bool fromZero,
                            int ticks = 5);
    // Positive values only; low and high are widened to whole 1-2-5 steps.
    static ChartAxis logarithmic(std::string label, Unit unit, double low, double high);

    // Where `value` falls, 0 at min and 1 at max (not clamped).
    double fraction(double value) const;
    std::string tickText(double value) const;
};

}  // namespace loadstar::report
