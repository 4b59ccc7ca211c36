#include "engine/schema/pydantic_errors.h"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace loadstar::schema::pydantic {

namespace {

ValidationError make(std::string type, Json loc, std::string msg, Json input) {
    return ValidationError{std::move(type), std::move(loc), std::move(msg), std::move(input), std::nullopt};
}

ValidationError makeWithCtx(std::string type, Json loc, std::string msg, Json input, Json ctx) {
    return ValidationError{std::move(type), std::move(loc), std::move(msg), std::move(input), std::move(ctx)};
}

Json ctxOf(const char* key, Json value) {
    Json ctx = Json::object();
    ctx[key] = std::move(value);
    return ctx;
}

// Integral values below 2^53 print and serialise as integers, as the int a user
// passes to Field(ge=1) does in Python.
bool isWhole(double value) {
    return std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 9.0e15;
}

std::string plural(std::int64_t count) {
    return count == 1 ? "" : "s";
}

}  // namespace

std::string formatNumber(double value) {
    if (isWhole(value)) return std::to_string(static_cast<std::int64_t>(value));
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

Json numberJson(double value) {
    if (isWhole(value)) return Json(static_cast<std::int64_t>(value));
    return Json(value);
}

std::string valueRepr(const Json& value) {
    if (!value.is_string()) return value.dump();
    const auto& text = value.get_ref<const std::string&>();
    // Python prefers single quotes and switches to double quotes only when the
    // text holds a single quote and no double quote.
    const bool useDouble = text.find('\'') != std::string::npos && text.find('"') == std::string::npos;
    const char quote = useDouble ? '"' : '\'';
    std::string out(1, quote);
    for (const char c : text) {
        if (c == '\\' || c == quote) out += '\\';
        out += c;
    }
    out += quote;
    return out;
}

std::string expectedList(const std::vector<Json>& values) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
        out += valueRepr(values[i]);
    }
    return out;
}

