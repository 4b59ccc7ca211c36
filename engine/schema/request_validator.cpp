#include "engine/schema/request_validator.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <string>
#include <unordered_map>

#include <re2/re2.h>

#include "engine/schema/json_body_parser.h"
#include "engine/schema/pydantic_errors.h"
#include "engine/schema/query_string.h"
#include "engine/schema/string_formats.h"
#include "engine/schema/utf8_text.h"

namespace loadstar::schema {

namespace {

using model::TypeKind;

struct CompiledModel;

// A TypeSpec with everything a request would otherwise look up resolved: the
// referenced model, the compiled pattern, the enum's message text.
struct CompiledType {
    TypeKind kind = TypeKind::String;
    const model::Constraints* constraints = nullptr;
    const re2::RE2* pattern = nullptr;
    std::string patternError;  // RE2 refused the pattern: every value mismatches, saying why
    const CompiledType* items = nullptr;
    const CompiledModel* model = nullptr;  // null: a reference to a model the project lacks
    const std::vector<Json>* enumValues = nullptr;
    std::string enumExpected;
    bool enumAllIntegers = false;
};

struct CompiledField {
    const model::Field* field = nullptr;
    const CompiledType* type = nullptr;
    bool acceptsNull = false;  // optional without default: FastAPI's `x: T | None = None`
};

struct CompiledModel {
    const model::Model* model = nullptr;
    std::vector<CompiledField> fields;

    bool declares(std::string_view name) const {
        for (const CompiledField& f : fields) {
            if (f.field->name == name) return true;
        }
        return false;
    }
};

struct CompiledParam {
    const model::Parameter* param = nullptr;
    const CompiledType* type = nullptr;
    std::string headerKey;  // lower case, '_' as '-' (FastAPI's convert_underscores)
};

struct CompiledEndpoint {
    std::vector<CompiledParam> path;
    std::vector<CompiledParam> query;
    std::vector<CompiledParam> headers;
    const CompiledType* body = nullptr;
    bool bodyRequired = false;
};

using ModelIndex = std::unordered_map<std::string_view, const CompiledModel*>;

char asciiLower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (asciiLower(a[i]) != asciiLower(b[i])) return false;
    }
    return true;
}

std::string_view trimWhitespace(std::string_view s) {
    const auto space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    while (!s.empty() && space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && space(s.back()))
        s.remove_suffix(1);
    return s;
}

// Owns compiled types. The project's types live in one store for the validator's
// lifetime; a type handed to validateValue from elsewhere compiles into a scratch
// store for that call.
class TypeStore {
  public:
    explicit TypeStore(const ModelIndex* models) : models_(models) {}

    const CompiledType* compile(const model::TypeSpec& spec) {
        CompiledType& type = types_.emplace_back();  // deque: earlier entries stay put
        compiledBySpec_.emplace(&spec, &type);
        type.kind = spec.kind;
        type.constraints = &spec.constraints;
        if (spec.constraints.pattern) compilePattern(*spec.constraints.pattern, type);
        switch (spec.kind) {
            case TypeKind::Array:
                if (spec.items) type.items = compile(*spec.items);
                break;
            case TypeKind::Object: {
                const auto found = models_->find(spec.modelRef);
                if (found != models_->end()) type.model = found->second;
                break;
            }
            case TypeKind::Enum:
                type.enumValues = &spec.enumValues;
                type.enumExpected = pydantic::expectedList(spec.enumValues);
                type.enumAllIntegers = !spec.enumValues.empty();
                for (const Json& value : spec.enumValues) {
                    type.enumAllIntegers = type.enumAllIntegers && value.is_number_integer();
                }
                break;
            default:
                break;
        }
        return &type;
    }

    // The compiled form of a TypeSpec this store compiled, or null.
    const CompiledType* find(const model::TypeSpec& spec) const {
        const auto found = compiledBySpec_.find(&spec);
        return found == compiledBySpec_.end() ? nullptr : found->second;
    }

  private:
    void compilePattern(const std::string& pattern, CompiledType& type) {
        auto found = patterns_.find(pattern);
        if (found == patterns_.end()) {
            re2::RE2::Options options;
            options.set_log_errors(false);
            found = patterns_.emplace(pattern, std::make_unique<re2::RE2>(pattern, options)).first;
        }
        if (found->second->ok()) {
            type.pattern = found->second.get();
        } else {
            type.patternError = found->second->error();
        }
    }

