// Scalar types, lax coercion and every numeric/string/list constraint, each
// passing and failing, with whole error objects as FastAPI (Pydantic v2) sends them.
#include <gtest/gtest.h>

#include "tests/engine/schema/validator_test_support.h"

namespace loadstar::schema {
namespace {

using namespace testing;

class ScalarValidation : public ::testing::Test {
  protected:
    RequestValidator validator{std::make_shared<model::Project>()};
    const Json loc = Json::array({"body", "x"});

    TypeSpec withConstraints(TypeKind kind, const std::function<void(model::Constraints&)>& set) {
        TypeSpec type = scalar(kind);
        set(type.constraints);
        return type;
    }
};

TEST_F(ScalarValidation, StringAcceptsOnlyStrings) {
    const TypeSpec type = scalar(TypeKind::String);
    EXPECT_EQ(check(validator, type, "abc").value, Json("abc"));
    for (const Json& input : {Json(1), Json(true), Json(nullptr), Json::array(), Json::object(), Json(1.5)}) {
        const auto result = check(validator, type, input);
        ASSERT_EQ(result.errors.size(), 1u) << input.dump();
        EXPECT_EQ(result.errors[0], error("string_type", loc, "Input should be a valid string", input));
        EXPECT_TRUE(result.value.is_null());
    }
}

TEST_F(ScalarValidation, IntegerCoercesLikePydanticLaxMode) {
    const TypeSpec type = scalar(TypeKind::Integer);
    EXPECT_EQ(check(validator, type, 5).value, Json(5));
    EXPECT_EQ(check(validator, type, -5).value, Json(-5));
    EXPECT_EQ(check(validator, type, 5.0).value, Json(5));
    EXPECT_TRUE(check(validator, type, 5.0).value.is_number_integer());
    EXPECT_EQ(check(validator, type, "42").value, Json(42));
    EXPECT_EQ(check(validator, type, " -7 ").value, Json(-7));
    EXPECT_EQ(check(validator, type, "+3").value, Json(3));
    EXPECT_EQ(check(validator, type, "3.00").value, Json(3));
    EXPECT_EQ(check(validator, type, true).value, Json(1));
    EXPECT_EQ(check(validator, type, "18446744073709551615").value, Json(18446744073709551615ULL));
    EXPECT_TRUE(check(validator, type, 7).errors.empty());
}

TEST_F(ScalarValidation, IntegerErrors) {
    const TypeSpec type = scalar(TypeKind::Integer);
    EXPECT_EQ(
        check(validator, type, "abc").errors,
        std::vector{error("int_parsing", loc,
                          "Input should be a valid integer, unable to parse string as an integer", "abc")});
    EXPECT_EQ(check(validator, type, "1.5").errors[0].type, "int_parsing");
    EXPECT_EQ(check(validator, type, "").errors[0].type, "int_parsing");
    EXPECT_EQ(check(validator, type, "1e3").errors[0].type, "int_parsing");
    EXPECT_EQ(
        check(validator, type, 1.5).errors,
        std::vector{error("int_from_float", loc,
                          "Input should be a valid integer, got a number with a fractional part", 1.5)});
    EXPECT_EQ(check(validator, type, nullptr).errors,
              std::vector{error("int_type", loc, "Input should be a valid integer", nullptr)});
    EXPECT_EQ(check(validator, type, Json::array({1})).errors[0].type, "int_type");
    EXPECT_EQ(check(validator, type, "99999999999999999999999").errors,
              std::vector{error("int_parsing_size", loc,
                                "Unable to parse input string as an integer, exceeded maximum size",
                                "99999999999999999999999")});
}

TEST_F(ScalarValidation, NumberCoercion) {
    const TypeSpec type = scalar(TypeKind::Number);
    const auto fromInt = check(validator, type, 3);
    EXPECT_TRUE(fromInt.value.is_number_float());
    EXPECT_EQ(fromInt.value.dump(), "3.0");
    EXPECT_EQ(check(validator, type, 2.5).value, Json(2.5));
    EXPECT_EQ(check(validator, type, "2.5").value, Json(2.5));
    EXPECT_EQ(check(validator, type, " -1e3 ").value, Json(-1000.0));
    EXPECT_EQ(check(validator, type, ".5").value, Json(0.5));
    EXPECT_EQ(check(validator, type, false).value, Json(0.0));
    EXPECT_EQ(check(validator, type, "x1").errors,
              std::vector{error("float_parsing", loc,
                                "Input should be a valid number, unable to parse string as a number", "x1")});
    EXPECT_EQ(check(validator, type, "inf").errors[0].type, "float_parsing");
    EXPECT_EQ(check(validator, type, "0x10").errors[0].type, "float_parsing");
    EXPECT_EQ(check(validator, type, "1e").errors[0].type, "float_parsing");
    EXPECT_EQ(check(validator, type, Json::object()).errors,
              std::vector{error("float_type", loc, "Input should be a valid number", Json::object())});
}

TEST_F(ScalarValidation, BooleanCoercion) {
    const TypeSpec type = scalar(TypeKind::Boolean);
    for (const char* yes : {"true", "True", "YES", "y", "on", "1", "t"}) {
        EXPECT_EQ(check(validator, type, yes).value, Json(true)) << yes;
    }
    for (const char* no : {"false", "FALSE", "no", "n", "off", "0", "f"}) {
        EXPECT_EQ(check(validator, type, no).value, Json(false)) << no;
    }
    EXPECT_EQ(check(validator, type, true).value, Json(true));
    EXPECT_EQ(check(validator, type, 0).value, Json(false));
    EXPECT_EQ(check(validator, type, 1).value, Json(true));
    EXPECT_EQ(check(validator, type, "maybe").errors,
              std::vector{error("bool_parsing", loc,
                                "Input should be a valid boolean, unable to interpret input", "maybe")});
    EXPECT_EQ(check(validator, type, 2).errors[0].type, "bool_parsing");
    EXPECT_EQ(check(validator, type, nullptr).errors,
              std::vector{error("bool_type", loc, "Input should be a valid boolean", nullptr)});
}

TEST_F(ScalarValidation, IntegerBounds) {
    const TypeSpec ge = withConstraints(TypeKind::Integer, [](auto& c) { c.ge = 1; });
    EXPECT_TRUE(check(validator, ge, 1).errors.empty());
    EXPECT_EQ(check(validator, ge, 0).errors,
              std::vector{error("greater_than_equal", loc, "Input should be greater than or equal to 1", 0,
                                Json{{"ge", 1}})});
    const TypeSpec gt = withConstraints(TypeKind::Integer, [](auto& c) { c.gt = 0; });
    EXPECT_TRUE(check(validator, gt, 1).errors.empty());
    EXPECT_EQ(check(validator, gt, 0).errors,
              std::vector{error("greater_than", loc, "Input should be greater than 0", 0, Json{{"gt", 0}})});
    const TypeSpec le = withConstraints(TypeKind::Integer, [](auto& c) { c.le = 100; });
    EXPECT_TRUE(check(validator, le, 100).errors.empty());
    EXPECT_EQ(check(validator, le, "101").errors,
              std::vector{error("less_than_equal", loc, "Input should be less than or equal to 100", "101",
                                Json{{"le", 100}})});
    const TypeSpec lt = withConstraints(TypeKind::Integer, [](auto& c) { c.lt = 10; });
    EXPECT_TRUE(check(validator, lt, 9).errors.empty());
    EXPECT_EQ(check(validator, lt, 10).errors,
              std::vector{error("less_than", loc, "Input should be less than 10", 10, Json{{"lt", 10}})});
}

TEST_F(ScalarValidation, NumberBoundsPrintFractionsLikePython) {
    const TypeSpec type = withConstraints(TypeKind::Number, [](auto& c) {
        c.gt = 0.5;
        c.le = 2.25;
    });
    EXPECT_EQ(check(validator, type, 2.25).value, Json(2.25));
    EXPECT_EQ(
        check(validator, type, 0.5).errors,
        std::vector{error("greater_than", loc, "Input should be greater than 0.5", 0.5, Json{{"gt", 0.5}})});
    EXPECT_EQ(check(validator, type, 3).errors,
              std::vector{error("less_than_equal", loc, "Input should be less than or equal to 2.25", 3,
                                Json{{"le", 2.25}})});
    const TypeSpec tiny = withConstraints(TypeKind::Number, [](auto& c) { c.ge = 0.1; });
    EXPECT_EQ(check(validator, tiny, 0.05).errors[0].msg, "Input should be greater than or equal to 0.1");
}

TEST_F(ScalarValidation, ConstraintOrderFollowsPydanticCore) {
    // multiple_of is checked before the bounds, le before ge: one error per value.
    const TypeSpec type = withConstraints(TypeKind::Integer, [](auto& c) {
        c.multipleOf = 5;
        c.ge = 10;
        c.le = 20;
    });
    EXPECT_EQ(check(validator, type, 3).errors[0].type, "multiple_of");
    EXPECT_EQ(check(validator, type, 5).errors[0].type, "greater_than_equal");
    EXPECT_EQ(check(validator, type, 25).errors[0].type, "less_than_equal");
    EXPECT_EQ(check(validator, type, 3).errors.size(), 1u);
}

TEST_F(ScalarValidation, MultipleOf) {
    const TypeSpec ints = withConstraints(TypeKind::Integer, [](auto& c) { c.multipleOf = 3; });
    EXPECT_TRUE(check(validator, ints, -9).errors.empty());
    EXPECT_EQ(check(validator, ints, 10).errors,
              std::vector{error("multiple_of", loc, "Input should be a multiple of 3", 10,
                                Json{{"multiple_of", 3}})});
    const TypeSpec floats = withConstraints(TypeKind::Number, [](auto& c) { c.multipleOf = 0.1; });
    EXPECT_TRUE(check(validator, floats, 0.3).errors.empty());  // 0.3 % 0.1 is not 0 in binary: tolerance
    EXPECT_TRUE(check(validator, floats, 12.7).errors.empty());
    EXPECT_EQ(check(validator, floats, 0.35).errors,
              std::vector{error("multiple_of", loc, "Input should be a multiple of 0.1", 0.35,
                                Json{{"multiple_of", 0.1}})});
}

TEST_F(ScalarValidation, StringLengthsCountCharactersNotBytes) {
    const TypeSpec type = withConstraints(TypeKind::String, [](auto& c) {
        c.minLength = 1;
        c.maxLength = 3;
    });
    EXPECT_EQ(check(validator, type, "é€😀").value, Json("é€😀"));  // 3 characters, 9 bytes
    EXPECT_EQ(check(validator, type, "").errors,
              std::vector{error("string_too_short", loc, "String should have at least 1 character", "",
                                Json{{"min_length", 1}})});
    EXPECT_EQ(check(validator, type, "abcd").errors,
              std::vector{error("string_too_long", loc, "String should have at most 3 characters", "abcd",
                                Json{{"max_length", 3}})});
    const TypeSpec two = withConstraints(TypeKind::String, [](auto& c) {
        c.minLength = 2;
        c.maxLength = 1;
    });
    EXPECT_EQ(check(validator, two, "a").errors[0].msg, "String should have at least 2 characters");
    EXPECT_EQ(check(validator, two, "ab").errors[0].msg, "String should have at most 1 character");
}

TEST_F(ScalarValidation, PatternSearchesLikePythonReSearch) {
    const TypeSpec unanchored = withConstraints(TypeKind::String, [](auto& c) { c.pattern = "[0-9]+"; });
    EXPECT_TRUE(check(validator, unanchored, "abc123def").errors.empty());
    EXPECT_EQ(check(validator, unanchored, "abc").errors,
              std::vector{error("string_pattern_mismatch", loc, "String should match pattern '[0-9]+'", "abc",
                                Json{{"pattern", "[0-9]+"}})});
    const TypeSpec anchored = withConstraints(TypeKind::String, [](auto& c) { c.pattern = "^x$"; });
    EXPECT_TRUE(check(validator, anchored, "x").errors.empty());
    EXPECT_EQ(check(validator, anchored, "xx").errors,
              std::vector{error("string_pattern_mismatch", loc, "String should match pattern '^x$'", "xx",
                                Json{{"pattern", "^x$"}})});
    // Length is checked before the pattern.
    const TypeSpec both = withConstraints(TypeKind::String, [](auto& c) {
        c.pattern = "^a+$";
        c.maxLength = 2;
    });
    EXPECT_EQ(check(validator, both, "bbb").errors[0].type, "string_too_long");
}

TEST_F(ScalarValidation, PatternRe2CannotCompileIsAMismatchThatSaysWhy) {
    const TypeSpec type = withConstraints(TypeKind::String, [](auto& c) { c.pattern = "(a"; });
    const auto result = check(validator, type, "a");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].type, "string_pattern_mismatch");
    EXPECT_EQ(result.errors[0].msg,
              "String should match pattern '(a' (the pattern is invalid: missing ): (a)");
    EXPECT_EQ(result.errors[0].ctx, (Json{{"pattern", "(a"}}));
    // A backreference is valid Python but not RE2: refused the same way, no crash.
    const TypeSpec backref = withConstraints(TypeKind::String, [](auto& c) { c.pattern = "(a)\\1"; });
    EXPECT_EQ(check(validator, backref, "aa").errors[0].type, "string_pattern_mismatch");
}

