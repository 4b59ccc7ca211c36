#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace loadstar::schema {

// Checks for the string formats a field may declare. Each returns nullopt for a
// valid value, otherwise the reason in the words of the library Pydantic relies
// on (email-validator, Rust's uuid and url crates, speedate), so that error
// messages read like FastAPI's.

// EmailStr: a dot-atom local part, '@', a domain with at least one period.
std::optional<std::string> emailProblem(std::string_view text);

// uuid.UUID: hyphenated, simple (32 hex digits), braced or urn:uuid: forms.
std::optional<std::string> uuidProblem(std::string_view text);
// The canonical lower-case hyphenated form of a value uuidProblem accepted.
std::string canonicalUuid(std::string_view text);
// Already in that form (the common case, checked first: one pass, nothing built).
bool isCanonicalUuid(std::string_view text);

// Where a date or date-time failed: in its date part, in its time part, or (for
// a date) a date-time whose time is not midnight.
struct TemporalProblem {
    enum class Part { Date, Time, NonZeroTime };
    Part part = Part::Date;
    std::string error;
};

// datetime: YYYY-MM-DD, optionally followed by [T t _ space]HH:MM[:SS[.ffffff]][Z|±HH[:]MM].
std::optional<TemporalProblem> dateTimeProblem(std::string_view text);
// date: YYYY-MM-DD, or a date-time at exactly midnight.
std::optional<TemporalProblem> dateProblem(std::string_view text);

// time: HH:MM[:SS[.ffffff]][Z|±HH[:]MM], in speedate's words.
std::optional<std::string> timeProblem(std::string_view text);

// AnyUrl: an absolute URL with a scheme; http(s), ws(s) and ftp need a host.
std::optional<std::string> uriProblem(std::string_view text);

}  // namespace loadstar::schema