    const ModelIndex* models_;
    std::deque<CompiledType> types_;
    std::unordered_map<const model::TypeSpec*, const CompiledType*> compiledBySpec_;
    std::unordered_map<std::string, std::unique_ptr<re2::RE2>> patterns_;
};

CompiledEndpoint compileEndpoint(const model::Endpoint& endpoint, TypeStore& store) {
    CompiledEndpoint compiled;
    for (const model::Parameter& param : endpoint.parameters) {
        CompiledParam entry{&param, store.compile(param.type), {}};
        switch (param.in) {
            case model::ParamLocation::Path:
                compiled.path.push_back(std::move(entry));
                break;
            case model::ParamLocation::Query:
                compiled.query.push_back(std::move(entry));
                break;
            case model::ParamLocation::Header:
                for (const char c : param.name)
                    entry.headerKey += c == '_' ? '-' : asciiLower(c);
                compiled.headers.push_back(std::move(entry));
                break;
        }
    }
    if (endpoint.requestBody) {
        compiled.body = store.compile(endpoint.requestBody->type);
        compiled.bodyRequired = endpoint.requestBody->required;
    }
    return compiled;
}

// ---- lax coercion, as pydantic-core's Python-mode lax validators ----

// Keeps the current location as a stack so that nested values never build
// location arrays unless they fail.
class Location {
  public:
    explicit Location(Json base) : loc_(std::move(base)) {}
    void push(Json part) { loc_.push_back(std::move(part)); }
    void pop() { loc_.get_ref<Json::array_t&>().pop_back(); }
    const Json& get() const { return loc_; }

  private:
    Json loc_;
};

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

class ValueValidator {
  public:
    explicit ValueValidator(std::vector<ValidationError>& errors) : errors_(errors) {}