ValidationError missing(Json loc, Json input) {
    return make("missing", std::move(loc), "Field required", std::move(input));
}
ValidationError extraForbidden(Json loc, Json input) {
    return make("extra_forbidden", std::move(loc), "Extra inputs are not permitted", std::move(input));
}
ValidationError stringType(Json loc, Json input) {
    return make("string_type", std::move(loc), "Input should be a valid string", std::move(input));
}
ValidationError intType(Json loc, Json input) {
    return make("int_type", std::move(loc), "Input should be a valid integer", std::move(input));
}
ValidationError intParsing(Json loc, Json input) {
    return make("int_parsing", std::move(loc),
                "Input should be a valid integer, unable to parse string as an integer", std::move(input));
}
ValidationError intParsingSize(Json loc, Json input) {
    return make("int_parsing_size", std::move(loc),
                "Unable to parse input string as an integer, exceeded maximum size", std::move(input));
}
ValidationError intFromFloat(Json loc, Json input) {
    return make("int_from_float", std::move(loc),
                "Input should be a valid integer, got a number with a fractional part", std::move(input));
}
ValidationError floatType(Json loc, Json input) {
    return make("float_type", std::move(loc), "Input should be a valid number", std::move(input));
}
ValidationError floatParsing(Json loc, Json input) {
    return make("float_parsing", std::move(loc),
                "Input should be a valid number, unable to parse string as a number", std::move(input));
}
ValidationError boolType(Json loc, Json input) {
    return make("bool_type", std::move(loc), "Input should be a valid boolean", std::move(input));
}
ValidationError boolParsing(Json loc, Json input) {
    return make("bool_parsing", std::move(loc), "Input should be a valid boolean, unable to interpret input",
                std::move(input));
}
ValidationError greaterThan(Json loc, Json input, double gt) {
    return makeWithCtx("greater_than", std::move(loc), "Input should be greater than " + formatNumber(gt),
                       std::move(input), ctxOf("gt", numberJson(gt)));
}
ValidationError greaterThanEqual(Json loc, Json input, double ge) {
    return makeWithCtx("greater_than_equal", std::move(loc),
                       "Input should be greater than or equal to " + formatNumber(ge), std::move(input),
                       ctxOf("ge", numberJson(ge)));
}
ValidationError lessThan(Json loc, Json input, double lt) {
    return makeWithCtx("less_than", std::move(loc), "Input should be less than " + formatNumber(lt),
                       std::move(input), ctxOf("lt", numberJson(lt)));
}
ValidationError lessThanEqual(Json loc, Json input, double le) {
    return makeWithCtx("less_than_equal", std::move(loc),
                       "Input should be less than or equal to " + formatNumber(le), std::move(input),
                       ctxOf("le", numberJson(le)));
}
ValidationError multipleOf(Json loc, Json input, double multiple) {
    return makeWithCtx("multiple_of", std::move(loc),
                       "Input should be a multiple of " + formatNumber(multiple), std::move(input),
                       ctxOf("multiple_of", numberJson(multiple)));
}
ValidationError stringTooShort(Json loc, Json input, std::int64_t minLength) {
    return makeWithCtx(
        "string_too_short", std::move(loc),
        "String should have at least " + std::to_string(minLength) + " character" + plural(minLength),
        std::move(input), ctxOf("min_length", minLength));
}
ValidationError stringTooLong(Json loc, Json input, std::int64_t maxLength) {
    return makeWithCtx(
        "string_too_long", std::move(loc),
        "String should have at most " + std::to_string(maxLength) + " character" + plural(maxLength),
        std::move(input), ctxOf("max_length", maxLength));
}
ValidationError stringPatternMismatch(Json loc, Json input, const std::string& pattern) {
    return makeWithCtx("string_pattern_mismatch", std::move(loc),
                       "String should match pattern '" + pattern + "'", std::move(input),
                       ctxOf("pattern", pattern));
}
ValidationError patternInvalid(Json loc, Json input, const std::string& pattern, const std::string& reason) {
    return makeWithCtx(
        "string_pattern_mismatch", std::move(loc),
        "String should match pattern '" + pattern + "' (the pattern is invalid: " + reason + ")",
        std::move(input), ctxOf("pattern", pattern));
}
ValidationError enumMismatch(Json loc, Json input, const std::string& expected) {
    return makeWithCtx("enum", std::move(loc), "Input should be " + expected, std::move(input),
                       ctxOf("expected", expected));
}
ValidationError listType(Json loc, Json input) {
    return make("list_type", std::move(loc), "Input should be a valid list", std::move(input));
}
ValidationError listTooShort(Json loc, Json input, std::int64_t minLength, std::size_t actual) {
    Json ctx = Json::object();
    ctx["field_type"] = "List";
    ctx["min_length"] = minLength;
    ctx["actual_length"] = actual;
    return makeWithCtx("too_short", std::move(loc),
                       "List should have at least " + std::to_string(minLength) + " item" +
                           plural(minLength) + " after validation, not " + std::to_string(actual),
                       std::move(input), std::move(ctx));
}
ValidationError listTooLong(Json loc, Json input, std::int64_t maxLength, std::size_t actual) {
    Json ctx = Json::object();
    ctx["field_type"] = "List";
    ctx["max_length"] = maxLength;
    ctx["actual_length"] = actual;
    return makeWithCtx("too_long", std::move(loc),
                       "List should have at most " + std::to_string(maxLength) + " item" + plural(maxLength) +
                           " after validation, not " + std::to_string(actual),
                       std::move(input), std::move(ctx));
}
ValidationError modelAttributesType(Json loc, Json input) {
    return make("model_attributes_type", std::move(loc),
                "Input should be a valid dictionary or object to extract fields from", std::move(input));
}
ValidationError jsonInvalid(std::size_t charOffset, const std::string& reason) {
    return makeWithCtx("json_invalid", Json::array({"body", charOffset}), "JSON decode error", Json::object(),
                       ctxOf("error", reason));
}
ValidationError emailInvalid(Json loc, Json input, const std::string& reason) {
    return makeWithCtx("value_error", std::move(loc), "value is not a valid email address: " + reason,
                       std::move(input), ctxOf("reason", reason));
}
ValidationError uuidType(Json loc, Json input) {
    return make("uuid_type", std::move(loc), "UUID input should be a string, bytes or UUID object",
                std::move(input));
}
ValidationError uuidParsing(Json loc, Json input, const std::string& error) {
    return makeWithCtx("uuid_parsing", std::move(loc), "Input should be a valid UUID, " + error,
                       std::move(input), ctxOf("error", error));
}
ValidationError datetimeType(Json loc, Json input) {
    return make("datetime_type", std::move(loc), "Input should be a valid datetime", std::move(input));
}
ValidationError datetimeParsing(Json loc, Json input, const std::string& error) {
    return makeWithCtx("datetime_parsing", std::move(loc), "Input should be a valid datetime, " + error,
                       std::move(input), ctxOf("error", error));
}
ValidationError datetimeFromDateParsing(Json loc, Json input, const std::string& error) {
    return makeWithCtx("datetime_from_date_parsing", std::move(loc),
                       "Input should be a valid datetime or date, " + error, std::move(input),
                       ctxOf("error", error));
}
ValidationError dateType(Json loc, Json input) {
    return make("date_type", std::move(loc), "Input should be a valid date", std::move(input));
}
ValidationError dateFromDatetimeParsing(Json loc, Json input, const std::string& error) {
    return makeWithCtx("date_from_datetime_parsing", std::move(loc),
                       "Input should be a valid date or datetime, " + error, std::move(input),
                       ctxOf("error", error));
}
ValidationError dateFromDatetimeInexact(Json loc, Json input) {
    return make("date_from_datetime_inexact", std::move(loc),
                "Datetimes provided to dates should have zero time - e.g. be exact dates", std::move(input));
}
ValidationError urlType(Json loc, Json input) {
    return make("url_type", std::move(loc), "URL input should be a string or URL", std::move(input));
}
ValidationError urlParsing(Json loc, Json input, const std::string& error) {
    return makeWithCtx("url_parsing", std::move(loc), "Input should be a valid URL, " + error,
                       std::move(input), ctxOf("error", error));
}

