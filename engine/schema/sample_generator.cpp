#include "engine/schema/sample_generator.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/schema/sample_format.h"
#include "engine/schema/string_generator.h"

namespace loadstar::schema {

using model::Constraints;
using model::StringFormat;
using model::TypeKind;
using model::TypeSpec;

namespace {

// Integers stay where a double holds them exactly, since bounds are doubles.
constexpr double kIntegerLimit = 9007199254740992.0;  // 2^53
// Without a bound on one side, values stay within this distance of the other.
constexpr double kDefaultSpan = 1000.0;
// Models this much deeper than maxDepth are cut short: only a model that requires
// itself without end gets there, and canGenerate() already says no to it.
constexpr int kDepthGrace = 32;
// Tries to find a known-good string for a plan when it is first used.
constexpr int kPlanAttempts = 64;
constexpr std::uint64_t kPlanSeed = 0x5eedf00dULL;

std::int64_t codePoints(std::string_view s) {
    return std::count_if(s.begin(), s.end(),
                         [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

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

std::string planKey(const Constraints& c) {
    std::string key = std::to_string(static_cast<int>(c.format));
    key += '|';
    key += c.minLength ? std::to_string(*c.minLength) : "";
    key += '|';
    key += c.maxLength ? std::to_string(*c.maxLength) : "";
    key += '|';
    key += c.pattern.value_or("");
    return key;
}

}  // namespace

// Everything needed to produce strings of one set of string constraints, and one
// string known to satisfy them (found once; also the fallback when a quick attempt
// fails, so that generation stays valid and bounded in time).
struct SampleGenerator::StringPlan {
    const StringGenerator* pattern = nullptr;
    StringFormat format = StringFormat::None;
    std::int64_t minLength = 0;
    std::int64_t maxLength = std::numeric_limits<std::int64_t>::max();
    std::optional<std::string> known;

    bool fits(std::string_view s) const {
        const std::int64_t length = codePoints(s);
        return length >= minLength && length <= maxLength && pattern->matches(s) &&
               conformsToFormat(format, s);
    }

    std::optional<std::string> attempt(Random& rng, std::int64_t lo, std::int64_t hi,
                                       std::int64_t spread) const {
        if (format == StringFormat::None) return pattern->generate(rng, lo, hi, spread);
        // A format value that also matches the pattern; else a pattern string that
        // also has the format's shape.
        for (int i = 0; i < 4; ++i) {
            std::optional<std::string> s = formatSample(format, rng, lo, hi);
            if (s && pattern->matches(*s)) return s;
            if (!s) break;
        }
        for (int i = 0; i < 2; ++i) {
            std::optional<std::string> s = pattern->generate(rng, lo, hi, spread);
            if (s && conformsToFormat(format, *s)) return s;
        }
        return std::nullopt;
    }
};

SampleGenerator::SampleGenerator(std::shared_ptr<const model::Project> project, std::uint64_t seed,
                                 SampleOptions options)
    : project_(std::move(project)), rng_(seed), options_(options) {}

SampleGenerator::~SampleGenerator() = default;

const StringGenerator& SampleGenerator::patternGenerator(const std::optional<std::string>& pattern) {
    const std::string key = pattern.value_or("");
    auto it = patterns_.find(key);
    if (it == patterns_.end()) it = patterns_.emplace(key, std::make_unique<StringGenerator>(key)).first;
    return *it->second;
}

SampleGenerator::StringPlan& SampleGenerator::plan(const Constraints& c) {
    const std::string key = planKey(c);
    auto it = plans_.find(key);
    if (it != plans_.end()) return *it->second;
    auto p = std::make_unique<StringPlan>();
    p->pattern = &patternGenerator(c.pattern);
    p->format = c.format;
    p->minLength = std::max<std::int64_t>(c.minLength.value_or(0), 0);
    if (c.maxLength) p->maxLength = *c.maxLength;
    // The search for a known-good string has its own seed, so that when a plan is
    // first needed does not change what the generator's own sequence produces.
    Random search(kPlanSeed);
    for (int i = 0; i < kPlanAttempts && !p->known; ++i) {
        const std::int64_t spread = options_.lengthSpread << (i / 8);
        std::optional<std::string> s = p->attempt(search, p->minLength, p->maxLength, spread);
        if (s && p->fits(*s)) p->known = std::move(s);
    }
    return *plans_.emplace(key, std::move(p)).first->second;
}

std::string SampleGenerator::stringValue(const Constraints& c) {
    StringPlan& p = plan(c);
    if (!p.known) return {};
    // attempt() only returns strings it has checked against the pattern and lengths.
    std::optional<std::string> s = p.attempt(rng_, p.minLength, p.maxLength, options_.lengthSpread);
    if (s) return std::move(*s);
    return *p.known;
}

std::optional<std::string> SampleGenerator::stringOfLength(const Constraints& c, std::int64_t length) {
    if (length < 0) return std::nullopt;
    const StringPlan& p = plan(c);
    for (int i = 0; i < 4; ++i) {
        std::optional<std::string> s = p.attempt(rng_, length, length, 0);
        if (s && codePoints(*s) == length && p.pattern->matches(*s) && conformsToFormat(p.format, *s))
            return s;
    }
    return std::nullopt;
}

Json SampleGenerator::value(const TypeSpec& type) {
    return valueAt(type, 0);
}

Json SampleGenerator::modelValue(std::string_view modelName) {
    return valueAt(TypeSpec::object(std::string(modelName)), 0);
}

Json SampleGenerator::parameterValue(const model::Parameter& p) {
    // An empty path segment would change the route, so path strings get a character.
    const bool widen = p.in == model::ParamLocation::Path && p.type.kind == TypeKind::String &&
                       p.type.constraints.minLength.value_or(0) < 1;
    TypeSpec widened;
    if (widen) {
        widened = p.type;
        widened.constraints.minLength = 1;
    }
    const TypeSpec& type = widen ? widened : p.type;
    std::vector<std::string> visiting;
    const bool typeOk = generatable(type, visiting);
    if (std::optional<Json> example = usableExample(type, p.example, typeOk, 4)) return *example;
    if (!p.required) {
        if (std::optional<Json> fallback = usableExample(type, p.defaultValue, true, 8)) return *fallback;
    }
    return valueAt(type, 0);
}

std::optional<Json> SampleGenerator::usableExample(const TypeSpec& type, const std::optional<Json>& example,
                                                   bool typeGeneratable, std::uint64_t chanceIn) {
    if (!example) return std::nullopt;
    const bool wanted = !typeGeneratable || options_.preferExamples || rng_.chance(1, chanceIn);
    if (!wanted || type.kind == TypeKind::Object) return std::nullopt;
    if (!violations(type, *example).empty()) return std::nullopt;
    return example;
}

Json SampleGenerator::valueAt(const TypeSpec& type, int depth) {
    switch (type.kind) {
        case TypeKind::String:
            return stringValue(type.constraints);
        case TypeKind::Integer:
            return pickInteger(type.constraints, rng_).value_or(Json(0));
        case TypeKind::Number:
            return pickNumber(type.constraints, rng_).value_or(Json(0.0));
        case TypeKind::Boolean:
            return rng_.chance(1, 2);
        case TypeKind::Enum:
            if (type.enumValues.empty()) return nullptr;
            return type.enumValues[rng_.index(type.enumValues.size())];
        case TypeKind::Array:
            return arrayValue(type, depth);
        case TypeKind::Object:
            return objectValue(type, depth);
    }
    return nullptr;
}

Json SampleGenerator::arrayValue(const TypeSpec& type, int depth) {
    Json out = Json::array();
    if (!type.items) return out;
    const Constraints& c = type.constraints;
    const std::int64_t minItems = std::max<std::int64_t>(c.minItems.value_or(0), 0);
    const std::int64_t maxItems = c.maxItems.value_or(std::numeric_limits<std::int64_t>::max());
    std::int64_t count = minItems;
    // Past the depth limit arrays keep to their minimum, which ends recursion
    // through arrays of models.
    if (depth < options_.maxDepth) {
        const std::int64_t lo = options_.nonEmptyArrays
                                    ? std::max<std::int64_t>(minItems, std::min<std::int64_t>(1, maxItems))
                                    : minItems;
        count = rng_.between(lo, std::min(maxItems, lo + options_.itemSpread));
    }
    for (std::int64_t i = 0; i < count; ++i)
        out.push_back(valueAt(*type.items, depth));
    return out;
}

Json SampleGenerator::objectValue(const TypeSpec& type, int depth) {
    Json out = Json::object();
    const model::Model* m = project_->model(type.modelRef);
    if (!m || depth > options_.maxDepth + kDepthGrace) return out;
    for (const model::Field& field : m->fields) {
        bool present = field.required;
        if (!present && depth < options_.maxDepth && fieldGeneratable(field)) {
            present = options_.allOptionalFields || rng_.chance(1, 2);
        }
        if (present) out[field.name] = fieldValue(field, depth + 1);
    }
    return out;
}

Json SampleGenerator::fieldValue(const model::Field& field, int depth) {
    const FieldFacts& facts = fieldFacts(field);
    if (!facts.typeGeneratable && facts.exampleValid) return *field.example;
    if (facts.exampleValid && (options_.preferExamples || rng_.chance(1, 4))) return *field.example;
    if (!field.required) {
        if (std::optional<Json> fallback = usableExample(field.type, field.defaultValue, true, 8))
            return *fallback;
    }
    return valueAt(field.type, depth);
}

const SampleGenerator::FieldFacts& SampleGenerator::fieldFacts(const model::Field& field) {
    // Fields belong to the project this generator shares, so their addresses are stable keys.
    auto it = fieldFacts_.find(&field);
    if (it != fieldFacts_.end()) return it->second;
    FieldFacts facts;
    std::vector<std::string> visiting;
    facts.typeGeneratable = generatable(field.type, visiting);
    facts.exampleValid = field.example && field.type.kind != TypeKind::Object &&
                         violations(field.type, *field.example).empty();
    return fieldFacts_.emplace(&field, facts).first->second;
}

bool SampleGenerator::fieldGeneratable(const model::Field& field) {
    const FieldFacts& facts = fieldFacts(field);
    return facts.typeGeneratable || facts.exampleValid;
}

bool SampleGenerator::canGenerate(const TypeSpec& type) {
    std::vector<std::string> visiting;
    return generatable(type, visiting);
}

bool SampleGenerator::canGenerateModel(std::string_view modelName) {
    return canGenerate(TypeSpec::object(std::string(modelName)));
}

bool SampleGenerator::canGenerate(const model::Parameter& p) {
    TypeSpec type = p.type;
    if (p.in == model::ParamLocation::Path && type.kind == TypeKind::String) {
        type.constraints.minLength = std::max<std::int64_t>(type.constraints.minLength.value_or(0), 1);
    }
    if (canGenerate(type)) return true;
    return p.example && type.kind != TypeKind::Object && violations(type, *p.example).empty();
}

bool SampleGenerator::generatable(const TypeSpec& type, std::vector<std::string>& visiting) {
    const Constraints& c = type.constraints;
    switch (type.kind) {
        case TypeKind::String:
            return plan(c).known.has_value();
        case TypeKind::Integer: {
            Random scratch(kPlanSeed);
            return pickInteger(c, scratch).has_value();
        }
        case TypeKind::Number: {
            Random scratch(kPlanSeed);
            return pickNumber(c, scratch).has_value();
        }
        case TypeKind::Boolean:
            return true;
        case TypeKind::Enum:
            return !type.enumValues.empty();
        case TypeKind::Array: {
            if (!type.items) return false;
            const std::int64_t minItems = c.minItems.value_or(0);
            if (c.maxItems && minItems > *c.maxItems) return false;
            return minItems <= 0 || generatable(*type.items, visiting);
        }
        case TypeKind::Object: {
            const model::Model* m = project_->model(type.modelRef);
            if (!m) return false;
            // A model met again on a path of required fields requires itself without end.
            if (std::find(visiting.begin(), visiting.end(), m->name) != visiting.end()) return false;
            visiting.push_back(m->name);
            bool ok = true;
            for (const model::Field& field : m->fields) {
                if (!field.required) continue;
                if (generatable(field.type, visiting)) continue;
                if (field.example && field.type.kind != TypeKind::Object &&
                    violations(field.type, *field.example).empty()) {
                    continue;
                }
                ok = false;
                break;
            }
            visiting.pop_back();
            return ok;
        }
    }
    return false;
}

std::vector<std::string> SampleGenerator::violations(const TypeSpec& type, const Json& value,
                                                     bool checkItems) {
    std::vector<std::string> out;
    const Constraints& c = type.constraints;
    switch (type.kind) {
        case TypeKind::String: {
            if (!value.is_string()) return {"string_type"};
            const auto& s = value.get_ref<const std::string&>();
            const std::int64_t length = codePoints(s);
            if (c.minLength && length < *c.minLength) out.emplace_back("string_too_short");
            if (c.maxLength && length > *c.maxLength) out.emplace_back("string_too_long");
            if (c.pattern && !patternGenerator(c.pattern).matches(s))
                out.emplace_back("string_pattern_mismatch");
            if (violatesFormat(c.format, s)) {
                out.emplace_back(formatErrorType(c.format));
            } else if (!conformsToFormat(c.format, s)) {
                out.emplace_back("format_unsure");
            }
            return out;
        }
        case TypeKind::Integer:
            if (!value.is_number_integer()) return {"int_type"};
            numberViolations(c, value.get<double>(), true, out);
            return out;
        case TypeKind::Number:
            if (!value.is_number()) return {"float_type"};
            numberViolations(c, value.get<double>(), false, out);
            return out;
        case TypeKind::Boolean:
            if (!value.is_boolean()) return {"bool_type"};
            return out;
        case TypeKind::Enum:
            if (std::find(type.enumValues.begin(), type.enumValues.end(), value) == type.enumValues.end()) {
                return {"enum"};
            }
            return out;
        case TypeKind::Array: {
            if (!value.is_array()) return {"list_type"};
            const auto count = static_cast<std::int64_t>(value.size());
            if (c.minItems && count < *c.minItems) out.emplace_back("too_short");
            if (c.maxItems && count > *c.maxItems) out.emplace_back("too_long");
            if (!type.items || !checkItems) return out;
            for (const Json& item : value) {
                std::vector<std::string> inner = violations(*type.items, item);
                out.insert(out.end(), inner.begin(), inner.end());
            }
            return out;
        }
        case TypeKind::Object:
            return {"unchecked"};
    }
    return {"unchecked"};
}

std::string parameterText(const Json& value) {
    if (value.is_string()) return value.get<std::string>();
    return value.dump();
}

}  // namespace loadstar::schema