    Json validate(const CompiledType& type, const Json& value, Location& loc) {
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
        }
        return Json();
    }

  private:
    Json fail(ValidationError error) {
        errors_.push_back(std::move(error));
        return Json();
    }

    Json validateString(const CompiledType& type, const Json& value, Location& loc) {
        const model::Constraints& c = *type.constraints;
        if (!value.is_string()) {
            switch (c.format) {
                case model::StringFormat::Uuid:
                    return fail(pydantic::uuidType(loc.get(), value));
                case model::StringFormat::DateTime:
                    return fail(pydantic::datetimeType(loc.get(), value));
                case model::StringFormat::Date:
                    return fail(pydantic::dateType(loc.get(), value));
                case model::StringFormat::Uri:
                    return fail(pydantic::urlType(loc.get(), value));
                default:
                    return fail(pydantic::stringType(loc.get(), value));
            }
        }
        const auto& text = value.get_ref<const std::string&>();
        if (c.minLength || c.maxLength) {
            const auto length = static_cast<std::int64_t>(codePointCount(text));
            if (c.minLength && length < *c.minLength)
                return fail(pydantic::stringTooShort(loc.get(), value, *c.minLength));
            if (c.maxLength && length > *c.maxLength)
                return fail(pydantic::stringTooLong(loc.get(), value, *c.maxLength));
        }
        if (c.pattern) {
            if (!type.pattern)
                return fail(pydantic::patternInvalid(loc.get(), value, *c.pattern, type.patternError));
            if (!re2::RE2::PartialMatch(text, *type.pattern)) {
                return fail(pydantic::stringPatternMismatch(loc.get(), value, *c.pattern));
            }
        }
        switch (c.format) {
            case model::StringFormat::None:
                break;
            case model::StringFormat::Email:
                if (auto reason = emailProblem(text))
                    return fail(pydantic::emailInvalid(loc.get(), value, *reason));
                break;
            case model::StringFormat::Uuid:
                if (auto error = uuidProblem(text))
                    return fail(pydantic::uuidParsing(loc.get(), value, *error));
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
            case model::StringFormat::Uri:
                if (auto error = uriProblem(text))
                    return fail(pydantic::urlParsing(loc.get(), value, *error));
                break;
        }
        return value;
    }

    // Bounds in pydantic-core's order: multiple_of, le, lt, ge, gt; one error per value.
    std::optional<ValidationError> boundsProblem(const model::Constraints& c, double number, bool integral,
                                                 const Json& input, const Location& loc) const {
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

    Json validateInteger(const CompiledType& type, const Json& value, Location& loc) {
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

    Json validateNumber(const CompiledType& type, const Json& value, Location& loc) {
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

    Json validateBoolean(const Json& value, Location& loc) {
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

    Json validateEnum(const CompiledType& type, const Json& value, Location& loc) {
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

    Json validateArray(const CompiledType& type, const Json& value, Location& loc) {
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
        if (c.minItems && static_cast<std::int64_t>(count) < *c.minItems) {
            return fail(pydantic::listTooShort(loc.get(), value, *c.minItems, count));
        }
        return out;
    }

    Json validateObject(const CompiledType& type, const Json& value, Location& loc) {
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

    std::vector<ValidationError>& errors_;
};

// "application/json; charset=utf-8" -> is JSON; as FastAPI: application/json or
// application/<anything>+json, and a missing Content-Type is read as JSON too.
bool isJsonContentType(std::string_view contentType) {
    contentType = trimWhitespace(contentType.substr(0, contentType.find(';')));
    if (contentType.empty()) return true;
    const std::size_t slash = contentType.find('/');
    if (slash == std::string_view::npos) return false;
    const std::string_view main = trimWhitespace(contentType.substr(0, slash));
    const std::string_view sub = trimWhitespace(contentType.substr(slash + 1));
    if (!equalsIgnoreCase(main, "application")) return false;
    if (equalsIgnoreCase(sub, "json")) return true;
    return sub.size() >= 5 && equalsIgnoreCase(sub.substr(sub.size() - 5), "+json");
}

Json absentValue(const std::optional<Json>& defaultValue) {
    return defaultValue.value_or(Json());
}

}  // namespace

class RequestValidator::Compiled {
  public:
    Compiled(std::shared_ptr<const model::Project> projectPtr, ValidatorOptions validatorOptions)
        : project(std::move(projectPtr)), options(validatorOptions), store(&modelIndex) {
        if (!project) project = std::make_shared<const model::Project>();
        models.resize(project->models.size());
        for (std::size_t i = 0; i < project->models.size(); ++i) {
            models[i].model = &project->models[i];
            modelIndex.emplace(project->models[i].name, &models[i]);  // the first of a duplicated name wins
        }
        // Fields compile after every model is indexed so that references (even
        // cyclic ones) resolve to pointers.
        for (CompiledModel& compiled : models) {
            for (const model::Field& field : compiled.model->fields) {
                const CompiledType* type = store.compile(field.type);
                compiled.fields.push_back({&field, type, !field.required && !field.defaultValue});
            }
        }
        endpoints.reserve(project->endpoints.size());
        for (const model::Endpoint& endpoint : project->endpoints) {
            endpointIndex.emplace(&endpoint, endpoints.size());
            endpoints.push_back(compileEndpoint(endpoint, store));
        }
    }

    std::shared_ptr<const model::Project> project;
    ValidatorOptions options;
    std::vector<CompiledModel> models;
    ModelIndex modelIndex;
    TypeStore store;
    std::vector<CompiledEndpoint> endpoints;
    std::unordered_map<const model::Endpoint*, std::size_t> endpointIndex;

    std::variant<ValidatedRequest, std::vector<ValidationError>> validate(const CompiledEndpoint& endpoint,
                                                                          const RequestParts& request) const;

  private:
    std::optional<Json> parseBody(const CompiledEndpoint& endpoint, const RequestParts& request,
                                  std::vector<ValidationError>& errors) const;
};

std::optional<Json> RequestValidator::Compiled::parseBody(const CompiledEndpoint& endpoint,
                                                          const RequestParts& request,
                                                          std::vector<ValidationError>& errors) const {
    if (!endpoint.body || !request.hasBody || request.body.empty()) return std::nullopt;
    std::string_view contentType;
    for (const auto& [name, value] : request.headers) {
        if (equalsIgnoreCase(name, "content-type")) {
            contentType = value;
            break;
        }
    }
    if (!isJsonContentType(contentType)) {
        // FastAPI hands the raw bytes to the model, which refuses them as
        // model_attributes_type with the body text as input.
        return Json(toValidUtf8(request.body));
    }
    auto parsed = parseJsonBody(request.body, options.maxJsonDepth);
    if (auto* error = std::get_if<JsonBodyError>(&parsed)) {
        errors.push_back(pydantic::jsonInvalid(error->charOffset, error->message));
        return std::nullopt;
    }
    return std::move(std::get<Json>(parsed));
}

std::variant<ValidatedRequest, std::vector<ValidationError>> RequestValidator::Compiled::validate(
    const CompiledEndpoint& endpoint, const RequestParts& request) const {
    std::vector<ValidationError> errors;
    // FastAPI decodes the body before anything else and answers a decode error alone.
    std::optional<Json> body = parseBody(endpoint, request, errors);
    if (!errors.empty()) return errors;

    ValidatedRequest out;
    ValueValidator validator(errors);

    for (const CompiledParam& p : endpoint.path) {
        const std::string& name = p.param->name;
        std::optional<std::string_view> received;
        for (const auto& [key, value] : request.pathParams) {
            if (key == name) received = value;
        }
        Location loc(Json::array({"path", name}));
        if (!received) {
            errors.push_back(pydantic::missing(loc.get(), Json()));
            continue;
        }
        out.path[name] = validator.validate(*p.type, Json(toValidUtf8(*received)), loc);
    }

    if (!endpoint.query.empty()) {
        const auto pairs = parseQueryString(request.query);
        for (const CompiledParam& p : endpoint.query) {
            const std::string& name = p.param->name;
            Location loc(Json::array({"query", name}));
            Json received;
            if (p.type->kind == TypeKind::Array) {
                Json values = Json::array();
                for (const auto& [key, value] : pairs) {
                    if (key == name) values.push_back(value);
                }
                if (!values.empty()) received = std::move(values);
            } else {
                // Starlette's QueryParams keeps the last of repeated keys.
                for (const auto& [key, value] : pairs) {
                    if (key == name) received = value;
                }
            }
            if (received.is_null()) {
                if (p.param->required) {
                    errors.push_back(pydantic::missing(loc.get(), Json()));
                } else {
                    out.query[name] = absentValue(p.param->defaultValue);
                }
                continue;
            }
            out.query[name] = validator.validate(*p.type, received, loc);
        }
    }

    for (const CompiledParam& p : endpoint.headers) {
        const std::string& name = p.param->name;
        Location loc(Json::array({"header", name}));
        Json received;
        const bool many = p.type->kind == TypeKind::Array;
        for (const auto& [key, value] : request.headers) {
            if (!equalsIgnoreCase(key, p.headerKey)) continue;
            if (!many) {
                received = latin1ToUtf8(value);  // Starlette's Headers.get gives the first
                break;
            }
            if (received.is_null()) received = Json::array();
            received.push_back(latin1ToUtf8(value));
        }
        if (received.is_null()) {
            if (p.param->required) {
                errors.push_back(pydantic::missing(loc.get(), Json()));
            } else {
                out.headers[name] = absentValue(p.param->defaultValue);
            }
            continue;
        }
        out.headers[name] = validator.validate(*p.type, received, loc);
    }

    if (endpoint.body) {
        if (!body || body->is_null()) {
            if (endpoint.bodyRequired) {
                errors.push_back(pydantic::missing(Json::array({"body"}), Json()));
            } else if (body) {
                out.body = Json();
            }
        } else {
            Location loc(Json::array({"body"}));
            out.body = validator.validate(*endpoint.body, *body, loc);
        }
    }

    if (!errors.empty()) return errors;
    return out;
}

RequestValidator::RequestValidator(std::shared_ptr<const model::Project> project, ValidatorOptions options)
    : compiled_(std::make_unique<const Compiled>(std::move(project), options)) {}

RequestValidator::~RequestValidator() = default;
RequestValidator::RequestValidator(RequestValidator&&) noexcept = default;
RequestValidator& RequestValidator::operator=(RequestValidator&&) noexcept = default;

std::variant<ValidatedRequest, std::vector<ValidationError>> RequestValidator::validate(
    const model::Endpoint& endpoint, const RequestParts& request) const {
    try {
        const auto found = compiled_->endpointIndex.find(&endpoint);
        if (found != compiled_->endpointIndex.end()) {
            return compiled_->validate(compiled_->endpoints[found->second], request);
        }
        TypeStore scratch(&compiled_->modelIndex);
        return compiled_->validate(compileEndpoint(endpoint, scratch), request);
    } catch (const std::exception& error) {
        // Only allocation failure can get here; the client still gets a 422 list.
        return std::vector<ValidationError>{ValidationError{"value_error", Json::array({"body"}),
                                                            std::string("Value error, ") + error.what(),
                                                            Json(), std::nullopt}};
    }
}

Json RequestValidator::validateValue(const model::TypeSpec& type, const Json& value, const Json& loc,
                                     std::vector<ValidationError>& errors) const {
    ValueValidator validator(errors);
    Location location(loc.is_array() ? loc : Json::array());
    if (const CompiledType* compiled = compiled_->store.find(type))
        return validator.validate(*compiled, value, location);
    TypeStore scratch(&compiled_->modelIndex);
    return validator.validate(*scratch.compile(type), value, location);
}

}  // namespace loadstar::schema
