#include <set>
#include <utility>

#include <gtest/gtest.h>

#include "engine/schema/sample_generator.h"
#include "sample_test_support.h"

namespace loadstar::schema {
namespace {

using namespace testing;

std::set<std::pair<std::string, std::string>> kinds(const std::vector<InvalidVariant>& variants) {
    std::set<std::pair<std::string, std::string>> out;
    for (const InvalidVariant& v : variants)
        out.emplace(v.expected.type, v.expected.loc.dump());
    return out;
}

TEST(SampleInvalidVariants, EmbedRequestGetsOneVariantPerConstraint) {
    model::Project project;
    project.models.push_back(modelOf(
        "EmbedRequest",
        {field("texts", arrayOf(typed(TypeKind::String, Constraints{.minLength = 1, .maxLength = 2048}),
                                Constraints{.minItems = 1, .maxItems = 64}))}));
    const TypeSpec body = TypeSpec::object("EmbedRequest");
    const std::vector<InvalidVariant> variants = invalidBodyVariants(project, body, 7);

    std::vector<std::pair<std::string, Json>> got;
    for (const InvalidVariant& v : variants)
        got.emplace_back(v.expected.type, v.expected.loc);
    const std::vector<std::pair<std::string, Json>> expected{
        {"model_attributes_type", Json::array({"body"})},
        {"missing", Json::array({"body", "texts"})},
        {"list_type", Json::array({"body", "texts"})},
        {"too_short", Json::array({"body", "texts"})},
        {"too_long", Json::array({"body", "texts"})},
        {"string_type", Json::array({"body", "texts", 0})},
        {"string_too_short", Json::array({"body", "texts", 0})},
        {"string_too_long", Json::array({"body", "texts", 0})},
    };
    EXPECT_EQ(got, expected);

    ASSERT_EQ(variants.size(), expected.size());
    EXPECT_EQ(variants[0].body, Json(42));
    EXPECT_EQ(variants[1].body, Json::object());
    EXPECT_EQ(variants[3].description, "texts: 0 items, below min_items 1");
    EXPECT_EQ(variants[3].body, Json({{"texts", Json::array()}}));
    EXPECT_EQ(variants[4].body["texts"].size(), 65u);
    EXPECT_EQ(variants[6].body["texts"][0], "");
    EXPECT_EQ(variants[7].body["texts"][0].get<std::string>().size(), 2049u);
    EXPECT_EQ(variants[7].description, "texts[0]: 2049 characters, above max_length 2048");
    for (const InvalidVariant& v : variants) {
        const std::vector<FoundError> errors = errorsOf(project, body, v.body);
        ASSERT_EQ(errors.size(), 1u) << v.description << "\n" << dump(errors);
        EXPECT_EQ(errors[0].type, v.expected.type) << v.description;
        EXPECT_EQ(errors[0].loc, v.expected.loc) << v.description;
    }
}

TEST(SampleInvalidVariants, EveryVariantOfANestedModelBreaksExactlyOneThing) {
    const auto project = bookstore();
    const TypeSpec book = TypeSpec::object("Book");
    for (const std::uint64_t seed : {1ULL, 2ULL, 99ULL}) {
        const std::vector<InvalidVariant> variants = invalidBodyVariants(*project, book, seed);
        EXPECT_EQ(kinds(variants).size(), variants.size()) << "no duplicates";
        for (const InvalidVariant& v : variants) {
            const std::vector<FoundError> errors = errorsOf(*project, book, v.body);
            ASSERT_EQ(errors.size(), 1u) << "seed " << seed << " " << v.description << "\n"
                                         << v.body.dump() << "\n"
                                         << dump(errors);
            EXPECT_EQ(errors[0].type, v.expected.type) << v.description;
            EXPECT_EQ(errors[0].loc, v.expected.loc) << v.description;
        }
    }
}

TEST(SampleInvalidVariants, CoverEveryViolableConstraint) {
    const auto project = bookstore();
    const auto found = kinds(invalidBodyVariants(*project, TypeSpec::object("Book"), 5));
    const auto loc = [](std::initializer_list<Json> steps) {
        Json l = Json::array({"body"});
        for (const Json& s : steps)
            l.push_back(s);
        return l.dump();
    };
    const std::vector<std::pair<std::string, std::string>> wanted{
        {"model_attributes_type", loc({})},
        {"missing", loc({"id"})},
        {"int_parsing", loc({"id"})},
        {"greater_than_equal", loc({"id"})},
        {"string_type", loc({"title"})},
        {"string_too_short", loc({"title"})},
        {"string_too_long", loc({"title"})},
        {"string_pattern_mismatch", loc({"isbn"})},
        {"string_too_short", loc({"code"})},
        {"string_too_long", loc({"code"})},
        {"string_pattern_mismatch", loc({"code"})},
        {"float_parsing", loc({"price"})},
        {"greater_than", loc({"price"})},
        {"less_than_equal", loc({"price"})},
        {"multiple_of", loc({"price"})},
        {"greater_than_equal", loc({"rating"})},
        {"less_than", loc({"rating"})},
        {"multiple_of", loc({"stock"})},
        {"less_than_equal", loc({"stock"})},
        {"greater_than", loc({"discount"})},
        {"less_than", loc({"discount"})},
        {"enum", loc({"genre"})},
        {"enum", loc({"edition"})},
        {"list_type", loc({"tags"})},
        {"too_short", loc({"tags"})},
        {"too_long", loc({"tags"})},
        {"string_pattern_mismatch", loc({"tags", 0})},
        {"model_attributes_type", loc({"author"})},
        {"missing", loc({"author", "name"})},
        {"uuid_parsing", loc({"author", "id"})},
        {"value_error", loc({"author", "email"})},
        {"string_type", loc({"author", "email"})},
        {"date_from_datetime_parsing", loc({"author", "born"})},
        {"url_parsing", loc({"author", "website"})},
        {"too_long", loc({"coauthors"})},
        {"model_attributes_type", loc({"coauthors", 0})},
        {"missing", loc({"coauthors", 0, "id"})},
        {"datetime_from_date_parsing", loc({"published"})},
        {"too_short", loc({"matrix"})},
        {"too_long", loc({"matrix"})},
        {"too_short", loc({"matrix", 0})},
        {"float_parsing", loc({"matrix", 0, 0})},
        {"bool_parsing", loc({"in_stock"})},
        {"extra_forbidden", loc({"unexpected_field"})},
    };
    for (const auto& w : wanted)
        EXPECT_TRUE(found.count(w)) << w.first << " at " << w.second;
    // Types whose wrong-type error is not predictable are left alone: a number for a
    // uuid or a date is read as an integer UUID or a timestamp.
    EXPECT_FALSE(found.count({"string_type", loc({"author", "id"})}));
    EXPECT_FALSE(found.count({"string_type", loc({"author", "born"})}));
    // No multiple_of for a stepless integer, no minimum for an array without one.
    EXPECT_FALSE(found.count({"multiple_of", loc({"id"})}));
    EXPECT_FALSE(found.count({"too_short", loc({"coauthors"})}));
}

TEST(SampleInvalidVariants, ConstraintsThatCannotBeBrokenAloneAreSkipped) {
    model::Project project;
    project.models.push_back(modelOf(
        "Zip", {
                   // Every string of length 4 or 6 breaks the pattern too.
                   field("zip", typed(TypeKind::String,
                                      Constraints{.minLength = 5, .maxLength = 5, .pattern = R"(^\d{5}$)"})),
                   // Everything matches .*
                   field("note", typed(TypeKind::String, Constraints{.pattern = ".*"})),
               }));
    const auto variants = invalidBodyVariants(project, TypeSpec::object("Zip"), 1);
    const auto found = kinds(variants);
    EXPECT_FALSE(found.count({"string_too_short", R"(["body","zip"])"}));
    EXPECT_FALSE(found.count({"string_too_long", R"(["body","zip"])"}));
    EXPECT_TRUE(found.count({"string_pattern_mismatch", R"(["body","zip"])"}));
    EXPECT_FALSE(found.count({"string_pattern_mismatch", R"(["body","note"])"}));
    for (const InvalidVariant& v : variants) {
        EXPECT_EQ(errorsOf(project, TypeSpec::object("Zip"), v.body).size(), 1u) << v.description;
    }
}

TEST(SampleInvalidVariants, SameSeedSameVariants) {
    const auto project = bookstore();
    const auto a = invalidBodyVariants(*project, TypeSpec::object("Book"), 3);
    const auto b = invalidBodyVariants(*project, TypeSpec::object("Book"), 3);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].description, b[i].description);
        EXPECT_EQ(a[i].body.dump(), b[i].body.dump());
        EXPECT_EQ(a[i].expected, b[i].expected);
    }
}

TEST(SampleInvalidVariants, ArrayBodiesAndScalarBodies) {
    const auto project = bookstore();
    const TypeSpec authors = arrayOf(TypeSpec::object("Author"), Constraints{.minItems = 1});
    const auto variants = invalidBodyVariants(*project, authors, 4);
    const auto found = kinds(variants);
    EXPECT_TRUE(found.count({"list_type", R"(["body"])"}));
    EXPECT_TRUE(found.count({"too_short", R"(["body"])"}));
    EXPECT_TRUE(found.count({"missing", R"(["body",0,"name"])"}));
    for (const InvalidVariant& v : variants) {
        EXPECT_EQ(errorsOf(*project, authors, v.body).size(), 1u) << v.description;
    }
    const auto plain = invalidBodyVariants(*project, typed(TypeKind::Integer, Constraints{.le = 3}), 4);
    ASSERT_EQ(plain.size(), 2u);
    EXPECT_EQ(plain[1].body, Json(4));
    EXPECT_EQ(plain[1].description, "body: 4, above le 3");
}

}  // namespace
}  // namespace loadstar::schema
