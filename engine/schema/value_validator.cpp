#include "engine/schema/value_validator.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_set>

#include <re2/re2.h>

#include "engine/schema/address_formats.h"
#include "engine/schema/ascii_text.h"
#include "engine/schema/base64_text.h"
#include "engine/schema/pydantic_errors.h"
#include "engine/schema/string_formats.h"
#include "engine/schema/utf8_text.h"

namespace loadstar::schema {

using model::TypeKind;

namespace {

std::optional<Json> parseIntegerText(std::string_view raw, bool& tooBig) {
    std::string_view s = trimWhitespace(raw);
    // Pydantic accepts "1.0", "1.00" for integers (zeros after the point only).
    if (const std::size_t dot = s.find('.'); dot != std::string_view::npos) {
        const std::string_view fraction = s.substr(dot + 1);
        if (fraction.find_first_not_of('0') != std::string_view::npos) return std::nullopt;
        s = s.substr(0, dot);
    }
    bool negative = false;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    if (s.empty() || s.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    std::uint64_t magnitude = 0;
    const auto result = std::from_chars(s.data(), s.data() + s.size(), magnitude);
    if (result.ec != std::errc{}) {
        tooBig = true;
        return std::nullopt;
    }
    constexpr auto kMaxPositive = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (!negative) {
        if (magnitude <= kMaxPositive) return Json(static_cast<std::int64_t>(magnitude));
        return Json(magnitude);
    }
    if (magnitude <= kMaxPositive) return Json(-static_cast<std::int64_t>(magnitude));
    if (magnitude == kMaxPositive + 1) return Json(std::numeric_limits<std::int64_t>::min());
    tooBig = true;
    return std::nullopt;
}

std::optional<double> parseNumberText(std::string_view raw) {
    std::string_view s = trimWhitespace(raw);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    // Only decimal notation: from_chars would also take "inf", "nan" and hex,
    // which a JSON response could not carry back.
    std::size_t i = 0;
    if (i < s.size() && s[i] == '-') ++i;
    std::size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
        ++i, ++digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i, ++digits;
    }
    if (digits == 0) return std::nullopt;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        std::size_t exponentDigits = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i, ++exponentDigits;
        if (exponentDigits == 0) return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    double value = 0;
    const auto result = std::from_chars(s.data(), s.data() + s.size(), value);
    if (result.ec != std::errc{} || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<bool> parseBoolText(std::string_view s) {
    for (const std::string_view yes : {"1", "on", "t", "true", "y", "yes"}) {
        if (equalsIgnoreCase(s, yes)) return true;
    }
    for (const std::string_view no : {"0", "off", "f", "false", "n", "no"}) {
        if (equalsIgnoreCase(s, no)) return false;
    }
    return std::nullopt;
}

// Bounds in pydantic-core's order: multiple_of, le, lt, ge, gt; one error per value.
std::optional<ValidationError> boundsProblem(const model::Constraints& c, double number, bool integral,
                                             const Json& input, const ErrorLocation& loc) {
    if (c.multipleOf && *c.multipleOf != 0) {
        const double m = *c.multipleOf;
        bool ok = true;
        if (integral && std::trunc(m) == m && std::fabs(number) < 9.0e15 && std::fabs(m) < 9.0e15) {
            ok = static_cast<std::int64_t>(number) % static_cast<std::int64_t>(m) == 0;
        } else {
            // pydantic-core's float tolerance: a remainder within |x|/1e9 of 0 or of m.
            const double remainder = std::fmod(number, m);
            const double threshold = std::fabs(number) / 1e9;
            ok = std::fabs(remainder) <= threshold || std::fabs(remainder - m) <= threshold;
        }
        if (!ok) return pydantic::multipleOf(loc.get(), input, m);
    }
    if (c.le && !(number <= *c.le)) return pydantic::lessThanEqual(loc.get(), input, *c.le);
    if (c.lt && !(number < *c.lt)) return pydantic::lessThan(loc.get(), input, *c.lt);
    if (c.ge && !(number >= *c.ge)) return pydantic::greaterThanEqual(loc.get(), input, *c.ge);
    if (c.gt && !(number > *c.gt)) return pydantic::greaterThan(loc.get(), input, *c.gt);
    return std::nullopt;
}

// Items compare as JSON values (objects regardless of key order), after coercion.
bool hasDuplicate(const Json::array_t& items) {
    std::unordered_set<std::string> seen;
    seen.reserve(items.size());
    for (const Json& item : items) {
        const nlohmann::json sorted = nlohmann::json::parse(item.dump());  // keys sorted
        if (!seen.insert(sorted.dump()).second) return true;
    }
    return false;
}

// Literal[...] as pydantic-core matches it: a bool only equals a bool, an int
// literal only an int (not 1.0), a string only a string.
bool literalMatches(const Json& expected, const Json& value) {
    if (expected.is_boolean() || value.is_boolean())
        return expected.is_boolean() && value.is_boolean() && expected == value;
    if (expected.is_number_integer()) return value.is_number_integer() && expected == value;
    if (expected.is_number_float()) return value.is_number() && expected.get<double>() == value.get<double>();
    return expected == value;
}

// How well a union variant matched, as pydantic-core's smart mode ranks it: a model
// that set more fields wins; otherwise an exact match (the value kept its JSON type
// and value) beats a coerced one; ties go to the earlier variant.
struct UnionMatch {
    Json value;
    bool exact = false;
    std::optional<std::size_t> fieldsSet;

    bool betterThan(const UnionMatch& other) const {
        if (fieldsSet && other.fieldsSet && *fieldsSet != *other.fieldsSet)
            return *fieldsSet > *other.fieldsSet;
        return exact && !other.exact;
    }
};

std::optional<std::size_t> fieldsSetBy(const CompiledType& type, const Json& input) {
    if (type.kind != TypeKind::Object || !type.model || !input.is_object()) return std::nullopt;
    std::size_t count = 0;
    for (const CompiledField& field : type.model->fields) {
        if (input.contains(field.field->name)) ++count;
    }
    return count;
}

}  // namespace

Json ValueValidator::validate(const CompiledType& type, const Json& value, ErrorLocation& loc) {
    // Optional[X]: null is a value of its own; anything else is X's to judge.
    if (type.nullable && value.is_null()) return value;
    switch (type.kind) {
        case TypeKind::String:
            return validateString(type, value, loc);
        case TypeKind::Integer:
            return validateInteger(type, value, loc);
        case TypeKind::Number:
            return validateNumber(type, value, loc);
        case TypeKind::Boolean:
            return validateBoolean(value, loc);
        case TypeKind::Enum:
            return validateEnum(type, value, loc);
        case TypeKind::Array:
            return validateArray(type, value, loc);
        case TypeKind::Object:
            return validateObject(type, value, loc);
        case TypeKind::Map:
            return validateMap(type, value, loc);
        case TypeKind::Union:
            return validateUnion(type, value, loc);
        case TypeKind::Literal:
            return validateLiteral(type, value, loc);
        case TypeKind::Any:
            return value;
    }
    return Json();
}

Json ValueValidator::fail(ValidationError error) {
    errors_.push_back(std::move(error));
    return Json();
}

namespace {

bool isBytesFormat(model::StringFormat format) {
    return format == model::StringFormat::Byte || format == model::StringFormat::Binary;
}

// The error for a value that is not a string, as the format's Pydantic type words it.
ValidationError notAString(model::StringFormat format, const Json& loc, const Json& value) {
    switch (format) {
        case model::StringFormat::Uuid:
            return pydantic::uuidType(loc, value);
        case model::StringFormat::DateTime:
            return pydantic::datetimeType(loc, value);
        case model::StringFormat::Date:
            return pydantic::dateType(loc, value);
        case model::StringFormat::Time:
            return pydantic::timeType(loc, value);
        case model::StringFormat::Uri:
            return pydantic::urlType(loc, value);
        case model::StringFormat::Ipv4:
            return pydantic::ipv4Address(loc, value);
        case model::StringFormat::Ipv6:
            return pydantic::ipv6Address(loc, value);
        case model::StringFormat::Byte:
        case model::StringFormat::Binary:
            return pydantic::bytesType(loc, value);
        case model::StringFormat::None:
        case model::StringFormat::Email:
        case model::StringFormat::Hostname:
            break;
    }
    return pydantic::stringType(loc, value);
}

}  // namespace

Json ValueValidator::validateString(const CompiledType& type, const Json& value, ErrorLocation& loc) {
    const model::Constraints& c = *type.constraints;
    if (!value.is_string()) return fail(notAString(c.format, loc.get(), value));
    const auto& text = value.get_ref<const std::string&>();
    if (c.minLength || c.maxLength) {
        // bytes count bytes (of the UTF-8 text), str counts characters.
        const bool bytes = isBytesFormat(c.format);
        const auto length = static_cast<std::int64_t>(bytes ? text.size() : codePointCount(text));
        if (c.minLength && length < *c.minLength) {
            return fail(bytes ? pydantic::bytesTooShort(loc.get(), value, *c.minLength)
                              : pydantic::stringTooShort(loc.get(), value, *c.minLength));
        }
        if (c.maxLength && length > *c.maxLength) {
            return fail(bytes ? pydantic::bytesTooLong(loc.get(), value, *c.maxLength)
                              : pydantic::stringTooLong(loc.get(), value, *c.maxLength));
        }
    }
    if (c.pattern) {
        if (!type.pattern)
            return fail(pydantic::patternInvalid(loc.get(), value, *c.pattern, type.patternError));
        if (!re2::RE2::PartialMatch(text, *type.pattern)) {
            return fail(pydantic::stringPatternMismatch(loc.get(), value, *c.pattern));
        }
    }
    return stringFormatProblem(type, value, loc);
}

// The format check of a string that passed its lengths and pattern; the value as a
// handler receives it (uuids canonical, a midnight date-time given for a date that date).
Json ValueValidator::stringFormatProblem(const CompiledType& type, const Json& value, ErrorLocation& loc) {
    const auto& text = value.get_ref<const std::string&>();
    switch (type.constraints->format) {
        case model::StringFormat::None:
        case model::StringFormat::Binary:
            break;
        case model::StringFormat::Email:
            if (auto reason = emailProblem(text))
                return fail(pydantic::emailInvalid(loc.get(), value, *reason));
            break;
        case model::StringFormat::Uuid:
            if (isCanonicalUuid(text)) break;
            if (auto error = uuidProblem(text)) return fail(pydantic::uuidParsing(loc.get(), value, *error));
            return Json(canonicalUuid(text));
        case model::StringFormat::DateTime:
            if (auto problem = dateTimeProblem(text)) {
                if (problem->part == TemporalProblem::Part::Date) {
                    return fail(pydantic::datetimeFromDateParsing(loc.get(), value, problem->error));
                }
                return fail(pydantic::datetimeParsing(loc.get(), value, problem->error));
            }
            break;
        case model::StringFormat::Date:
            if (auto problem = dateProblem(text)) {
                if (problem->part == TemporalProblem::Part::NonZeroTime) {
                    return fail(pydantic::dateFromDatetimeInexact(loc.get(), value));
                }
                return fail(pydantic::dateFromDatetimeParsing(loc.get(), value, problem->error));
            }
            if (text.size() > 10) return Json(text.substr(0, 10));  // a midnight date-time is that date
            break;
        case model::StringFormat::Time:
            if (auto error = timeProblem(text)) return fail(pydantic::timeParsing(loc.get(), value, *error));
            break;
        case model::StringFormat::Uri:
            if (auto error = uriProblem(text)) return fail(pydantic::urlParsing(loc.get(), value, *error));
            break;
        case model::StringFormat::Ipv4:
            if (ipv4Problem(text)) return fail(pydantic::ipv4Address(loc.get(), value));
            break;
        case model::StringFormat::Ipv6:
            if (ipv6Problem(text)) return fail(pydantic::ipv6Address(loc.get(), value));
            break;
        case model::StringFormat::Hostname:
            if (auto reason = hostnameProblem(text))
                return fail(pydantic::valueError(loc.get(), value, *reason));
            break;
        case model::StringFormat::Byte:
            if (auto error = base64Problem(text))
                return fail(pydantic::base64Decode(loc.get(), value, *error));
            break;
    }
    return value;
}

Json ValueValidator::validateInteger(const CompiledType& type, const Json& value, ErrorLocation& loc) {
    Json result;
    if (value.is_number_integer()) {
        result = value;
    } else if (value.is_boolean()) {
        result = value.get<bool>() ? 1 : 0;
    } else if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::trunc(d) != d) return fail(pydantic::intFromFloat(loc.get(), value));
        if (std::fabs(d) < 9.2e18) {
            result = static_cast<std::int64_t>(d);
        } else {
            result = d;  // beyond 64 bits: kept as the number it is
        }
    } else if (value.is_string()) {
        bool tooBig = false;
        auto parsed = parseIntegerText(value.get_ref<const std::string&>(), tooBig);
        if (!parsed) {
            return fail(tooBig ? pydantic::intParsingSize(loc.get(), value)
                               : pydantic::intParsing(loc.get(), value));
        }
        result = std::move(*parsed);
    } else {
        return fail(pydantic::intType(loc.get(), value));
    }
    if (auto problem = boundsProblem(*type.constraints, result.get<double>(), true, value, loc)) {
        return fail(std::move(*problem));
    }
    return result;
}

Json ValueValidator::validateNumber(const CompiledType& type, const Json& value, ErrorLocation& loc) {
    double number = 0;
    if (value.is_number()) {
        number = value.get<double>();
    } else if (value.is_boolean()) {
        number = value.get<bool>() ? 1.0 : 0.0;
    } else if (value.is_string()) {
        const auto parsed = parseNumberText(value.get_ref<const std::string&>());
        if (!parsed) return fail(pydantic::floatParsing(loc.get(), value));
        number = *parsed;
    } else {
        return fail(pydantic::floatType(loc.get(), value));
    }
    if (auto problem = boundsProblem(*type.constraints, number, false, value, loc)) {
        return fail(std::move(*problem));
    }
    return Json(number);
}

Json ValueValidator::validateBoolean(const Json& value, ErrorLocation& loc) {
    if (value.is_boolean()) return value;
    if (value.is_number()) {
        const double d = value.get<double>();
        if (d == 0.0) return Json(false);
        if (d == 1.0) return Json(true);
        return fail(pydantic::boolParsing(loc.get(), value));
    }
    if (value.is_string()) {
        if (const auto parsed = parseBoolText(value.get_ref<const std::string&>())) return Json(*parsed);
        return fail(pydantic::boolParsing(loc.get(), value));
    }
    return fail(pydantic::boolType(loc.get(), value));
}

Json ValueValidator::validateEnum(const CompiledType& type, const Json& value, ErrorLocation& loc) {
    for (const Json& member : *type.enumValues) {
        if (member == value && member.is_boolean() == value.is_boolean()) return member;
    }
    // An integer enum takes "2" as 2 in lax mode (query and path values are text).
    if (type.enumAllIntegers && value.is_string()) {
        bool tooBig = false;
        if (const auto parsed = parseIntegerText(value.get_ref<const std::string&>(), tooBig)) {
            for (const Json& member : *type.enumValues) {
                if (member == *parsed) return member;
            }
        }
    }
    return fail(pydantic::enumMismatch(loc.get(), value, type.enumExpected));
}

Json ValueValidator::validateArray(const CompiledType& type, const Json& value, ErrorLocation& loc) {
    if (!value.is_array()) return fail(pydantic::listType(loc.get(), value));
    const model::Constraints& c = *type.constraints;
    const std::size_t count = value.size();
    // pydantic-core stops at the first item beyond max_length and reports only that.
    if (c.maxItems && static_cast<std::int64_t>(count) > *c.maxItems) {
        return fail(pydantic::listTooLong(loc.get(), value, *c.maxItems, count));
    }
    const std::size_t errorsBefore = errors_.size();
    Json out = Json::array();
    auto& items = out.get_ref<Json::array_t&>();
    items.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        if (!type.items) {
            items.push_back(value[i]);
            continue;
        }
        loc.push(i);
        items.push_back(validate(*type.items, value[i], loc));
        loc.pop();
    }
    if (errors_.size() != errorsBefore) return Json();
    if (c.uniqueItems && hasDuplicate(items)) return fail(pydantic::uniqueItems(loc.get(), value));
    if (c.minItems && static_cast<std::int64_t>(count) < *c.minItems) {
        return fail(pydantic::listTooShort(loc.get(), value, *c.minItems, count));
    }
    return out;
}

