#include "engine/schema/sample_generator.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/model/discriminator.h"
#include "engine/schema/sample_format.h"
#include "engine/schema/sample_numbers.h"
#include "engine/schema/string_generator.h"

namespace loadstar::schema {

using model::Constraints;
using model::StringFormat;
using model::TypeKind;
using model::TypeSpec;

namespace {

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

// Literal[...] equality as pydantic-core judges it: a bool only equals a bool, an
// integer literal only an integer.
bool literalEquals(const Json& expected, const Json& value) {
    if (expected.is_boolean() || value.is_boolean())
        return expected.is_boolean() && value.is_boolean() && expected == value;
    if (expected.is_number_integer()) return value.is_number_integer() && expected == value;
    return expected == value;
}

bool hasDuplicateItem(const Json& array) {
    std::vector<std::string> seen;
    for (const Json& item : array) {
        const std::string key = nlohmann::json::parse(item.dump()).dump();  // object keys sorted
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) return true;
        seen.push_back(key);
    }
    return false;
}

// How many distinct values a type has, where that is small (a boolean, a literal,
// an enum); a large number for the rest.
std::int64_t distinctValues(const TypeSpec& type) {
    constexpr std::int64_t kMany = std::numeric_limits<std::int64_t>::max();
    const std::int64_t null = type.nullable ? 1 : 0;
    switch (type.kind) {
        case TypeKind::Boolean:
            return 2 + null;
        case TypeKind::Literal:
            return 1 + null;
        case TypeKind::Enum:
            return static_cast<std::int64_t>(type.enumValues.size()) + null;
        default:
            return kMany;
    }
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
    // An empty path segment would change the route, so path strings get a character;
    // and a parameter's null cannot travel as text ("null" is a string), so a
    // nullable parameter is sent with a value or left out.
    const bool widen = p.in == model::ParamLocation::Path && p.type.kind == TypeKind::String &&
                       p.type.constraints.minLength.value_or(0) < 1;
    TypeSpec widened;
    if (widen || p.type.nullable) {
        widened = p.type;
        widened.nullable = false;
        if (widen) widened.constraints.minLength = 1;
    }
    const TypeSpec& type = widen || p.type.nullable ? widened : p.type;
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
    // Optional values are null now and then, and always past the depth limit, where
    // they end recursion through nullable references.
    if (type.nullable) {
        if (depth >= options_.maxDepth || rng_.chance(1, 8)) return nullptr;
        TypeSpec present = type;
        present.nullable = false;
        std::vector<std::string> visiting;
        if (!generatable(present, visiting)) return nullptr;
    }
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
        case TypeKind::Map:
            return mapValue(type, depth);
        case TypeKind::Union:
            return unionValue(type, depth);
        case TypeKind::Literal:
            return type.literalValue();
        case TypeKind::Any:
            return anyValue();
    }
    return nullptr;
}

std::int64_t SampleGenerator::itemCount(std::int64_t minItems, std::int64_t maxItems, int depth) {
    // Past the depth limit collections keep to their minimum, which ends recursion
    // through arrays and maps of models.
    if (depth >= options_.maxDepth) return minItems;
    const std::int64_t lo = options_.nonEmptyArrays
                                ? std::max<std::int64_t>(minItems, std::min<std::int64_t>(1, maxItems))
                                : minItems;
    return rng_.between(lo, std::min(maxItems, lo + options_.itemSpread));
}

Json SampleGenerator::arrayValue(const TypeSpec& type, int depth) {
    Json out = Json::array();
    if (!type.items) return out;
    const Constraints& c = type.constraints;
    const std::int64_t minItems = std::max<std::int64_t>(c.minItems.value_or(0), 0);
    const std::int64_t maxItems = c.maxItems.value_or(std::numeric_limits<std::int64_t>::max());
    const std::int64_t count = itemCount(minItems, maxItems, depth);
    if (!c.uniqueItems) {
        for (std::int64_t i = 0; i < count; ++i)
            out.push_back(valueAt(*type.items, depth));
        return out;
    }
    // Distinct items: a duplicate is drawn again, a few times; past the minimum the
    // array may stay shorter than planned rather than repeat an item.
    std::vector<std::string> seen;
    for (std::int64_t i = 0; i < count; ++i) {
        for (int attempt = 0; attempt < 16; ++attempt) {
            Json item = valueAt(*type.items, depth);
            const std::string key = item.dump();
            if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
            seen.push_back(key);
            out.push_back(std::move(item));
            break;
        }
    }
    return out;
}

Json SampleGenerator::mapValue(const TypeSpec& type, int depth) {
    Json out = Json::object();
    if (!type.items) return out;
    std::vector<std::string> visiting;
    if (!generatable(*type.items, visiting)) return out;
    const std::int64_t count = itemCount(0, std::numeric_limits<std::int64_t>::max(), depth);
    for (std::int64_t i = 0; i < count; ++i)
        out["key" + std::to_string(i + 1)] = valueAt(*type.items, depth);
    return out;
}