ValidationError timeType(Json loc, Json input) {
    return make("time_type", std::move(loc), "Input should be a valid time", std::move(input));
}
ValidationError timeParsing(Json loc, Json input, const std::string& error) {
    return makeWithCtx("time_parsing", std::move(loc), "Input should be in a valid time format, " + error,
                       std::move(input), ctxOf("error", error));
}
ValidationError ipv4Address(Json loc, Json input) {
    return make("ip_v4_address", std::move(loc), "Input is not a valid IPv4 address", std::move(input));
}
ValidationError ipv6Address(Json loc, Json input) {
    return make("ip_v6_address", std::move(loc), "Input is not a valid IPv6 address", std::move(input));
}
ValidationError valueError(Json loc, Json input, const std::string& reason) {
    return makeWithCtx("value_error", std::move(loc), "Value error, " + reason, std::move(input),
                       ctxOf("error", reason));
}
ValidationError bytesType(Json loc, Json input) {
    return make("bytes_type", std::move(loc), "Input should be a valid bytes", std::move(input));
}
ValidationError bytesTooShort(Json loc, Json input, std::int64_t minLength) {
    return makeWithCtx("bytes_too_short", std::move(loc),
                       "Data should have at least " + std::to_string(minLength) + " byte" + plural(minLength),
                       std::move(input), ctxOf("min_length", minLength));
}
ValidationError bytesTooLong(Json loc, Json input, std::int64_t maxLength) {
    return makeWithCtx("bytes_too_long", std::move(loc),
                       "Data should have at most " + std::to_string(maxLength) + " byte" + plural(maxLength),
                       std::move(input), ctxOf("max_length", maxLength));
}
ValidationError base64Decode(Json loc, Json input, const std::string& error) {
    return makeWithCtx("base64_decode", std::move(loc), "Base64 decoding error: '" + error + "'",
                       std::move(input), ctxOf("error", error));
}
ValidationError dictType(Json loc, Json input) {
    return make("dict_type", std::move(loc), "Input should be a valid dictionary", std::move(input));
}
ValidationError literalError(Json loc, Json input, const std::string& expected) {
    return makeWithCtx("literal_error", std::move(loc), "Input should be " + expected, std::move(input),
                       ctxOf("expected", expected));
}
ValidationError uniqueItems(Json loc, Json input) {
    return make("set_type", std::move(loc), "Input should be a valid set", std::move(input));
}
ValidationError unionTagNotFound(Json loc, Json input, const std::string& discriminator) {
    const std::string repr = valueRepr(Json(discriminator));
    return makeWithCtx("union_tag_not_found", std::move(loc),
                       "Unable to extract tag using discriminator " + repr, std::move(input),
                       ctxOf("discriminator", repr));
}
ValidationError unionTagInvalid(Json loc, Json input, const std::string& discriminator,
                                const std::string& tag, const std::string& expectedTags) {
    const std::string repr = valueRepr(Json(discriminator));
    Json ctx = Json::object();
    ctx["discriminator"] = repr;
    ctx["tag"] = tag;
    ctx["expected_tags"] = expectedTags;
    return makeWithCtx("union_tag_invalid", std::move(loc),
                       "Input tag '" + tag + "' found using " + repr +
                           " does not match any of the expected tags: " + expectedTags,
                       std::move(input), std::move(ctx));
}

std::string tagList(const std::vector<std::string>& tags) {
    std::string out;
    for (const std::string& tag : tags) {
        if (!out.empty()) out += ", ";
        out += valueRepr(Json(tag));
    }
    return out;
}

std::string pythonRepr(const Json& value) {
    if (value.is_string()) return valueRepr(value);
    if (value.is_boolean()) return value.get<bool>() ? "True" : "False";
    if (value.is_null()) return "None";
    if (value.is_number_float()) {
        // Python prints a whole float with ".0".
        const double d = value.get<double>();
        if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 1e16) return formatNumber(d) + ".0";
        return formatNumber(d);
    }
    return value.dump();
}

std::string pythonStr(const Json& value) {
    if (value.is_string()) return value.get<std::string>();
    return pythonRepr(value);
}

}  // namespace loadstar::schema::pydantic