Json ValueValidator::validateObject(const CompiledType& type, const Json& value, ErrorLocation& loc) {
    // FastAPI validates with from_attributes, hence this type rather than dict_type.
    if (!value.is_object()) return fail(pydantic::modelAttributesType(loc.get(), value));
    if (!type.model) return value;  // unknown reference: the design check reports it
    const CompiledModel& compiled = *type.model;
    const std::size_t errorsBefore = errors_.size();
    Json out = Json::object();
    // Names are unique, so entries go straight into ordered_map's vector
    // instead of through its linear key search.
    auto& entries = static_cast<Json::object_t::Container&>(out.get_ref<Json::object_t&>());
    entries.reserve(compiled.fields.size());
    for (const CompiledField& field : compiled.fields) {
        const std::string& name = field.field->name;
        const auto found = value.find(name);
        if (found == value.end()) {
            if (field.field->required) {
                loc.push(name);
                fail(pydantic::missing(loc.get(), value));
                loc.pop();
            } else {
                entries.emplace_back(name, field.field->defaultValue.value_or(Json()));
            }
            continue;
        }
        if (found->is_null() && field.acceptsNull) {
            entries.emplace_back(name, Json());
            continue;
        }
        loc.push(name);
        entries.emplace_back(name, validate(*field.type, *found, loc));
        loc.pop();
    }
    const model::ExtraFields extra = compiled.model->extra;
    if (extra != model::ExtraFields::Ignore) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (compiled.declares(it.key())) continue;
            if (extra == model::ExtraFields::Allow) {
                entries.emplace_back(it.key(), it.value());
            } else {
                loc.push(it.key());
                fail(pydantic::extraForbidden(loc.get(), it.value()));
                loc.pop();
            }
        }
    }
    if (errors_.size() != errorsBefore) return Json();
    return out;
}

