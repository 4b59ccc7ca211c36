#include "engine/schema/sample_invalid_variant_builder.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "engine/model/discriminator.h"
#include "engine/schema/sample_format.h"
#include "engine/schema/sample_generator.h"
#include "engine/schema/string_generator.h"

namespace loadstar::schema {

using model::Constraints;
using model::StringFormat;
using model::TypeKind;
using model::TypeSpec;

namespace {

// Lengths and counts beyond these are not worth a variant: the body would be huge.
constexpr std::int64_t kMaxBrokenLength = 1'000'000;
constexpr std::int64_t kMaxBrokenItems = 10'000;
constexpr double kExactIntegers = 9007199254740992.0;  // 2^53

std::string number(double v) {
    if (std::floor(v) == v && std::abs(v) < 1e15) return std::to_string(static_cast<std::int64_t>(v));
    return Json(v).dump();
}

Json appended(const Json& path, const Json& step) {
    Json out = path;
    out.push_back(step);
    return out;
}

std::string shown(std::string_view s) {
    constexpr std::size_t kShown = 40;
    if (s.size() <= kShown) return "'" + std::string(s) + "'";
    return "'" + std::string(s.substr(0, kShown)) + "...'";
}

// Text values must survive the trip: not empty, no edge whitespace an HTTP parser would trim.
bool travelsAsText(const Json& value) {
    if (!value.is_string()) return true;
    const auto& s = value.get_ref<const std::string&>();
    if (s.empty()) return false;
    const auto space = [](char c) { return c == ' ' || c == '\t'; };
    return !space(s.front()) && !space(s.back());
}

}  // namespace

std::vector<Violation> InvalidVariantBuilder::violations(const TypeSpec& type, const Json& valid,
                                                         ValueChannel channel) {
    std::vector<Violation> out;
    walk(type, valid, channel, Json::array(), out);
    return out;
}

bool InvalidVariantBuilder::keep(const TypeSpec& type, const Json& candidate, const std::string& errorType,
                                 ValueChannel channel, const Json& path, std::string detail,
                                 std::vector<Violation>& out) {
    if (channel == ValueChannel::Text && !travelsAsText(candidate)) return false;
    // An array candidate keeps items from the valid sample or fresh valid ones, so
    // only its own constraints need checking (items that are models cannot be checked here).
    if (gen_.violations(type, candidate, false) != std::vector<std::string>{errorType}) return false;
    out.push_back(Violation{path, candidate, errorType, std::move(detail), std::nullopt});
    return true;
}

void InvalidVariantBuilder::walk(const TypeSpec& type, const Json& valid, ValueChannel channel,
                                 const Json& path, std::vector<Violation>& out) {
    switch (type.kind) {
        case TypeKind::String:
            stringViolations(type, channel, path, out);
            return;
        case TypeKind::Integer:
            out.push_back(
                Violation{path, Json("abc"), "int_parsing", "'abc' is not an integer", std::nullopt});
            numberViolations(type, valid, path, out);
            return;
        case TypeKind::Number:
            out.push_back(
                Violation{path, Json("abc"), "float_parsing", "'abc' is not a number", std::nullopt});
            numberViolations(type, valid, path, out);
            return;
        case TypeKind::Boolean:
            out.push_back(
                Violation{path, Json("maybe"), "bool_parsing", "'maybe' is not a boolean", std::nullopt});
            return;
        case TypeKind::Enum:
            enumViolation(type, channel, path, out);
            return;
        case TypeKind::Array:
            arrayViolations(type, valid, channel, path, out);
            return;
        case TypeKind::Object:
            if (channel == ValueChannel::Body) objectViolations(type, valid, path, out);
            return;
        case TypeKind::Map:
            mapViolations(type, valid, channel, path, out);
            return;
        case TypeKind::Literal:
            literalViolation(type, channel, path, out);
            return;
        case TypeKind::Union:
            // An untagged union reports every variant's errors, so no single error
            // can be predicted; a tagged one reports the chosen variant's.
            if (type.discriminator && channel == ValueChannel::Body)
                taggedUnionViolations(type, valid, path, out);
            return;
        case TypeKind::Any:
            return;  // every value is valid
    }
}

void InvalidVariantBuilder::stringViolations(const TypeSpec& type, ValueChannel channel, const Json& path,
                                             std::vector<Violation>& out) {
    const Constraints& c = type.constraints;
    // Numbers given to uuid, date, date-time, time and IP address fields are read as
    // integers, timestamps or seconds by Pydantic and to uri fields fail with
    // url_type: a plain wrong type is only predictable for plain strings, emails and
    // hostnames (string_type) and bytes (bytes_type).
    if (channel == ValueChannel::Body && (c.format == StringFormat::None || c.format == StringFormat::Email ||
                                          c.format == StringFormat::Hostname)) {
        out.push_back(
            Violation{path, Json(12345), "string_type", "a number instead of a string", std::nullopt});
    }
    if (channel == ValueChannel::Body &&
        (c.format == StringFormat::Byte || c.format == StringFormat::Binary)) {
        out.push_back(Violation{path, Json(12345), "bytes_type", "a number instead of bytes", std::nullopt});
    }
    const bool bytes = c.format == StringFormat::Byte || c.format == StringFormat::Binary;
    if (c.minLength && *c.minLength >= 1 && *c.minLength <= kMaxBrokenLength) {
        if (std::optional<std::string> s = gen_.stringOfLength(c, *c.minLength - 1)) {
            keep(type, Json(*s), bytes ? "bytes_too_short" : "string_too_short", channel, path,
                 std::to_string(s->size()) + " characters, below min_length " + std::to_string(*c.minLength),
                 out);
        }
    }
    if (c.maxLength && *c.maxLength >= 0 && *c.maxLength < kMaxBrokenLength) {
        if (std::optional<std::string> s = gen_.stringOfLength(c, *c.maxLength + 1)) {
            keep(type, Json(*s), bytes ? "bytes_too_long" : "string_too_long", channel, path,
                 std::to_string(s->size()) + " characters, above max_length " + std::to_string(*c.maxLength),
                 out);
        }
    }
    const std::int64_t lo = std::max<std::int64_t>(c.minLength.value_or(0), 0);
    const std::int64_t hi = c.maxLength.value_or(lo + 16);
    const StringGenerator& pattern = gen_.patternGenerator(c.pattern);
    Random& rng = gen_.random();
    if (c.pattern) {
        const std::string detail = " does not match pattern " + *c.pattern;
        const std::string errorType = "string_pattern_mismatch";
        if (c.format == StringFormat::None) {
            std::vector<Violation> found;
            pattern.mismatch(lo, hi, [&](std::string_view s) {
                return keep(type, Json(std::string(s)), errorType, channel, path, shown(s) + detail, found);
            });
            if (!found.empty()) out.push_back(std::move(found.front()));
        } else {
            for (int i = 0; i < 16; ++i) {
                std::optional<std::string> s = formatSample(c.format, rng, lo, hi);
                if (s && keep(type, Json(*s), errorType, channel, path, shown(*s) + detail, out)) break;
            }
        }
    }
    if (c.format != StringFormat::None && *formatErrorType(c.format) != '\0') {
        const std::string errorType = formatErrorType(c.format);
        const std::string detail = std::string(" is not a valid ") + model::toString(c.format);
        std::vector<std::string> candidates;
        // Letters only: no '@', ':', digits or hex run, so every format refuses it
        // (a hostname refuses the leading hyphen).
        std::string plain = c.format == StringFormat::Hostname ? "-invalid" : "invalid";
        plain.resize(static_cast<std::size_t>(std::clamp<std::int64_t>(7, lo, std::max(lo, hi))), 'x');
        candidates.push_back(plain);
        for (int i = 0; i < 16 && c.pattern; ++i) {
            if (std::optional<std::string> s = pattern.generate(rng, lo, hi, 16)) candidates.push_back(*s);
        }
        for (const std::string& s : candidates) {
            if (keep(type, Json(s), errorType, channel, path, shown(s) + detail, out)) break;
        }
    }
}

void InvalidVariantBuilder::numberViolations(const TypeSpec& type, const Json& valid, const Json& path,
                                             std::vector<Violation>& out) {
    const Constraints& c = type.constraints;
    const bool integer = type.kind == TypeKind::Integer;
    const double step = c.multipleOf && *c.multipleOf > 0 ? *c.multipleOf : (integer ? 1.0 : 0.0);
    const auto below = [&](double x) { return step > 0 ? std::floor(x / step) * step : x; };
    const auto above = [&](double x) { return step > 0 ? std::ceil(x / step) * step : x; };
    const auto tryValues = [&](std::initializer_list<double> values, const char* errorType,
                               const std::string& because) {
        for (const double v : values) {
            if (!std::isfinite(v) || (integer && std::abs(v) > kExactIntegers)) continue;
            const double tidy = std::round(v * 1e6) / 1e6;
            for (const double candidate : {tidy, v}) {
                const Json value = integer ? Json(static_cast<std::int64_t>(candidate)) : Json(candidate);
                if (keep(type, value, errorType, ValueChannel::Body, path, number(candidate) + because, out))
                    return;
            }
        }
    };
    // Integers and stepped numbers step to the nearest multiple past the bound; free
    // numbers step a whole unit past it, which reads better than the adjacent double.
    const double unit = step > 0 ? step : 1.0;
    const bool stepped = integer || step > 0;
    if (c.ge) {
        const double v =
            stepped ? below(integer ? std::ceil(*c.ge) - 1 : std::nextafter(*c.ge, -INFINITY)) : *c.ge - 1;
        tryValues({v, v - unit, std::nextafter(*c.ge, -INFINITY)}, "greater_than_equal",
                  ", below ge " + number(*c.ge));
    }
    if (c.gt) {
        const double v = below(integer ? std::floor(*c.gt) : *c.gt);
        tryValues({v, v - unit}, "greater_than", ", not above gt " + number(*c.gt));
    }
    if (c.le) {
        const double v =
            stepped ? above(integer ? std::floor(*c.le) + 1 : std::nextafter(*c.le, INFINITY)) : *c.le + 1;
        tryValues({v, v + unit, std::nextafter(*c.le, INFINITY)}, "less_than_equal",
                  ", above le " + number(*c.le));
    }
    if (c.lt) {
        const double v = above(integer ? std::ceil(*c.lt) : *c.lt);
        tryValues({v, v + unit}, "less_than", ", not below lt " + number(*c.lt));
    }
    if (c.multipleOf && *c.multipleOf > 0 && valid.is_number()) {
        const double v = valid.get<double>();
        const double half = integer ? 1.0 : *c.multipleOf / 2;
        tryValues({v + half, v - half}, "multiple_of", " is not a multiple of " + number(*c.multipleOf));
    }
}

void InvalidVariantBuilder::enumViolation(const TypeSpec& type, ValueChannel channel, const Json& path,
                                          std::vector<Violation>& out) {
    const auto member = [&](const Json& v) {
        return std::any_of(type.enumValues.begin(), type.enumValues.end(),
                           [&](const Json& e) { return e == v || parameterText(e) == parameterText(v); });
    };
    const bool integers = !type.enumValues.empty() && type.enumValues.front().is_number_integer();
    Json candidate;
    if (integers && channel == ValueChannel::Body) {
        std::int64_t highest = 0;
        for (const Json& e : type.enumValues) {
            if (e.is_number_integer()) highest = std::max(highest, e.get<std::int64_t>());
        }
        candidate = highest + 1;
    } else {
        std::string text = "invalid_choice";
        for (int i = 2; member(Json(text)); ++i)
            text = "invalid_choice_" + std::to_string(i);
        candidate = text;
    }
    keep(type, candidate, "enum", channel, path, parameterText(candidate) + " is not one of the enum values",
         out);
}

void InvalidVariantBuilder::mapViolations(const TypeSpec& type, const Json& valid, ValueChannel channel,
                                          const Json& path, std::vector<Violation>& out) {
    if (channel != ValueChannel::Body) return;
    out.push_back(Violation{path, Json(42), "dict_type", "a number instead of an object", std::nullopt});
    if (!type.items || !valid.is_object() || valid.empty()) return;
    const auto first = valid.begin();
    walk(*type.items, first.value(), channel, appended(path, first.key()), out);
}

void InvalidVariantBuilder::literalViolation(const TypeSpec& type, ValueChannel channel, const Json& path,
                                             std::vector<Violation>& out) {
    const Json& expected = type.literalValue();
    Json candidate;
    if (expected.is_string()) {
        candidate = expected.get<std::string>() + "_other";
    } else if (expected.is_boolean()) {
        candidate = !expected.get<bool>();
    } else if (expected.is_number_integer()) {
        candidate = expected.get<std::int64_t>() + 1;
    } else if (expected.is_number()) {
        candidate = expected.get<double>() + 1;
    } else {
        candidate = "not_null";
    }
    // Text travels as a string, so only a string literal can be missed by a string.
    if (channel == ValueChannel::Text && !candidate.is_string()) return;
    keep(type, candidate, "literal_error", channel, path,
         parameterText(candidate) + " is not the literal " + expected.dump(), out);
}

// A tagged union: the tag left out or unknown (the union's own errors), and every
// violation of the variant the valid value's tag chose, reported under the tag.
void InvalidVariantBuilder::taggedUnionViolations(const TypeSpec& type, const Json& valid, const Json& path,
                                                  std::vector<Violation>& out) {
    out.push_back(
        Violation{path, Json(42), "model_attributes_type", "a number instead of an object", std::nullopt});
    const std::string& property = type.discriminator->property;
    if (!valid.is_object() || !valid.contains(property) || !valid.at(property).is_string()) return;
    const std::string tag = valid.at(property).get<std::string>();
    const Json tagPath = appended(path, property);
    out.push_back(
        Violation{tagPath, std::nullopt, "union_tag_not_found", "the tag " + property + " left out", path});
    out.push_back(Violation{tagPath, Json("no_such_" + tag), "union_tag_invalid",
                            "'no_such_" + tag + "' is not one of the tags", path});
    const std::vector<model::DiscriminatorTag> tags = model::discriminatorTags(gen_.project(), type);
    const auto chosen = std::find_if(tags.begin(), tags.end(), [&](const auto& t) { return t.tag == tag; });
    if (chosen == tags.end()) return;
    std::vector<Violation> inner;
    objectViolations(type.variants[chosen->variant], valid, path, inner);
    const std::size_t depth = path.size();
    for (Violation& v : inner) {
        // The variant's own wrong-type value and anything done to the tag are the
        // union's errors, covered above.
        if (v.path == path || (v.path.size() > depth && v.path[depth] == Json(property))) continue;
        Json loc = v.errorPath();
        loc.insert(loc.begin() + static_cast<std::ptrdiff_t>(depth), Json(tag));
        v.loc = std::move(loc);
        out.push_back(std::move(v));
    }
}

void InvalidVariantBuilder::arrayViolations(const TypeSpec& type, const Json& valid, ValueChannel channel,
                                            const Json& path, std::vector<Violation>& out) {
    const Constraints& c = type.constraints;
    if (channel == ValueChannel::Body) {
        out.push_back(Violation{path, Json(42), "list_type", "a number instead of a list", std::nullopt});
    }
    if (!valid.is_array() || !type.items) return;
    // A query list with no items is the same as an absent parameter, so a text
    // list must keep at least one item to be too short.
    const std::int64_t fewest = channel == ValueChannel::Text ? 1 : 0;
    if (c.minItems && *c.minItems - 1 >= fewest && static_cast<std::int64_t>(valid.size()) >= *c.minItems) {
        Json shorter = valid;
        shorter.erase(shorter.begin() + static_cast<std::ptrdiff_t>(*c.minItems - 1), shorter.end());
        keep(type, shorter, "too_short", channel, path,
             std::to_string(shorter.size()) + " items, below min_items " + std::to_string(*c.minItems), out);
    }
    if (c.uniqueItems && !valid.empty() &&
        (!c.maxItems || static_cast<std::int64_t>(valid.size()) < *c.maxItems)) {
        Json repeated = valid;
        repeated.push_back(valid.front());
        keep(type, repeated, "set_type", channel, path, "the first item twice, but the items must be unique",
             out);
    }
    if (c.maxItems && *c.maxItems >= 0 && *c.maxItems < kMaxBrokenItems) {
        Json longer = valid;
        while (static_cast<std::int64_t>(longer.size()) <= *c.maxItems)
            longer.push_back(gen_.value(*type.items));
        keep(type, longer, "too_long", channel, path,
             std::to_string(longer.size()) + " items, above max_items " + std::to_string(*c.maxItems), out);
    }
    if (!valid.empty()) walk(*type.items, valid.front(), channel, appended(path, 0), out);
}

void InvalidVariantBuilder::objectViolations(const TypeSpec& type, const Json& valid, const Json& path,
                                             std::vector<Violation>& out) {
    out.push_back(
        Violation{path, Json(42), "model_attributes_type", "a number instead of an object", std::nullopt});
    const model::Model* m = gen_.project().model(type.modelRef);
    if (!m || !valid.is_object()) return;
    for (const model::Field& field : m->fields) {
        if (field.required && valid.contains(field.name)) {
            out.push_back(Violation{appended(path, field.name), std::nullopt, "missing",
                                    "required field left out", std::nullopt});
        }
    }
    if (m->extra == model::ExtraFields::Forbid) {
        std::string key = "unexpected_field";
        for (int i = 2; m->field(key) != nullptr; ++i)
            key = "unexpected_field_" + std::to_string(i);
        out.push_back(Violation{appended(path, key), Json("surprise"), "extra_forbidden",
                                "unknown key, and model " + m->name + " forbids extra fields", std::nullopt});
    }
    for (const model::Field& field : m->fields) {
        if (valid.contains(field.name)) {
            walk(field.type, valid.at(field.name), ValueChannel::Body, appended(path, field.name), out);
        }
    }
}

SampleOptions invalidVariantBaseOptions() {
    SampleOptions options;
    options.allOptionalFields = true;
    options.nonEmptyArrays = true;
    options.itemSpread = 0;
    return options;
}

Json applyViolation(Json base, const Violation& violation) {
    if (violation.path.empty()) return violation.replacement.value_or(Json());
    Json* parent = &base;
    for (std::size_t i = 0; i + 1 < violation.path.size(); ++i) {
        const Json& step = violation.path[i];
        parent = step.is_string() ? &(*parent)[step.get<std::string>()] : &(*parent)[step.get<std::size_t>()];
    }
    const Json& last = violation.path.back();
    if (!violation.replacement) {
        if (parent->is_object() && last.is_string()) parent->erase(last.get<std::string>());
        return base;
    }
    if (last.is_string()) {
        (*parent)[last.get<std::string>()] = *violation.replacement;
    } else {
        (*parent)[last.get<std::size_t>()] = *violation.replacement;
    }
    return base;
}

std::string describeLocation(const Json& path, std::string_view root) {
    if (path.empty()) return std::string(root);
    std::string out;
    for (const Json& step : path) {
        if (step.is_string()) {
            if (!out.empty()) out += '.';
            out += step.get<std::string>();
        } else {
            if (out.empty()) out = root;
            out += "[" + std::to_string(step.get<std::size_t>()) + "]";
        }
    }
    return out;
}

std::vector<InvalidVariant> invalidBodyVariants(const model::Project& project, const TypeSpec& bodyType,
                                                std::uint64_t seed) {
    // The generator lives only inside this call, so it may borrow the project.
    SampleGenerator gen(
        std::shared_ptr<const model::Project>(std::shared_ptr<const model::Project>(), &project), seed,
        invalidVariantBaseOptions());
    const Json valid = gen.value(bodyType);
    std::vector<InvalidVariant> variants;
    for (const Violation& v : InvalidVariantBuilder(gen).violations(bodyType, valid, ValueChannel::Body)) {
        Json loc = Json::array({"body"});
        for (const Json& step : v.errorPath())
            loc.push_back(step);
        variants.push_back(InvalidVariant{describeLocation(v.path, "body") + ": " + v.detail,
                                          applyViolation(valid, v),
                                          ExpectedError{v.errorType, std::move(loc)}});
    }
    return variants;
}

}  // namespace loadstar::schema
