// String formats: email, uuid, date-time, date, uri, with Pydantic's error
// types and the reasons its libraries give.
#include <gtest/gtest.h>

#include "engine/schema/string_formats.h"
#include "tests/engine/schema/validator_test_support.h"

namespace loadstar::schema {
namespace {

using namespace testing;

class FormatValidation : public ::testing::Test {
  protected:
    RequestValidator validator{std::make_shared<model::Project>()};
    const Json loc = Json::array({"body", "v"});

    ValueResult run(model::StringFormat format, const Json& input) {
        TypeSpec type = scalar(TypeKind::String);
        type.constraints.format = format;
        return check(validator, type, input, loc);
    }
};

TEST_F(FormatValidation, Email) {
    for (const char* ok :
         {"a@example.com", "first.last+tag@sub.example.org", "o'neil@example.ie", "ü@bücher.de"}) {
        EXPECT_TRUE(run(model::StringFormat::Email, ok).errors.empty()) << ok;
    }
    const auto reason = [](const char* text) { return emailProblem(text).value_or("(valid)"); };
    EXPECT_EQ(run(model::StringFormat::Email, "no-at-sign").errors,
              std::vector{error("value_error", loc,
                                "value is not a valid email address: An email address must have an @-sign.",
                                "no-at-sign", Json{{"reason", "An email address must have an @-sign."}})});
    EXPECT_EQ(reason("@example.com"), "There must be something before the @-sign.");
    EXPECT_EQ(reason("a@"), "There must be something after the @-sign.");
    EXPECT_EQ(reason("a@localhost"), "The part after the @-sign is not valid. It should have a period.");
    EXPECT_EQ(reason("a b<@x.com"),
              "The email address contains invalid characters before the @-sign: SPACE, '<'.");
    EXPECT_EQ(reason(".a@x.com"), "An email address cannot start with a period.");
    EXPECT_EQ(reason("a.@x.com"), "An email address cannot have a period immediately before the @-sign.");
    EXPECT_EQ(reason("a..b@x.com"), "An email address cannot have two periods in a row.");
    EXPECT_EQ(reason("a@x_y.com"), "The part after the @-sign contains invalid characters: '_'.");
    EXPECT_EQ(reason("a@-x.com"), "An email address cannot have a hyphen immediately after the @-sign.");
    EXPECT_EQ(run(model::StringFormat::Email, 5).errors[0].type, "string_type");
}

TEST_F(FormatValidation, UuidAcceptsPythonsFormsAndCanonicalises) {
    const char* canonical = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
    for (const char* form :
         {"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "A0EEBC999C0B4EF8BB6D6BB9BD380A11",
          "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", "urn:uuid:a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}) {
        const auto result = run(model::StringFormat::Uuid, form);
        EXPECT_TRUE(result.errors.empty()) << form;
        EXPECT_EQ(result.value, Json(canonical)) << form;
    }
}

TEST_F(FormatValidation, OnlyTheCanonicalUuidFormSkipsTheFullCheck) {
    EXPECT_TRUE(isCanonicalUuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
    for (const char* other : {"A0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc999-c0b-4ef8-bb6d-6bb9bd380a11",
                              "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1",
                              "a0eebc99x9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc999c0b4ef8bb6d6bb9bd380a11"}) {
        EXPECT_FALSE(isCanonicalUuid(other)) << other;
    }
    // A misplaced hyphen is not canonical, and the full check refuses it.
    EXPECT_EQ(run(model::StringFormat::Uuid, "a0eebc999-c0b-4ef8-bb6d-6bb9bd380a11").errors.at(0).type,
              "uuid_parsing");
}

TEST_F(FormatValidation, UuidErrors) {
    EXPECT_EQ(run(model::StringFormat::Uuid, "123").errors,
              std::vector{error(
                  "uuid_parsing", loc,
                  "Input should be a valid UUID, invalid length: expected length 32 for simple format, "
                  "found 3",
                  "123", Json{{"error", "invalid length: expected length 32 for simple format, found 3"}})});
    EXPECT_EQ(uuidProblem("a0eebc99-9c0b-4ef8-bb6d"), "invalid group count: expected 5, found 4");
    EXPECT_EQ(uuidProblem("a0eebc999-c0b-4ef8-bb6d-6bb9bd380a11"),
              "invalid group length in group 0: expected 8, found 9");
    EXPECT_EQ(uuidProblem("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1z"),
              "invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found "
              "`z` at 36");
    EXPECT_EQ(run(model::StringFormat::Uuid, 7).errors,
              std::vector{error("uuid_type", loc, "UUID input should be a string, bytes or UUID object", 7)});
}

TEST_F(FormatValidation, DateTime) {
    for (const char* ok : {"2024-02-29T12:30:00Z", "2024-01-01 10:00", "2024-01-01T10:00:00.123456+05:30",
                           "2024-01-01t10:00:00-0800", "2024-01-01"}) {
        const auto result = run(model::StringFormat::DateTime, ok);
        EXPECT_TRUE(result.errors.empty()) << ok;
        EXPECT_EQ(result.value, Json(ok));
    }
    // A broken date part: Pydantic reports it as datetime_from_date_parsing.
    EXPECT_EQ(run(model::StringFormat::DateTime, "2023-13-01").errors,
              std::vector{error(
                  "datetime_from_date_parsing", loc,
                  "Input should be a valid datetime or date, month value is outside expected range of 1-12",
                  "2023-13-01", Json{{"error", "month value is outside expected range of 1-12"}})});
    EXPECT_EQ(run(model::StringFormat::DateTime, "20").errors[0].msg,
              "Input should be a valid datetime or date, input is too short");
    EXPECT_EQ(run(model::StringFormat::DateTime, "2023-02-29T00:00").errors[0].msg,
              "Input should be a valid datetime or date, day value is outside expected range");
    EXPECT_EQ(run(model::StringFormat::DateTime, "2024-01-01T25:00").errors,
              std::vector{error(
                  "datetime_parsing", loc,
                  "Input should be a valid datetime, hour value is outside expected range of 0-23",
                  "2024-01-01T25:00", Json{{"error", "hour value is outside expected range of 0-23"}})});
    const auto problem = [](const char* text) {
        return dateTimeProblem(text).value_or(TemporalProblem{}).error;
    };
    EXPECT_EQ(problem("2024-01-01X10:00"), "invalid datetime separator, expected `T`, `t`, `_` or space");
    EXPECT_EQ(problem("2024-01-01T10:00:00+2"), "invalid timezone hour");
    EXPECT_EQ(problem("2024-01-01T10:00:00Zjunk"), "unexpected extra characters at the end of the input");
    EXPECT_EQ(problem("2024-01-01T10:00:00.1234567"), "second fraction value is more than 6 digits long");
    EXPECT_EQ(problem("2024/01/01"), "invalid date separator, expected `-`");
    EXPECT_EQ(run(model::StringFormat::DateTime, 1700000000).errors,
              std::vector{error("datetime_type", loc, "Input should be a valid datetime", 1700000000)});
}

TEST_F(FormatValidation, Date) {
    EXPECT_EQ(run(model::StringFormat::Date, "2024-02-29").value, Json("2024-02-29"));
    EXPECT_EQ(run(model::StringFormat::Date, "2024-02-29T00:00:00").value, Json("2024-02-29"));
    EXPECT_EQ(run(model::StringFormat::Date, "2024-1-1").errors,
              std::vector{error("date_from_datetime_parsing", loc,
                                "Input should be a valid date or datetime, input is too short", "2024-1-1",
                                Json{{"error", "input is too short"}})});
    EXPECT_EQ(run(model::StringFormat::Date, "2023-02-29").errors[0].msg,
              "Input should be a valid date or datetime, day value is outside expected range");
    EXPECT_EQ(run(model::StringFormat::Date, "2024-01-01T10:00").errors,
              std::vector{error("date_from_datetime_inexact", loc,
                                "Datetimes provided to dates should have zero time - e.g. be exact dates",
                                "2024-01-01T10:00")});
    EXPECT_EQ(run(model::StringFormat::Date, false).errors,
              std::vector{error("date_type", loc, "Input should be a valid date", false)});
}

TEST_F(FormatValidation, Uri) {
    for (const char* ok : {"https://example.com/x?y=1#z", "http://user:pw@host:8080/", "mailto:a@b.c",
                           "http://[::1]:80/", "urn:isbn:0451450523"}) {
        EXPECT_TRUE(run(model::StringFormat::Uri, ok).errors.empty()) << ok;
    }
    EXPECT_EQ(
        run(model::StringFormat::Uri, "example.com").errors,
        std::vector{error("url_parsing", loc, "Input should be a valid URL, relative URL without a base",
                          "example.com", Json{{"error", "relative URL without a base"}})});
    EXPECT_EQ(uriProblem("http://"), "empty host");
    EXPECT_EQ(uriProblem("http://host:99999/"), "invalid port number");
    EXPECT_EQ(uriProblem("http://ho st/"), "invalid domain character");
    EXPECT_EQ(uriProblem(""), "input is empty");
    EXPECT_EQ(run(model::StringFormat::Uri, Json::array()).errors,
              std::vector{error("url_type", loc, "URL input should be a string or URL", Json::array())});
}

TEST_F(FormatValidation, LengthConstraintsApplyBeforeTheFormat) {
    TypeSpec type = scalar(TypeKind::String);
    type.constraints.format = model::StringFormat::Email;
    type.constraints.maxLength = 5;
    EXPECT_EQ(check(validator, type, "abcdef@x.com", loc).errors[0].type, "string_too_long");
}

}  // namespace
}  // namespace loadstar::schema
