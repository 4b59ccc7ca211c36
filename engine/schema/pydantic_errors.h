#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/json.h"
#include "engine/schema/validation_error.h"

// Pydantic v2's error catalogue: one constructor per error type, with the exact
// message text and ctx that pydantic-core produces, so that the validator and
// anything predicting its errors (sample generation) spell them identically.
namespace loadstar::schema::pydantic {

// A number as Python prints a constraint: 1 -> "1", 0.5 -> "0.5", 1e-05 -> "1e-05".
std::string formatNumber(double value);
// The same number as JSON ctx: an integer when it has no fraction.
Json numberJson(double value);
// Python's repr of an enum member's value: 'a' for strings, 1 for integers.
std::string valueRepr(const Json& value);
// "'a'", "'a' or 'b'", "'a', 'b' or 'c'".
std::string expectedList(const std::vector<Json>& values);

ValidationError missing(Json loc, Json input);
ValidationError extraForbidden(Json loc, Json input);
ValidationError stringType(Json loc, Json input);
ValidationError intType(Json loc, Json input);
ValidationError intParsing(Json loc, Json input);
ValidationError intParsingSize(Json loc, Json input);
ValidationError intFromFloat(Json loc, Json input);
ValidationError floatType(Json loc, Json input);
ValidationError floatParsing(Json loc, Json input);
ValidationError boolType(Json loc, Json input);
ValidationError boolParsing(Json loc, Json input);
ValidationError greaterThan(Json loc, Json input, double gt);
ValidationError greaterThanEqual(Json loc, Json input, double ge);
ValidationError lessThan(Json loc, Json input, double lt);
ValidationError lessThanEqual(Json loc, Json input, double le);
ValidationError multipleOf(Json loc, Json input, double multiple);
ValidationError stringTooShort(Json loc, Json input, std::int64_t minLength);
ValidationError stringTooLong(Json loc, Json input, std::int64_t maxLength);
ValidationError stringPatternMismatch(Json loc, Json input, const std::string& pattern);
// A pattern RE2 cannot compile: every value mismatches, and the message says why.
ValidationError patternInvalid(Json loc, Json input, const std::string& pattern, const std::string& reason);
ValidationError enumMismatch(Json loc, Json input, const std::string& expected);
ValidationError listType(Json loc, Json input);
ValidationError listTooShort(Json loc, Json input, std::int64_t minLength, std::size_t actual);
ValidationError listTooLong(Json loc, Json input, std::int64_t maxLength, std::size_t actual);
ValidationError modelAttributesType(Json loc, Json input);
ValidationError jsonInvalid(std::size_t charOffset, const std::string& reason);
ValidationError emailInvalid(Json loc, Json input, const std::string& reason);
ValidationError uuidType(Json loc, Json input);
ValidationError uuidParsing(Json loc, Json input, const std::string& error);
ValidationError datetimeType(Json loc, Json input);
ValidationError datetimeParsing(Json loc, Json input, const std::string& error);
ValidationError datetimeFromDateParsing(Json loc, Json input, const std::string& error);
ValidationError dateType(Json loc, Json input);
ValidationError dateFromDatetimeParsing(Json loc, Json input, const std::string& error);
ValidationError dateFromDatetimeInexact(Json loc, Json input);
ValidationError urlType(Json loc, Json input);
ValidationError urlParsing(Json loc, Json input, const std::string& error);
ValidationError timeType(Json loc, Json input);
ValidationError timeParsing(Json loc, Json input, const std::string& error);
// pydantic.networks' IPv4Address / IPv6Address validators (PydanticCustomError, no ctx).
ValidationError ipv4Address(Json loc, Json input);
ValidationError ipv6Address(Json loc, Json input);
// A check Pydantic has no type for (a hostname), shaped as a validator's ValueError:
// "Value error, <reason>" with the reason as ctx.error (FastAPI would print {} there).
ValidationError valueError(Json loc, Json input, const std::string& reason);
ValidationError bytesType(Json loc, Json input);
ValidationError bytesTooShort(Json loc, Json input, std::int64_t minLength);
ValidationError bytesTooLong(Json loc, Json input, std::int64_t maxLength);
// Base64Bytes: "Base64 decoding error: 'Incorrect padding'".
ValidationError base64Decode(Json loc, Json input, const std::string& error);
ValidationError dictType(Json loc, Json input);
// Literal[...]: "Input should be 'cat'"; `expected` as expectedList() spells it.
ValidationError literalError(Json loc, Json input, const std::string& expected);
// A list that must hold distinct items holds a duplicate. Pydantic has no such error
// (a set silently drops duplicates), so this reuses set_type's type and words.
ValidationError uniqueItems(Json loc, Json input);
// Tagged unions: the tag field is absent, or names no variant. `discriminator` is the
// field name, `tag` the value found (Python's str() of it), `expectedTags` as
// tagList() spells them.
ValidationError unionTagNotFound(Json loc, Json input, const std::string& discriminator);
ValidationError unionTagInvalid(Json loc, Json input, const std::string& discriminator,
                                const std::string& tag, const std::string& expectedTags);
// "'cat', 'dog'": the tags as pydantic-core lists them (repr, joined by ", ").
std::string tagList(const std::vector<std::string>& tags);
// Python's repr of any JSON value: 'a', 1, 1.5, True, None.
std::string pythonRepr(const Json& value);
// Python's str() of a JSON scalar: a, 1, True, None.
std::string pythonStr(const Json& value);

}  // namespace loadstar::schema::pydantic
