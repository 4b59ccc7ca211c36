#include "engine/schema/string_formats.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "engine/schema/ascii_text.h"

namespace loadstar::schema {

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool isNonAscii(char c) {
    return static_cast<unsigned char>(c) >= 0x80;
}

// ---- email (email-validator's messages) ----

bool isAtext(char c) {
    static constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~";
    return isAlpha(c) || isDigit(c) || isNonAscii(c) || kSpecials.find(c) != std::string_view::npos;
}

bool isDomainChar(char c) {
    return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || isNonAscii(c);
}

// email-validator lists offending characters sorted, printable ones quoted as
// Python's repr, others by name.
std::string quotedChars(std::string_view text, bool (*allowed)(char)) {
    std::string bad;
    for (const char c : text) {
        if (!allowed(c) && c != '.' && bad.find(c) == std::string::npos) bad += c;
    }
    std::sort(bad.begin(), bad.end());
    std::string out;
    for (const char c : bad) {
        if (!out.empty()) out += ", ";
        if (c == ' ') {
            out += "SPACE";
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
            static constexpr std::string_view kHex = "0123456789ABCDEF";
            const auto byte = static_cast<unsigned char>(c);
            out += "U+00";
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        } else {
            out += c == '\'' ? "\"'\"" : "'" + std::string(1, c) + "'";
        }
    }
    return out;
}

// ---- dates and times (speedate's messages) ----

struct Cursor {
    std::string_view text;
    std::size_t pos = 0;
    bool atEnd() const { return pos >= text.size(); }
    char peek() const { return atEnd() ? '\0' : text[pos]; }
};

std::optional<int> twoDigits(Cursor& c) {
    if (c.pos + 2 > c.text.size() || !isDigit(c.text[c.pos]) || !isDigit(c.text[c.pos + 1]))
        return std::nullopt;
    const int value = (c.text[c.pos] - '0') * 10 + (c.text[c.pos + 1] - '0');
    c.pos += 2;
    return value;
}

int daysInMonth(int year, int month) {
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

std::optional<std::string> parseDatePart(Cursor& c) {
    if (c.text.size() < 10) return "input is too short";
    int year = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (!isDigit(c.text[i])) return "invalid character in year";
        year = year * 10 + (c.text[i] - '0');
    }
    c.pos = 4;
    if (c.peek() != '-') return "invalid date separator, expected `-`";
    ++c.pos;
    const auto month = twoDigits(c);
    if (!month) return "invalid character in month";
    if (c.peek() != '-') return "invalid date separator, expected `-`";
    ++c.pos;
    const auto day = twoDigits(c);
    if (!day) return "invalid character in day";
    if (*month < 1 || *month > 12) return "month value is outside expected range of 1-12";
    if (*day < 1 || *day > daysInMonth(year, *month)) return "day value is outside expected range";
    return std::nullopt;
}

std::optional<std::string> parseClock(Cursor& c, bool& zero);

// Parses what follows the date; sets `zero` when the time is exactly midnight.
std::optional<std::string> parseTimePart(Cursor& c, bool& zero) {
    const char sep = c.peek();
    if (sep != 'T' && sep != 't' && sep != '_' && sep != ' ') {
        return "invalid datetime separator, expected `T`, `t`, `_` or space";
    }
    ++c.pos;
    return parseClock(c, zero);
}

// HH:MM[:SS[.f]][offset] to the end of the input.
std::optional<std::string> parseClock(Cursor& c, bool& zero) {
    if (c.text.size() < c.pos + 5) return "input is too short";
    const auto hour = twoDigits(c);
    if (!hour) return "invalid character in hour";
    if (*hour > 23) return "hour value is outside expected range of 0-23";
    if (c.peek() != ':') return "invalid time separator, expected `:`";
    ++c.pos;
    const auto minute = twoDigits(c);
    if (!minute) return "invalid character in minute";
    if (*minute > 59) return "minute value is outside expected range of 0-59";
    zero = *hour == 0 && *minute == 0;
    if (c.peek() == ':') {
        ++c.pos;
        if (c.text.size() < c.pos + 2) return "input is too short";
        const auto second = twoDigits(c);
        if (!second) return "invalid character in second";
        if (*second > 59) return "second value is outside expected range of 0-59";
        zero = zero && *second == 0;
        if (c.peek() == '.' || c.peek() == ',') {
            ++c.pos;
            std::size_t digits = 0;
            while (isDigit(c.peek())) {
                zero = zero && c.peek() == '0';
                ++c.pos;
                ++digits;
            }
            if (digits == 0) return "second fraction digits missing after `.`";
            if (digits > 6) return "second fraction value is more than 6 digits long";
        }
    }
    if (c.atEnd()) return std::nullopt;
    const char tz = c.peek();
    if (tz == 'Z' || tz == 'z') {
        ++c.pos;
    } else if (tz == '+' || tz == '-') {
        ++c.pos;
        const auto tzHour = twoDigits(c);
        if (!tzHour) return "invalid timezone hour";
        if (*tzHour > 23) return "timezone offset must be less than 24 hours";
        if (!c.atEnd()) {
            if (c.peek() == ':') ++c.pos;
            const auto tzMinute = twoDigits(c);
            if (!tzMinute || *tzMinute > 59) return "invalid timezone minute";
        }
    } else {
        return "invalid timezone sign";
    }
    if (!c.atEnd()) return "unexpected extra characters at the end of the input";
    return std::nullopt;
}

// ---- URLs (Rust url crate's messages) ----

bool isSpecialScheme(std::string_view scheme) {
    for (const std::string_view special : {"http", "https", "ws", "wss", "ftp", "file"}) {
        if (equalsIgnoreCase(scheme, special)) return true;
    }
    return false;
}

}  // namespace