Json ValueValidator::validateMap(const CompiledType& type, const Json& value, ErrorLocation& loc) {
    if (!value.is_object()) return fail(pydantic::dictType(loc.get(), value));
    const std::size_t errorsBefore = errors_.size();
    Json out = Json::object();
    auto& entries = static_cast<Json::object_t::Container&>(out.get_ref<Json::object_t&>());
    entries.reserve(value.size());
    for (auto it = value.begin(); it != value.end(); ++it) {
        if (!type.items) {
            entries.emplace_back(it.key(), it.value());
            continue;
        }
        loc.push(it.key());
        entries.emplace_back(it.key(), validate(*type.items, it.value(), loc));
        loc.pop();
    }
    if (errors_.size() != errorsBefore) return Json();
    return out;
}

Json ValueValidator::validateLiteral(const CompiledType& type, const Json& value, ErrorLocation& loc) {
    if (type.enumValues && !type.enumValues->empty() && literalMatches(type.enumValues->front(), value))
        return type.enumValues->front();
    return fail(pydantic::literalError(loc.get(), value, type.enumExpected));
}

// Smart mode: every variant is tried; the best match wins, and when none matches
// the errors of all of them are reported, each under its variant's name in loc.
Json ValueValidator::validateUnion(const CompiledType& type, const Json& value, ErrorLocation& loc) {
    if (!type.tagProperty.empty()) return validateTaggedUnion(type, value, loc);
    std::optional<UnionMatch> best;
    std::vector<ValidationError> failures;
    for (const CompiledType* variant : type.variants) {
        std::vector<ValidationError> errors;
        ValueValidator inner(errors);
        ErrorLocation variantLoc(loc.get());
        variantLoc.push(variant->label);
        Json result = inner.validate(*variant, value, variantLoc);
        if (!errors.empty()) {
            if (!best)
                failures.insert(failures.end(), std::make_move_iterator(errors.begin()),
                                std::make_move_iterator(errors.end()));
            continue;
        }
        UnionMatch match;
        match.fieldsSet = fieldsSetBy(*variant, value);
        match.exact = !match.fieldsSet && result.type() == value.type() && result == value;
        match.value = std::move(result);
        if (match.exact) return std::move(match.value);
        if (!best || match.betterThan(*best)) best = std::move(match);
    }
    if (best) return std::move(best->value);
    if (type.variants.empty()) return value;  // a union of nothing: the design check reports it
    errors_.insert(errors_.end(), std::make_move_iterator(failures.begin()),
                   std::make_move_iterator(failures.end()));
    return Json();
}

// Pydantic's discriminated union: the tag field picks one variant, whose errors
// come under the tag's value in loc.
Json ValueValidator::validateTaggedUnion(const CompiledType& type, const Json& value, ErrorLocation& loc) {
    if (!value.is_object()) return fail(pydantic::modelAttributesType(loc.get(), value));
    const auto found = value.find(type.tagProperty);
    if (found == value.end()) return fail(pydantic::unionTagNotFound(loc.get(), value, type.tagProperty));
    if (found->is_string()) {
        const auto& tag = found->get_ref<const std::string&>();
        for (const auto& [candidate, variant] : type.tags) {
            if (candidate != tag) continue;
            loc.push(tag);
            Json result = validate(*variant, value, loc);
            loc.pop();
            return result;
        }
    }
    return fail(pydantic::unionTagInvalid(loc.get(), value, type.tagProperty, pydantic::pythonStr(*found),
                                          type.expectedTags));
}

}  // namespace loadstar::schema