Json SampleGenerator::unionValue(const TypeSpec& type, int depth) {
    // A variant that can be generated, picked at random; a tagged union's variant
    // gets its tag in the discriminator field.
    std::vector<std::size_t> candidates;
    std::vector<std::string> tags;
    if (type.discriminator) {
        for (const model::DiscriminatorTag& tag : model::discriminatorTags(*project_, type)) {
            std::vector<std::string> visiting;
            if (!generatable(type.variants[tag.variant], visiting)) continue;
            candidates.push_back(tag.variant);
            tags.push_back(tag.tag);
        }
    } else {
        for (std::size_t i = 0; i < type.variants.size(); ++i) {
            std::vector<std::string> visiting;
            if (generatable(type.variants[i], visiting)) candidates.push_back(i);
        }
    }
    if (candidates.empty()) return type.variants.empty() ? Json() : valueAt(type.variants.front(), depth);
    const std::size_t pick = rng_.index(candidates.size());
    Json value = valueAt(type.variants[candidates[pick]], depth);
    if (type.discriminator && value.is_object()) value[type.discriminator->property] = tags[pick];
    return value;
}

Json SampleGenerator::anyValue() {
    // Free-form JSON: something of every kind a client might send.
    switch (rng_.index(4)) {
        case 0:
            return stringValue(Constraints{});
        case 1:
            return rng_.between(0, 1000);
        case 2:
            return rng_.chance(1, 2);
        default:
            return Json{{"note", stringValue(Constraints{})}};
    }
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
    type.nullable = false;
    if (p.in == model::ParamLocation::Path && type.kind == TypeKind::String) {
        type.constraints.minLength = std::max<std::int64_t>(type.constraints.minLength.value_or(0), 1);
    }
    if (canGenerate(type)) return true;
    return p.example && type.kind != TypeKind::Object && violations(type, *p.example).empty();
}

bool SampleGenerator::generatable(const TypeSpec& type, std::vector<std::string>& visiting) {
    if (type.nullable) return true;  // null, at worst
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
            if (c.uniqueItems && minItems > distinctValues(*type.items)) return false;
            return minItems <= 0 || generatable(*type.items, visiting);
        }
        case TypeKind::Map:
        case TypeKind::Literal:
        case TypeKind::Any:
            return true;  // a map may be empty
        case TypeKind::Union:
            if (type.discriminator) {
                for (const model::DiscriminatorTag& tag : model::discriminatorTags(*project_, type)) {
                    if (generatable(type.variants[tag.variant], visiting)) return true;
                }
                return false;
            }
            return std::any_of(type.variants.begin(), type.variants.end(),
                               [&](const TypeSpec& variant) { return generatable(variant, visiting); });
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
    if (type.nullable && value.is_null()) return out;
    const Constraints& c = type.constraints;
    switch (type.kind) {
        case TypeKind::String: {
            // byte and binary are Pydantic bytes: lengths in bytes, their own error types.
            const bool bytes = c.format == StringFormat::Byte || c.format == StringFormat::Binary;
            if (!value.is_string()) return {bytes ? "bytes_type" : "string_type"};
            const auto& s = value.get_ref<const std::string&>();
            const std::int64_t length = bytes ? static_cast<std::int64_t>(s.size()) : codePoints(s);
            if (c.minLength && length < *c.minLength)
                out.emplace_back(bytes ? "bytes_too_short" : "string_too_short");
            if (c.maxLength && length > *c.maxLength)
                out.emplace_back(bytes ? "bytes_too_long" : "string_too_long");
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
            if (c.uniqueItems && hasDuplicateItem(value)) out.emplace_back("set_type");
            if (!type.items || !checkItems) return out;
            for (const Json& item : value) {
                std::vector<std::string> inner = violations(*type.items, item);
                out.insert(out.end(), inner.begin(), inner.end());
            }
            return out;
        }
        case TypeKind::Object:
            return {"unchecked"};
        case TypeKind::Map: {
            if (!value.is_object()) return {"dict_type"};
            if (!type.items || !checkItems) return out;
            for (const auto& [key, item] : value.items()) {
                std::vector<std::string> inner = violations(*type.items, item);
                out.insert(out.end(), inner.begin(), inner.end());
            }
            return out;
        }
        case TypeKind::Literal:
            if (!literalEquals(type.literalValue(), value)) return {"literal_error"};
            return out;
        case TypeKind::Any:
            return out;
        case TypeKind::Union:
            // Valid when some variant surely takes it; which errors a failing value gets
            // depends on every variant, so those are not predicted here.
            for (const TypeSpec& variant : type.variants) {
                if (violations(variant, value).empty()) return out;
            }
            return {"unchecked"};
    }
    return {"unchecked"};
}

std::string parameterText(const Json& value) {
    if (value.is_string()) return value.get<std::string>();
    return value.dump();
}

}  // namespace loadstar::schema