std::optional<std::string> emailProblem(std::string_view text) {
    if (text.size() > 2048) return "Length must not exceed 2048 characters";
    const std::size_t at = text.rfind('@');
    if (at == std::string_view::npos) return "An email address must have an @-sign.";
    const std::string_view local = text.substr(0, at);
    const std::string_view domain = text.substr(at + 1);
    if (local.empty()) return "There must be something before the @-sign.";
    if (domain.empty()) return "There must be something after the @-sign.";
    const std::string badLocal = quotedChars(local, isAtext);
    if (!badLocal.empty())
        return "The email address contains invalid characters before the @-sign: " + badLocal + ".";
    if (local.front() == '.') return "An email address cannot start with a period.";
    if (local.back() == '.') return "An email address cannot have a period immediately before the @-sign.";
    if (local.find("..") != std::string_view::npos)
        return "An email address cannot have two periods in a row.";
    if (local.size() > 64) {
        return "The email address is too long before the @-sign (" + std::to_string(local.size() - 64) +
               " character" + (local.size() - 64 == 1 ? "" : "s") + " too many).";
    }
    const std::string badDomain = quotedChars(domain, isDomainChar);
    if (!badDomain.empty())
        return "The part after the @-sign contains invalid characters: " + badDomain + ".";
    if (domain.front() == '.') return "An email address cannot have a period immediately after the @-sign.";
    if (domain.back() == '.') return "An email address cannot end with a period.";
    if (domain.find("..") != std::string_view::npos)
        return "An email address cannot have two periods in a row.";
    if (domain.front() == '-') return "An email address cannot have a hyphen immediately after the @-sign.";
    if (domain.back() == '-') return "An email address cannot end with a hyphen.";
    if (domain.find("-.") != std::string_view::npos || domain.find(".-") != std::string_view::npos) {
        return "An email address cannot have a period and a hyphen next to each other.";
    }
    if (domain.find('.') == std::string_view::npos) {
        return "The part after the @-sign is not valid. It should have a period.";
    }
    const std::string_view tld = domain.substr(domain.rfind('.') + 1);
    bool numeric = true;
    for (const char c : tld)
        numeric = numeric && isDigit(c);
    if (numeric) return "The part after the @-sign is not valid. It is not within a valid top-level domain.";
    return std::nullopt;
}

std::optional<std::string> uuidProblem(std::string_view text) {
    std::string_view body = text;
    std::size_t offset = 0;
    if (body.size() == 45 && equalsIgnoreCase(body.substr(0, 9), "urn:uuid:")) {
        body.remove_prefix(9);
        offset = 9;
    } else if (body.size() == 38 && body.front() == '{' && body.back() == '}') {
        body = body.substr(1, 36);
        offset = 1;
    }
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (!isHex(body[i]) && body[i] != '-') {
            std::string found(1, body[i]);
            if (isNonAscii(body[i])) found = "non-ASCII byte";
            return "invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], "
                   "found `" +
                   found + "` at " + std::to_string(offset + i + 1);
        }
    }
    if (body.find('-') == std::string_view::npos) {
        if (body.size() != 32) {
            return "invalid length: expected length 32 for simple format, found " +
                   std::to_string(body.size());
        }
        return std::nullopt;
    }
    static constexpr std::array<std::size_t, 5> kGroupLengths{8, 4, 4, 4, 12};
    std::size_t groups = 1;
    for (const char c : body)
        groups += c == '-' ? 1 : 0;
    if (groups != 5) return "invalid group count: expected 5, found " + std::to_string(groups);
    std::size_t start = 0;
    for (std::size_t group = 0; group < 5; ++group) {
        const std::size_t end = group == 4 ? body.size() : body.find('-', start);
        const std::size_t length = end - start;
        if (length != kGroupLengths[group]) {
            return "invalid group length in group " + std::to_string(group) + ": expected " +
                   std::to_string(kGroupLengths[group]) + ", found " + std::to_string(length);
        }
        start = end + 1;
    }
    return std::nullopt;
}