TEST_F(ScalarValidation, EnumOfStrings) {
    const TypeSpec type = TypeSpec::enumeration({"a", "b", "c"});
    EXPECT_EQ(check(validator, type, "b").value, Json("b"));
    EXPECT_EQ(check(validator, type, "d").errors,
              std::vector{error("enum", loc, "Input should be 'a', 'b' or 'c'", "d",
                                Json{{"expected", "'a', 'b' or 'c'"}})});
    EXPECT_EQ(check(validator, type, 1).errors[0].type, "enum");
    EXPECT_EQ(check(validator, TypeSpec::enumeration({"x", "y"}), "z").errors[0].msg,
              "Input should be 'x' or 'y'");
    EXPECT_EQ(check(validator, TypeSpec::enumeration({"only"}), "z").errors[0].msg, "Input should be 'only'");
    EXPECT_EQ(check(validator, TypeSpec::enumeration({"it's"}), "z").errors[0].msg,
              "Input should be \"it's\"");
}

TEST_F(ScalarValidation, EnumOfIntegersTakesTextInLaxMode) {
    const TypeSpec type = TypeSpec::enumeration({1, 2, 3});
    EXPECT_EQ(check(validator, type, 2).value, Json(2));
    EXPECT_EQ(check(validator, type, "2").value, Json(2));
    EXPECT_EQ(check(validator, type, 2.0).value, Json(2));
    EXPECT_EQ(check(validator, type, true).errors.size(), 1u);
    EXPECT_EQ(check(validator, type, 4).errors, std::vector{error("enum", loc, "Input should be 1, 2 or 3", 4,
                                                                  Json{{"expected", "1, 2 or 3"}})});
}

