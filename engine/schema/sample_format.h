#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/model/type_spec.h"

namespace loadstar::schema {

class Random;

// Values for the string formats (email, uuid, date-time, date, uri, time, ipv4,
// ipv6, hostname, byte, binary) and the two
// judgements sample generation needs about a string: "surely accepted" and "surely
// refused" by Pydantic. Both are deliberately conservative; a string that is neither
// is never used as a valid sample nor as an invalid variant.

// A value of `format` with a length in [minLength, maxLength], or nullopt when the
// format cannot be that long or short (a uuid is always 36 characters).
std::optional<std::string> formatSample(model::StringFormat format, Random& rng, std::int64_t minLength,
                                        std::int64_t maxLength);

// True when Pydantic surely accepts `text` for `format` (always true for None).
bool conformsToFormat(model::StringFormat format, std::string_view text);

// True when Pydantic surely refuses `text` for `format` (never for None).
bool violatesFormat(model::StringFormat format, std::string_view text);

// The Pydantic v2 error type for a string refused by `format`: value_error (email),
// uuid_parsing, datetime_from_date_parsing, date_from_datetime_parsing, url_parsing,
// time_parsing, ip_v4_address, ip_v6_address, value_error (hostname), base64_decode;
// "" for None and binary, which refuse no text.
const char* formatErrorType(model::StringFormat format);

}  // namespace loadstar::schema