bool isCanonicalUuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < 36; ++i) {
        const char c = text[i];
        const bool ok = (i == 8 || i == 13 || i == 18 || i == 23)
                            ? c == '-'
                            : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        if (!ok) return false;
    }
    return true;
}

std::string canonicalUuid(std::string_view text) {
    // Built in place, one allocation: this runs for every uuid field of every request.
    std::string canonical(36, '-');
    std::string_view body = text;
    if (body.size() == 45) body.remove_prefix(9);
    std::size_t digits = 0;
    for (const char c : body) {
        if (!isHex(c)) continue;
        if (digits == 32) return std::string(text);
        const std::size_t at = digits + (digits >= 8) + (digits >= 12) + (digits >= 16) + (digits >= 20);
        canonical[at] = asciiLower(c);
        ++digits;
    }
    if (digits != 32) return std::string(text);
    return canonical;
}

std::optional<TemporalProblem> dateTimeProblem(std::string_view text) {
    Cursor c{text};
    if (auto error = parseDatePart(c)) return TemporalProblem{TemporalProblem::Part::Date, std::move(*error)};
    if (c.atEnd()) return std::nullopt;  // a bare date is midnight, as Pydantic's lax mode allows
    bool zero = false;
    if (auto error = parseTimePart(c, zero))
        return TemporalProblem{TemporalProblem::Part::Time, std::move(*error)};
    return std::nullopt;
}

std::optional<TemporalProblem> dateProblem(std::string_view text) {
    Cursor c{text};
    if (auto error = parseDatePart(c)) return TemporalProblem{TemporalProblem::Part::Date, std::move(*error)};
    if (c.atEnd()) return std::nullopt;
    bool zero = false;
    if (auto error = parseTimePart(c, zero))
        return TemporalProblem{TemporalProblem::Part::Time, std::move(*error)};
    if (!zero) {
        return TemporalProblem{TemporalProblem::Part::NonZeroTime,
                               "Datetimes provided to dates should have zero time - e.g. be exact dates"};
    }
    return std::nullopt;
}

std::optional<std::string> timeProblem(std::string_view text) {
    Cursor c{text};
    bool zero = false;
    return parseClock(c, zero);
}

std::optional<std::string> uriProblem(std::string_view text) {
    // The url crate trims C0 controls and spaces around the input first.
    while (!text.empty() && static_cast<unsigned char>(text.front()) <= 0x20)
        text.remove_prefix(1);
    while (!text.empty() && static_cast<unsigned char>(text.back()) <= 0x20)
        text.remove_suffix(1);
    if (text.empty()) return "input is empty";
    std::size_t colon = 0;
    if (!isAlpha(text[0])) return "relative URL without a base";
    while (colon < text.size() && (isAlpha(text[colon]) || isDigit(text[colon]) || text[colon] == '+' ||
                                   text[colon] == '-' || text[colon] == '.')) {
        ++colon;
    }
    if (colon >= text.size() || text[colon] != ':') return "relative URL without a base";
    const std::string_view scheme = text.substr(0, colon);
    std::string_view rest = text.substr(colon + 1);
    if (!isSpecialScheme(scheme) || equalsIgnoreCase(scheme, "file")) return std::nullopt;
    while (!rest.empty() && (rest.front() == '/' || rest.front() == '\\'))
        rest.remove_prefix(1);
    const std::size_t authorityEnd = rest.find_first_of("/\\?#");
    std::string_view authority = rest.substr(0, authorityEnd);
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos)
        authority.remove_prefix(at + 1);
    std::string_view host = authority;
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return "invalid IPv6 address";
        host = authority.substr(0, close + 1);
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty() && after.front() != ':') return "invalid IPv6 address";
        if (!after.empty()) port = after.substr(1);
        for (const char ch : host.substr(1, host.size() - 2)) {
            if (!isHex(ch) && ch != ':' && ch != '.') return "invalid IPv6 address";
        }
    } else if (const std::size_t portColon = authority.rfind(':'); portColon != std::string_view::npos) {
        host = authority.substr(0, portColon);
        port = authority.substr(portColon + 1);
    }
    if (host.empty()) return "empty host";
    static constexpr std::string_view kForbidden = " #%/:<>?@[\\]^|\t\n\r\"";
    if (host.front() != '[') {
        for (const char ch : host) {
            if (kForbidden.find(ch) != std::string_view::npos || static_cast<unsigned char>(ch) < 0x20) {
                return "invalid domain character";
            }
        }
    }
    if (!port.empty()) {
        std::uint32_t value = 0;
        for (const char ch : port) {
            if (!isDigit(ch)) return "invalid port number";
            value = value * 10 + static_cast<std::uint32_t>(ch - '0');
            if (value > 65535) return "invalid port number";
        }
    }
    return std::nullopt;
}

}  // namespace loadstar::schema