TEST_F(ScalarValidation, ListTypeAndItemCounts) {
    TypeSpec type = TypeSpec::arrayOf(scalar(TypeKind::Integer));
    type.constraints.minItems = 1;
    type.constraints.maxItems = 2;
    EXPECT_EQ(check(validator, type, Json::array({"1", 2})).value, Json::array({1, 2}));
    EXPECT_EQ(check(validator, type, "abc").errors,
              std::vector{error("list_type", loc, "Input should be a valid list", "abc")});
    EXPECT_EQ(check(validator, type, Json::array()).errors,
              std::vector{error("too_short", loc, "List should have at least 1 item after validation, not 0",
                                Json::array(),
                                Json{{"field_type", "List"}, {"min_length", 1}, {"actual_length", 0}})});
    EXPECT_EQ(check(validator, type, Json::array({1, 2, 3})).errors,
              std::vector{error("too_long", loc, "List should have at most 2 items after validation, not 3",
                                Json::array({1, 2, 3}),
                                Json{{"field_type", "List"}, {"max_length", 2}, {"actual_length", 3}})});
    TypeSpec many = TypeSpec::arrayOf(scalar(TypeKind::Integer));
    many.constraints.minItems = 3;
    EXPECT_EQ(check(validator, many, Json::array({1})).errors[0].msg,
              "List should have at least 3 items after validation, not 1");
}

