#include "engine/report/chart_axis.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace loadstar::report {

namespace {

double niceDecimalStep(double raw) {
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (raw <= m * magnitude * (1 + 1e-9)) return m * magnitude;
    }
    return 10 * magnitude;
}

double niceStep(double raw, Unit unit) {
    if (!(raw > 0)) return 1;
    switch (unit) {
        case Unit::Seconds:
            // Time reads best in clock units: 15s, 1m, 5m, 15m, 1h.
            for (const double s : {1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0,
                                   3600.0, 7200.0}) {
                if (raw <= s) return s;
            }
            return niceDecimalStep(raw / 3600) * 3600;
        case Unit::Nines:
            return std::max(1.0, std::ceil(raw));
        case Unit::Bytes: {
            // Steps of whole KiB/MiB/GiB fractions, so that ticks read 128 MiB, not 134.2 MB.
            double scale = 1;
            while (raw >= scale * 1024 * 0.5 && scale < 1024.0 * 1024 * 1024)
                scale *= 1024;
            return niceDecimalStep(raw / scale) * scale;
        }
        default:
            return niceDecimalStep(raw);
    }
}

}  // namespace

ChartAxis ChartAxis::linear(std::string label, Unit unit, double low, double high, bool fromZero, int ticks) {
    ChartAxis a;
    a.label = std::move(label);
    a.unit = unit;
    if (!std::isfinite(low) || !std::isfinite(high)) {
        low = 0;
        high = 1;
    }
    if (fromZero) low = std::min(0.0, low);
    if (high <= low) high = low + (unit == Unit::Percent ? 1.0 : std::max(1.0, std::fabs(low) * 0.1));
    a.step = niceStep((high - low) / std::max(1, ticks), unit);
    a.min = std::floor(low / a.step + 1e-9) * a.step;
    a.max = std::ceil(high / a.step - 1e-9) * a.step;
    if (a.max <= a.min) a.max = a.min + a.step;
    for (double t = a.min; t <= a.max + a.step * 1e-6; t += a.step)
        a.ticks.push_back(t);
    return a;
}

ChartAxis ChartAxis::logarithmic(std::string label, Unit unit, double low, double high) {
    ChartAxis a;
    a.label = std::move(label);
    a.unit = unit;
    a.scale = Scale::Log;
    a.min = std::max(low, 1.0);
    a.max = std::max(high, a.min * 1.1);
    a.step = 0;
    // Ticks inside the range: 1-2-5 per decade; every mantissa when that gives
    // too few (a narrow range); whole decades when it gives too many.
    auto ticksWith = [&a](std::initializer_list<double> mantissas) {
        std::vector<double> ticks;
        for (double d = std::pow(10.0, std::floor(std::log10(a.min))); d <= a.max; d *= 10) {
            for (const double m : mantissas) {
                const double t = m * d;
                if (t >= a.min * (1 - 1e-9) && t <= a.max * (1 + 1e-9)) ticks.push_back(t);
            }
        }
        return ticks;
    };
    a.ticks = ticksWith({1, 2, 5});
    if (a.ticks.size() < 3) a.ticks = ticksWith({1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9});
    if (a.ticks.size() > 12) a.ticks = ticksWith({1});
    return a;
}

double ChartAxis::fraction(double value) const {
    if (scale == Scale::Log) {
        const double v = std::max(value, min);
        return (std::log10(v) - std::log10(min)) / (std::log10(max) - std::log10(min));
    }
    return (value - min) / (max - min);
}

std::string ChartAxis::tickText(double value) const {
    if (scale == Scale::Log) {
        // The tick's own size decides the precision: 200us, 5ms, 1.5ms.
        const double decade = std::pow(10.0, std::floor(std::log10(value) + 1e-9));
        const double mantissa = value / decade;
        const bool whole = std::fabs(mantissa - std::round(mantissa)) < 1e-6;
        return formatTick(value, whole ? decade : decade / 10, unit);
    }
    return formatTick(value, step, unit);
}

}  // namespace loadstar::report
