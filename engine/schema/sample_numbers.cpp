#include "engine/schema/sample_numbers.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace loadstar::schema {

using model::Constraints;

namespace {

// Integers stay where a double holds them exactly, since bounds are doubles.
constexpr double kIntegerLimit = 9007199254740992.0;  // 2^53
// Without a bound on one side, values stay within this distance of the other.
constexpr double kDefaultSpan = 1000.0;

// Pydantic's float multiple_of test: a remainder within a billionth of the value
// either way counts as zero.
bool isMultipleOf(double value, double step) {
    if (step <= 0) return true;
    const double remainder = std::fmod(value, step);
    const double threshold = std::abs(value) / 1e9;
    return std::abs(remainder) <= threshold || std::abs(remainder - step) <= threshold;
}

bool integralStep(const Constraints& c) {
    return c.multipleOf && *c.multipleOf >= 1 && std::floor(*c.multipleOf) == *c.multipleOf &&
           *c.multipleOf <= kIntegerLimit;
}

}  // namespace

void numberViolations(const Constraints& c, double v, bool integer, std::vector<std::string>& out) {
    if (c.ge && v < *c.ge) out.emplace_back("greater_than_equal");
    if (c.gt && v <= *c.gt) out.emplace_back("greater_than");
    if (c.le && v > *c.le) out.emplace_back("less_than_equal");
    if (c.lt && v >= *c.lt) out.emplace_back("less_than");
    if (c.multipleOf && *c.multipleOf > 0) {
        bool multiple = false;
        if (integer && integralStep(c)) {
            multiple = static_cast<std::int64_t>(v) % static_cast<std::int64_t>(*c.multipleOf) == 0;
        } else {
            multiple = isMultipleOf(v, *c.multipleOf);
        }
        if (!multiple) out.emplace_back("multiple_of");
    }
}

namespace {

struct Interval {
    double lo;
    double hi;
};

// The integers the bounds allow, within ±2^53, and the part of them samples prefer.
std::optional<Interval> integerInterval(const Constraints& c, bool preferred) {
    double lo = -kIntegerLimit;
    double hi = kIntegerLimit;
    if (c.ge) lo = std::max(lo, std::ceil(*c.ge));
    if (c.gt) lo = std::max(lo, std::floor(*c.gt) + 1);
    if (c.le) hi = std::min(hi, std::floor(*c.le));
    if (c.lt) hi = std::min(hi, std::ceil(*c.lt) - 1);
    if (lo > hi) return std::nullopt;
    if (preferred) {
        const bool hasLo = c.ge || c.gt;
        const bool hasHi = c.le || c.lt;
        if (!hasLo && !hasHi) {
            lo = std::max(lo, 0.0);
            hi = std::min(hi, kDefaultSpan);
        } else if (!hasHi) {
            hi = std::min(hi, lo + kDefaultSpan);
        } else if (!hasLo) {
            lo = std::max(lo, hi - kDefaultSpan);
        }
    }
    return Interval{lo, hi};
}

}  // namespace

