#pragma once

#include <set>

#include "engine/model/discriminator.h"

// Projects and an independent checker for the sample generation tests. The checker
// is written from the constraint definitions, not from the generator, so that a
// sample and its checker do not share a mistake.

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <re2/re2.h>

#include "engine/model/project.h"
#include "engine/schema/request_validator.h"

namespace loadstar::schema::testing {

using model::Constraints;
using model::Field;
using model::StringFormat;
using model::TypeKind;
using model::TypeSpec;

inline TypeSpec typed(TypeKind kind, Constraints c = {}) {
    TypeSpec t = TypeSpec::scalar(kind);
    t.constraints = std::move(c);
    return t;
}

inline TypeSpec arrayOf(TypeSpec item, Constraints c = {}) {
    TypeSpec t = TypeSpec::arrayOf(std::move(item));
    t.constraints = std::move(c);
    return t;
}

inline Field field(std::string name, TypeSpec type, bool required = true) {
    Field f;
    f.name = std::move(name);
    f.type = std::move(type);
    f.required = required;
    return f;
}

inline model::Model modelOf(std::string name, std::vector<Field> fields,
                            model::ExtraFields extra = model::ExtraFields::Ignore) {
    model::Model m;
    m.name = std::move(name);
    m.fields = std::move(fields);
    m.extra = extra;
    return m;
}

// Books with authors: every kind of constraint, nested models, arrays of arrays,
// and a category tree that refers to itself.
inline std::shared_ptr<model::Project> bookstore() {
    auto p = std::make_shared<model::Project>();
    p->name = "Bookstore";
    p->models.push_back(modelOf(
        "Author",
        {
            field("id", typed(TypeKind::String, Constraints{.format = StringFormat::Uuid})),
            field("name", typed(TypeKind::String, Constraints{.minLength = 1, .maxLength = 40})),
            field("email", typed(TypeKind::String, Constraints{.format = StringFormat::Email}), false),
            field("born", typed(TypeKind::String, Constraints{.format = StringFormat::Date}), false),
            field("website", typed(TypeKind::String, Constraints{.format = StringFormat::Uri}), false),
        }));
    p->models.push_back(modelOf(
        "Book",
        {
            field("id", typed(TypeKind::Integer, Constraints{.ge = 1})),
            field("title", typed(TypeKind::String, Constraints{.minLength = 1, .maxLength = 100})),
            field("isbn", typed(TypeKind::String, Constraints{.pattern = R"(^97[89]-\d{10}$)"})),
            field("code", typed(TypeKind::String,
                                Constraints{.minLength = 5, .maxLength = 8, .pattern = "[A-Z]{3}"})),
            field("price", typed(TypeKind::Number, Constraints{.gt = 0, .le = 1000, .multipleOf = 0.01})),
            field("rating", typed(TypeKind::Number, Constraints{.ge = 0, .lt = 5}), false),
            field("stock", typed(TypeKind::Integer, Constraints{.ge = 0, .le = 10000, .multipleOf = 5})),
            field("discount", typed(TypeKind::Integer, Constraints{.gt = -10, .lt = 50}), false),
            field("genre", TypeSpec::enumeration({"fiction", "science", "history"})),
            field("edition", TypeSpec::enumeration({1, 2, 3}), false),
            field("tags", arrayOf(typed(TypeKind::String, Constraints{.pattern = "^[a-z][a-z0-9-]{1,15}$"}),
                                  Constraints{.minItems = 1, .maxItems = 5})),
            field("author", TypeSpec::object("Author")),
            field("coauthors", arrayOf(TypeSpec::object("Author"), Constraints{.maxItems = 3}), false),
            field("published", typed(TypeKind::String, Constraints{.format = StringFormat::DateTime}), false),
            field("matrix",
                  arrayOf(arrayOf(typed(TypeKind::Number), Constraints{.minItems = 3, .maxItems = 3}),
                          Constraints{.minItems = 2, .maxItems = 2}),
                  false),
            field("in_stock", typed(TypeKind::Boolean)),
        },
        model::ExtraFields::Forbid));
    p->models.push_back(
        modelOf("Category", {
                                field("name", typed(TypeKind::String, Constraints{.minLength = 1})),
                                field("children", arrayOf(TypeSpec::object("Category")), false),
                                field("parent", TypeSpec::object("Category"), false),
                            }));
    return p;
}

struct FoundError {
    std::string type;
    Json loc;
};

inline std::int64_t codePoints(const std::string& s) {
    std::int64_t n = 0;
    for (const char c : s)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

inline bool formatShape(StringFormat f, const std::string& s) {
    switch (f) {
        case StringFormat::None:
            return true;
        case StringFormat::Email:
            return RE2::FullMatch(s, R"([A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})");
        case StringFormat::Uuid:
            return RE2::FullMatch(s, R"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
        case StringFormat::Date:
            return RE2::FullMatch(s, R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
        case StringFormat::DateTime:
            return RE2::FullMatch(
                s,
                R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-]\d{2}:\d{2}))");
        case StringFormat::Uri:
            return RE2::FullMatch(s, R"(https?://[A-Za-z0-9.-]+(/[A-Za-z0-9._~%/-]*)?)");
        case StringFormat::Time:
            return RE2::FullMatch(s,
                                  R"(([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)");
        case StringFormat::Ipv4:
            return RE2::FullMatch(
                s, R"(((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))");
        case StringFormat::Ipv6:
            // The shapes the generator writes: full, or with one "::".
            return RE2::FullMatch(
                s, R"(([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|([0-9a-f]{1,4}:){1,6}(:[0-9a-f]{1,4}){1,6})");
        case StringFormat::Hostname:
            return s.size() <= 253 &&
                   RE2::FullMatch(
                       s,
                       R"([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?)");
        case StringFormat::Byte:
            return RE2::FullMatch(s, R"(([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)");
        case StringFormat::Binary:
            return true;
    }
    return false;
}

// The error type the server answers a string that breaks `format` with, found by
// asking the real validator (whose format errors validator_formats_test holds to
// Pydantic's), not by restating the generator's own table (formatErrorType).
inline std::string formatError(StringFormat format, const std::string& text) {
    static const RequestValidator validator(std::make_shared<const model::Project>());
    TypeSpec type = TypeSpec::scalar(TypeKind::String);
    type.constraints.format = format;
    std::vector<ValidationError> errors;
    validator.validateValue(type, text, Json::array({"x"}), errors);
    return errors.empty() ? std::string() : errors.front().type;
}

inline Json at(const Json& loc, const Json& step) {
    Json out = loc;
    out.push_back(step);
    return out;
}

// Every error a JSON value gets against a type, Pydantic style, one per broken constraint.
inline void check(const model::Project& p, const TypeSpec& t, const Json& v, const Json& loc,
                  std::vector<FoundError>& out) {
    const Constraints& c = t.constraints;
    auto add = [&](std::string type) { out.push_back({std::move(type), loc}); };
    if (t.nullable && v.is_null()) return;
    switch (t.kind) {
        case TypeKind::String: {
            const bool bytes = c.format == StringFormat::Byte || c.format == StringFormat::Binary;
            if (!v.is_string()) return add(bytes ? "bytes_type" : "string_type");
            const std::string s = v.get<std::string>();
            const std::int64_t length = bytes ? static_cast<std::int64_t>(s.size()) : codePoints(s);
            if (c.minLength && length < *c.minLength) add(bytes ? "bytes_too_short" : "string_too_short");
            if (c.maxLength && length > *c.maxLength) add(bytes ? "bytes_too_long" : "string_too_long");
            if (c.pattern && !RE2::PartialMatch(s, *c.pattern)) add("string_pattern_mismatch");
            if (!formatShape(c.format, s)) add(formatError(c.format, s));
            return;
        }
        case TypeKind::Integer:
        case TypeKind::Number: {
            const bool integer = t.kind == TypeKind::Integer;
            if (v.is_string()) return add(integer ? "int_parsing" : "float_parsing");
            if (integer ? !v.is_number_integer() : !v.is_number())
                return add(integer ? "int_type" : "float_type");
            const double d = v.get<double>();
            if (c.ge && !(d >= *c.ge)) add("greater_than_equal");
            if (c.gt && !(d > *c.gt)) add("greater_than");
            if (c.le && !(d <= *c.le)) add("less_than_equal");
            if (c.lt && !(d < *c.lt)) add("less_than");
            if (c.multipleOf) {
                const double k = std::round(d / *c.multipleOf);
                if (std::abs(k * *c.multipleOf - d) > 1e-9 * std::max(1.0, std::abs(d))) add("multiple_of");
            }
            return;
        }
        case TypeKind::Boolean:
            if (v.is_string()) return add("bool_parsing");
            if (!v.is_boolean()) add("bool_type");
            return;
        case TypeKind::Enum:
            if (std::find(t.enumValues.begin(), t.enumValues.end(), v) == t.enumValues.end()) add("enum");
            return;
        case TypeKind::Array:
            if (!v.is_array()) return add("list_type");
            if (c.minItems && static_cast<std::int64_t>(v.size()) < *c.minItems) add("too_short");
            if (c.maxItems && static_cast<std::int64_t>(v.size()) > *c.maxItems) add("too_long");
            if (c.uniqueItems) {
                std::set<std::string> seen;
                for (const Json& item : v) {
                    if (!seen.insert(item.dump()).second) {
                        add("set_type");
                        break;
                    }
                }
            }
            for (std::size_t i = 0; i < v.size(); ++i)
                check(p, *t.items, v[i], at(loc, i), out);
            return;
        case TypeKind::Map:
            if (!v.is_object()) return add("dict_type");
            for (const auto& [key, value] : v.items())
                check(p, *t.items, value, at(loc, key), out);
            return;
        case TypeKind::Literal:
            if (v != t.enumValues.front() || v.is_boolean() != t.enumValues.front().is_boolean())
                add("literal_error");
            return;
        case TypeKind::Any:
            return;
        case TypeKind::Union: {
            // Tagged: the tag picks the variant; untagged: valid when one variant has no error.
            if (t.discriminator) {
                if (!v.is_object()) return add("model_attributes_type");
                const std::string& property = t.discriminator->property;
                if (!v.contains(property)) return add("union_tag_not_found");
                for (const model::DiscriminatorTag& tag : model::discriminatorTags(p, t)) {
                    if (v.at(property) == Json(tag.tag))
                        return check(p, t.variants[tag.variant], v, at(loc, tag.tag), out);
                }
                return add("union_tag_invalid");
            }
            for (const TypeSpec& variant : t.variants) {
                std::vector<FoundError> errors;
                check(p, variant, v, loc, errors);
                if (errors.empty()) return;
            }
            return add("union_errors");
        }
        case TypeKind::Object: {
            const model::Model* m = p.model(t.modelRef);
            if (!m) return add("unknown_model");
            if (!v.is_object()) return add("model_attributes_type");
            for (const Field& f : m->fields) {
                if (!v.contains(f.name)) {
                    if (f.required) out.push_back({"missing", at(loc, f.name)});
                    continue;
                }
                check(p, f.type, v.at(f.name), at(loc, f.name), out);
            }
            if (m->extra == model::ExtraFields::Forbid) {
                for (const auto& [key, value] : v.items()) {
                    if (!m->field(key)) out.push_back({"extra_forbidden", at(loc, key)});
                }
            }
            return;
        }
    }
}

inline std::vector<FoundError> errorsOf(const model::Project& p, const TypeSpec& t, const Json& v,
                                        Json loc = Json::array({"body"})) {
    std::vector<FoundError> out;
    check(p, t, v, loc, out);
    return out;
}

inline std::string dump(const std::vector<FoundError>& errors) {
    std::string s;
    for (const FoundError& e : errors)
        s += e.type + " at " + e.loc.dump() + "\n";
    return s;
}

}  // namespace loadstar::schema::testing