TEST_F(ScalarValidation, ItemErrorsCarryTheirIndexAndSuppressTooShort) {
    TypeSpec type = TypeSpec::arrayOf(scalar(TypeKind::Integer));
    type.constraints.minItems = 5;
    const auto result = check(validator, type, Json::array({1, "x", 3, 4.5}));
    EXPECT_EQ(result.errors,
              (std::vector{
                  error("int_parsing", Json::array({"body", "x", 1}),
                        "Input should be a valid integer, unable to parse string as an integer", "x"),
                  error("int_from_float", Json::array({"body", "x", 3}),
                        "Input should be a valid integer, got a number with a fractional part", 4.5),
              }));
}

TEST_F(ScalarValidation, ArraysOfArraysOfNumbers) {
    TypeSpec inner = TypeSpec::arrayOf(scalar(TypeKind::Number));
    inner.constraints.minItems = 1;
    const TypeSpec type = TypeSpec::arrayOf(inner);
    EXPECT_EQ(check(validator, type, Json::parse("[[1, 2.5], [3]]")).value.dump(), "[[1.0,2.5],[3.0]]");
    EXPECT_EQ(check(validator, type, Json::parse("[[1], [], [\"a\"], 4]")).errors,
              (std::vector{
                  error("too_short", Json::array({"body", "x", 1}),
                        "List should have at least 1 item after validation, not 0", Json::array(),
                        Json{{"field_type", "List"}, {"min_length", 1}, {"actual_length", 0}}),
                  error("float_parsing", Json::array({"body", "x", 2, 0}),
                        "Input should be a valid number, unable to parse string as a number", "a"),
                  error("list_type", Json::array({"body", "x", 3}), "Input should be a valid list", 4),
              }));
}

TEST_F(ScalarValidation, ErrorJsonKeysInFastApiOrder) {
    const auto e = error("greater_than_equal", Json::array({"query", "limit"}),
                         "Input should be greater than or equal to 1", "0", Json{{"ge", 1}});
    EXPECT_EQ(
        e.toJson().dump(),
        R"({"type":"greater_than_equal","loc":["query","limit"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}})");
    EXPECT_EQ(errorBody({error("missing", Json::array({"body"}), "Field required", nullptr)}).dump(),
              R"({"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]})");
    EXPECT_EQ(errorBody({}).dump(), R"({"detail":[]})");
}

}  // namespace
}  // namespace loadstar::schema