std::optional<Json> pickInteger(const Constraints& c, Random& rng) {
    const std::optional<Interval> all = integerInterval(c, false);
    const std::optional<Interval> wanted = integerInterval(c, true);
    if (!all || !wanted) return std::nullopt;
    if (!c.multipleOf || *c.multipleOf <= 0) {
        return Json(
            rng.between(static_cast<std::int64_t>(wanted->lo), static_cast<std::int64_t>(wanted->hi)));
    }
    const double step = *c.multipleOf;
    if (integralStep(c)) {
        // Multiples k * step; prefer the wanted range, fall back to the nearest allowed one.
        double kLo = std::ceil(wanted->lo / step);
        double kHi = std::floor(wanted->hi / step);
        if (kLo > kHi) {
            // The wanted range falls between two multiples: take the nearer allowed one.
            if (kLo * step <= all->hi) {
                kHi = kLo;
            } else if (kHi * step >= all->lo) {
                kLo = kHi;
            } else {
                return std::nullopt;
            }
        }
        const std::int64_t k = rng.between(static_cast<std::int64_t>(kLo), static_cast<std::int64_t>(kHi));
        return Json(k * static_cast<std::int64_t>(step));
    }
    // A fractional step on an integer: scan for an integer that is a multiple.
    const auto lo = static_cast<std::int64_t>(wanted->lo);
    const auto hi = static_cast<std::int64_t>(wanted->hi);
    const std::int64_t start = rng.between(lo, hi);
    std::vector<std::string> problems;
    for (std::int64_t i = 0; i <= std::min<std::int64_t>(hi - lo, 4096); ++i) {
        const std::int64_t v = lo + (start - lo + i) % (hi - lo + 1);
        problems.clear();
        numberViolations(c, static_cast<double>(v), true, problems);
        if (problems.empty()) return Json(v);
    }
    return std::nullopt;
}

namespace {

std::optional<Interval> numberInterval(const Constraints& c, bool preferred) {
    double lo = -std::numeric_limits<double>::max();
    double hi = std::numeric_limits<double>::max();
    if (c.ge) lo = std::max(lo, *c.ge);
    if (c.gt) lo = std::max(lo, *c.gt);
    if (c.le) hi = std::min(hi, *c.le);
    if (c.lt) hi = std::min(hi, *c.lt);
    if (lo > hi) return std::nullopt;
    if (preferred) {
        const bool hasLo = c.ge || c.gt;
        const bool hasHi = c.le || c.lt;
        if (!hasLo && !hasHi) {
            lo = 0;
            hi = kDefaultSpan;
        } else if (!hasHi) {
            hi = lo + std::max(kDefaultSpan, std::abs(lo));
        } else if (!hasLo) {
            lo = hi - std::max(kDefaultSpan, std::abs(hi));
        }
    }
    return Interval{lo, hi};
}

bool numberFits(const Constraints& c, double v) {
    std::vector<std::string> problems;
    numberViolations(c, v, false, problems);
    return problems.empty() && std::isfinite(v);
}

}  // namespace

std::optional<Json> pickNumber(const Constraints& c, Random& rng) {
    const std::optional<Interval> wanted = numberInterval(c, true);
    if (!wanted) return std::nullopt;
    if (c.multipleOf && *c.multipleOf > 0) {
        const double step = *c.multipleOf;
        const double kLo = std::ceil(wanted->lo / step);
        const double kHi = std::floor(wanted->hi / step);
        const auto multiple = [&](double k) -> std::optional<Json> {
            const double v = k * step;
            // 0.1 * 3 is 0.30000000000000004: show the value a person would write when it is as good.
            const double tidy = std::round(v * 1e6) / 1e6;
            if (numberFits(c, tidy)) return Json(tidy);
            if (numberFits(c, v)) return Json(v);
            return std::nullopt;
        };
        if (kLo <= kHi && kHi - kLo <= kIntegerLimit) {
            for (int attempt = 0; attempt < 4; ++attempt) {
                const auto k = static_cast<double>(
                    rng.between(static_cast<std::int64_t>(kLo), static_cast<std::int64_t>(kHi)));
                if (std::optional<Json> v = multiple(k)) return v;
            }
        }
        // An exclusive bound on a multiple, or a wanted range between two multiples:
        // the multiples next to the range's ends.
        for (const double k : {kLo, kLo + 1, kHi, kHi - 1}) {
            if (std::optional<Json> v = multiple(k)) return v;
        }
        return std::nullopt;
    }
    const double v = wanted->lo + rng.unit() * (wanted->hi - wanted->lo);
    const double tidy = std::round(v * 100) / 100;
    for (const double candidate : {tidy, v, (wanted->lo + wanted->hi) / 2}) {
        if (numberFits(c, candidate)) return Json(candidate);
    }
    return std::nullopt;
}

}  // namespace loadstar::schema
