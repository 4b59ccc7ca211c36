#include "engine/schema/sample_format.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include <re2/re2.h>

#include "engine/schema/address_formats.h"
#include "engine/schema/base64_text.h"
#include "engine/schema/random.h"
#include "engine/schema/string_formats.h"

namespace loadstar::schema {

using model::StringFormat;

namespace {

constexpr std::string_view kLowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kHex = "0123456789abcdef";

void appendRandom(std::string& out, std::string_view alphabet, std::int64_t count, Random& rng) {
    for (std::int64_t i = 0; i < count; ++i)
        out += alphabet[rng.index(alphabet.size())];
}

// The length to aim for: the lowest reachable ones, so samples read like real data.
std::optional<std::int64_t> pickLength(std::int64_t natural, std::int64_t shortest, std::int64_t longest,
                                       std::int64_t minLength, std::int64_t maxLength, Random& rng) {
    const std::int64_t lo = std::max(minLength, shortest);
    const std::int64_t hi = std::min(maxLength, longest);
    if (lo > hi) return std::nullopt;
    const std::int64_t start = std::clamp(natural, lo, hi);
    return rng.between(start, std::min(hi, start + 8));
}

std::string twoDigits(std::int64_t v) {
    std::string s = std::to_string(v);
    return s.size() < 2 ? "0" + s : s;
}

std::string dateText(Random& rng) {
    return std::to_string(rng.between(2000, 2030)) + "-" + twoDigits(rng.between(1, 12)) + "-" +
           twoDigits(rng.between(1, 28));
}

std::optional<std::string> email(Random& rng, std::int64_t minLength, std::int64_t maxLength) {
    static constexpr std::string_view kDomain = "@example.com";
    const auto domain = static_cast<std::int64_t>(kDomain.size());
    const std::optional<std::int64_t> length =
        pickLength(domain + 6, domain + 1, domain + 64, minLength, maxLength, rng);
    if (!length) return std::nullopt;
    std::string out;
    out += kLowerAlnum[rng.index(26)];  // a letter first: reads like a name
    appendRandom(out, kLowerAlnum, *length - domain - 1, rng);
    return out + std::string(kDomain);
}

std::string uuid(Random& rng) {
    std::string out;
    for (const int group : {8, 4, 4, 4, 12}) {
        if (!out.empty()) out += '-';
        appendRandom(out, kHex, group, rng);
    }
    out[14] = '4';                     // version 4
    out[19] = kHex[8 + rng.index(4)];  // RFC 4122 variant
    return out;
}

std::optional<std::string> dateTime(Random& rng, std::int64_t minLength, std::int64_t maxLength) {
    // 2024-03-15T12:34:56Z is 20 characters; up to 6 fraction digits (+7) and a
    // numeric offset instead of Z (+5) make it longer.
    const std::optional<std::int64_t> length = pickLength(20, 20, 32, minLength, maxLength, rng);
    if (!length || *length == 21) return std::nullopt;  // a lone "." is not a fraction
    std::string out = dateText(rng) + "T" + twoDigits(rng.between(0, 23)) + ":" +
                      twoDigits(rng.between(0, 59)) + ":" + twoDigits(rng.between(0, 59));
    std::int64_t extra = *length - 20;
    const bool offset = extra >= 5 && extra != 6 && (extra > 7 || extra == 5);
    if (offset) extra -= 5;
    if (extra > 0) {
        out += '.';
        appendRandom(out, "0123456789", extra - 1, rng);
    }
    if (offset) {
        out += rng.chance(1, 2) ? "+" : "-";
        out += twoDigits(rng.between(0, 12)) + ":00";
    } else {
        out += 'Z';
    }
    return out;
}

std::optional<std::string> uri(Random& rng, std::int64_t minLength, std::int64_t maxLength) {
    static constexpr std::string_view kBase = "https://example.com";
    const auto base = static_cast<std::int64_t>(kBase.size());
    const std::optional<std::int64_t> length = pickLength(base + 8, base, 2000, minLength, maxLength, rng);
    if (!length) return std::nullopt;
    std::string out(kBase);
    if (*length > base) {
        out += '/';
        appendRandom(out, kLowerAlnum, *length - base - 1, rng);
    }
    return out;
}

std::optional<std::string> timeText(Random& rng, std::int64_t minLength, std::int64_t maxLength) {
    // HH:MM is 5 characters, HH:MM:SS 8, then Z (9) or a fraction of 1-6 digits (10-15).
    const std::optional<std::int64_t> length = pickLength(8, 5, 15, minLength, maxLength, rng);
    if (!length || *length == 6 || *length == 7) return std::nullopt;
    std::string out = twoDigits(rng.between(0, 23)) + ":" + twoDigits(rng.between(0, 59));
    if (*length == 5) return out;
    out += ":" + twoDigits(rng.between(0, 59));
    if (*length == 9) return out + "Z";
    if (*length > 9) {
        out += '.';
        appendRandom(out, "0123456789", *length - 9, rng);
    }
    return out;
}

std::optional<std::string> ipv4Text(Random& rng, std::int64_t minLength, std::int64_t maxLength) {
    for (int attempt = 0; attempt < 16; ++attempt) {
        std::string out = "10." + std::to_string(rng.between(0, 255)) + "." +
                          std::to_string(rng.between(0, 255)) + "." + std::to_string(rng.between(1, 254));
        const auto length = static_cast<std::int64_t>(out.size());
        if (length >= minLength && length <= maxLength) return out;
    }
    return std::nullopt;
}

std::optional<std::string> ipv6Text(Random& rng, std::int64_t minLength, std::int64_t maxLength) {
    // In 2001:db8::/32, the documentation prefix: "2001:db8::" and 1-5 more groups.
    for (int attempt = 0; attempt < 16; ++attempt) {
        std::string out = "2001:db8:";
        const std::int64_t groups = rng.between(1, 5);
        for (std::int64_t g = 0; g < groups; ++g) {
            out += ':';
            out += kHex[1 + rng.index(15)];
            appendRandom(out, kHex, rng.between(0, 3), rng);
        }
        const auto length = static_cast<std::int64_t>(out.size());
        if (length >= minLength && length <= maxLength) return out;
    }
    return std::nullopt;
}

std::optional<std::string> hostnameText(Random& rng, std::int64_t minLength, std::int64_t maxLength) {
    static constexpr std::string_view kDomain = ".example.com";
    const auto domain = static_cast<std::int64_t>(kDomain.size());
    const std::optional<std::int64_t> length =
        pickLength(domain + 4, domain + 1, domain + 63, minLength, maxLength, rng);
    if (!length) return std::nullopt;
    std::string out;
    out += kLowerAlnum[rng.index(26)];
    appendRandom(out, kLowerAlnum, *length - domain - 1, rng);
    return out + std::string(kDomain);
}

std::optional<std::string> base64Text(Random& rng, std::int64_t minLength, std::int64_t maxLength) {
    static constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::optional<std::int64_t> length = pickLength(12, 0, 4096, minLength, maxLength, rng);
    if (!length) return std::nullopt;
    *length = *length / 4 * 4;  // whole quanta, no padding needed
    if (*length < minLength) *length += 4;
    if (*length > maxLength || *length < minLength) return std::nullopt;
    std::string out;
    appendRandom(out, kAlphabet, *length, rng);
    return out;
}

bool leapYear(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool validDate(int y, int m, int d) {
    static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1) return false;
    if (m == 2 && !leapYear(y)) return d <= 28;
    return d <= kDays[static_cast<std::size_t>(m - 1)];
}

// Formats are few and fixed: each expression is built once and shared (RE2
// matching is thread-safe).
const RE2& emailRegex() {
    static const RE2 re(
        R"(^[a-zA-Z0-9](?:[a-zA-Z0-9._+-]{0,62}[a-zA-Z0-9])?@(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,24}$)");
    return re;
}
const RE2& uuidRegex() {
    static const RE2 re(R"(^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$)");
    return re;
}
const RE2& dateRegex() {
    static const RE2 re(R"(^(\d{4})-(\d{2})-(\d{2})$)");
    return re;
}
const RE2& dateTimeRegex() {
    static const RE2 re(
        R"(^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-](\d{2}):(\d{2}))$)");
    return re;
}
const RE2& uriRegex() {
    static const RE2 re(
        R"(^https?://[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d{1,5})?(?:/[a-zA-Z0-9._~%/-]*)?$)");
    return re;
}

}  // namespace

std::optional<std::string> formatSample(StringFormat format, Random& rng, std::int64_t minLength,
                                        std::int64_t maxLength) {
    switch (format) {
        case StringFormat::None:
            return std::nullopt;
        case StringFormat::Email:
            return email(rng, minLength, maxLength);
        case StringFormat::Uuid:
            if (minLength > 36 || maxLength < 36) return std::nullopt;
            return uuid(rng);
        case StringFormat::DateTime:
            return dateTime(rng, minLength, maxLength);
        case StringFormat::Date:
            if (minLength > 10 || maxLength < 10) return std::nullopt;
            return dateText(rng);
        case StringFormat::Uri:
            return uri(rng, minLength, maxLength);
        case StringFormat::Time:
            return timeText(rng, minLength, maxLength);
        case StringFormat::Ipv4:
            return ipv4Text(rng, minLength, maxLength);
        case StringFormat::Ipv6:
            return ipv6Text(rng, minLength, maxLength);
        case StringFormat::Hostname:
            return hostnameText(rng, minLength, maxLength);
        case StringFormat::Byte:
            return base64Text(rng, minLength, maxLength);
        case StringFormat::Binary:
            return std::nullopt;  // any text is binary: the pattern generator's own
    }
    return std::nullopt;
}

bool conformsToFormat(StringFormat format, std::string_view text) {
    switch (format) {
        case StringFormat::None:
            return true;
        case StringFormat::Email:
            return RE2::FullMatch(text, emailRegex()) && text.find("..") == std::string_view::npos;
        case StringFormat::Uuid:
            return RE2::FullMatch(text, uuidRegex());
        case StringFormat::Date: {
            int y = 0, m = 0, d = 0;
            return RE2::FullMatch(text, dateRegex(), &y, &m, &d) && validDate(y, m, d);
        }
        case StringFormat::DateTime: {
            // The offset is optional (Z), and RE2 cannot store an unmatched group in an int.
            int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
            std::string oh, om;
            return RE2::FullMatch(text, dateTimeRegex(), &y, &mo, &d, &h, &mi, &s, &oh, &om) &&
                   validDate(y, mo, d) && h < 24 && mi < 60 && s < 60 && (oh.empty() || oh < "24") &&
                   (om.empty() || om < "60");
        }
        case StringFormat::Uri:
            return RE2::FullMatch(text, uriRegex());
        // These checks are Loadstar's own and exact, so "surely" is simply "is".
        case StringFormat::Time:
            return !timeProblem(text);
        case StringFormat::Ipv4:
            return !ipv4Problem(text);
        case StringFormat::Ipv6:
            return !ipv6Problem(text);
        case StringFormat::Hostname:
            return !hostnameProblem(text);
        case StringFormat::Byte:
            return !base64Problem(text);
        case StringFormat::Binary:
            return true;
    }
    return false;
}

bool violatesFormat(StringFormat format, std::string_view text) {
    const auto has = [&](auto predicate) { return std::any_of(text.begin(), text.end(), predicate); };
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    switch (format) {
        case StringFormat::None:
            return false;
        case StringFormat::Email:
            return text.find('@') == std::string_view::npos;
        case StringFormat::Uuid: {
            const auto hex = std::count_if(text.begin(), text.end(), [](char c) {
                return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            });
            return hex < 32;
        }
        case StringFormat::Date:
        case StringFormat::DateTime:
            // Digit strings may be read as Unix timestamps; text without digits never parses.
            return !has(digit);
        case StringFormat::Uri:
            return text.find(':') == std::string_view::npos;  // a relative URL has no base
        case StringFormat::Time:
            return timeProblem(text).has_value();
        case StringFormat::Ipv4:
            return ipv4Problem(text).has_value();
        case StringFormat::Ipv6:
            return ipv6Problem(text).has_value();
        case StringFormat::Hostname:
            return hostnameProblem(text).has_value();
        case StringFormat::Byte:
            return base64Problem(text).has_value();
        case StringFormat::Binary:
            return false;
    }
    return false;
}

const char* formatErrorType(StringFormat format) {
    switch (format) {
        case StringFormat::None:
            return "";
        case StringFormat::Email:
            return "value_error";
        case StringFormat::Uuid:
            return "uuid_parsing";
        case StringFormat::DateTime:
            return "datetime_from_date_parsing";
        case StringFormat::Date:
            return "date_from_datetime_parsing";
        case StringFormat::Uri:
            return "url_parsing";
        case StringFormat::Time:
            return "time_parsing";
        case StringFormat::Ipv4:
            return "ip_v4_address";
        case StringFormat::Ipv6:
            return "ip_v6_address";
        case StringFormat::Hostname:
            return "value_error";
        case StringFormat::Byte:
            return "base64_decode";
        case StringFormat::Binary:
            return "";  // any text is binary
    }
    return "";
}

}  // namespace loadstar::schema
