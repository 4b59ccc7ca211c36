// Sample generation for the type system's newer shapes: every valid sample
// validates (by the validator and by the independent checker), nullable values
// are sometimes null, unique arrays hold distinct items, tagged unions carry a
// tag of the variant they are; and every invalid variant fails with exactly the
// error it predicts.

#include <map>
#include <set>

#include <gtest/gtest.h>

#include "engine/schema/request_validator.h"
#include "engine/schema/sample_generator.h"
#include "sample_test_support.h"

namespace loadstar::schema {
namespace {

using namespace testing;

TypeSpec nullable(TypeSpec type) {
    type.nullable = true;
    return type;
}

TypeSpec formatted(StringFormat format, Constraints c = {}) {
    c.format = format;
    return typed(TypeKind::String, c);
}

TypeSpec pets() {
    TypeSpec pets = TypeSpec::unionOf({TypeSpec::object("Cat"), TypeSpec::object("Dog")}, true);
    pets.discriminator = model::Discriminator{"kind", {{"hound", "Dog"}}};
    return pets;
}

std::shared_ptr<model::Project> zoo() {
    auto p = std::make_shared<model::Project>();
    p->models.push_back(modelOf("Cat",
                                {field("kind", TypeSpec::literal("cat")),
                                 field("lives", typed(TypeKind::Integer, Constraints{.ge = 1, .le = 9}))},
                                model::ExtraFields::Forbid));
    p->models.push_back(modelOf(
        "Dog", {field("kind", typed(TypeKind::String)),
                field("name", typed(TypeKind::String, Constraints{.minLength = 1, .maxLength = 12}))}));
    TypeSpec tags =
        arrayOf(typed(TypeKind::String, Constraints{.pattern = "^[a-z]{2,6}$"}), Constraints{.maxItems = 4});
    tags.constraints.uniqueItems = true;
    TypeSpec colours = arrayOf(TypeSpec::enumeration({"red", "green", "blue"}), Constraints{.minItems = 3});
    colours.constraints.uniqueItems = true;
    TypeSpec labels = TypeSpec::mapOf(typed(TypeKind::String, Constraints{.maxLength = 10}));
    TypeSpec id =
        TypeSpec::unionOf({typed(TypeKind::Integer, Constraints{.ge = 1}), formatted(StringFormat::Uuid)});
    p->models.push_back(modelOf(
        "Keeper",
        {field("pet", pets()), field("backup", nullable(pets())), field("tags", tags),
         field("colours", colours), field("labels", labels), field("id", id),
         field("note", nullable(typed(TypeKind::String, Constraints{.maxLength = 5}))),
         field("species", TypeSpec::literal("human")), field("extra", TypeSpec::any()),
         field("shift", formatted(StringFormat::Time)), field("ip", nullable(formatted(StringFormat::Ipv4))),
         field("ip6", formatted(StringFormat::Ipv6)), field("host", formatted(StringFormat::Hostname)),
         field("photo", formatted(StringFormat::Byte, Constraints{.maxLength = 23})),
         field("raw", formatted(StringFormat::Binary, Constraints{.minLength = 2})),
         field("next", nullable(TypeSpec::object("Keeper")))}));
    return p;
}

TEST(SampleTypes, EveryValidSampleValidates) {
    const auto project = zoo();
    const RequestValidator validator(project);
    const TypeSpec keeper = TypeSpec::object("Keeper");
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        SampleGenerator gen(project, seed);
        const Json value = gen.value(keeper);
        std::vector<ValidationError> errors;
        validator.validateValue(keeper, value, Json::array({"body"}), errors);
        EXPECT_TRUE(errors.empty()) << "seed " << seed << ": " << value.dump() << "\n  -> "
                                    << errorBody(errors).dump();
        EXPECT_EQ(dump(errorsOf(*project, keeper, value)), "") << "seed " << seed << ": " << value.dump();
    }
}

TEST(SampleTypes, NullableUnionsAndUniqueItemsVaryAsTheyShould) {
    const auto project = zoo();
    std::set<std::string> petKinds;
    int nullNotes = 0;
    int notes = 0;
    for (std::uint64_t seed = 1; seed <= 80; ++seed) {
        SampleGenerator gen(project, seed);
        const Json keeper = gen.modelValue("Keeper");
        petKinds.insert(keeper.at("pet").at("kind").get<std::string>());
        (keeper.at("note").is_null() ? nullNotes : notes) += 1;
        // Three colours out of three: all of them, each once.
        std::set<std::string> colours;
        for (const Json& c : keeper.at("colours"))
            colours.insert(c.get<std::string>());
        EXPECT_EQ(colours.size(), 3u) << keeper.at("colours").dump();
        EXPECT_EQ(keeper.at("species"), "human");
    }
    // Both variants, by every tag a variant answers to ("dog" is not one: the mapping names Dog "hound").
    EXPECT_EQ(petKinds, (std::set<std::string>{"cat", "hound"}));
    EXPECT_GT(nullNotes, 0);
    EXPECT_GT(notes, nullNotes);
}

TEST(SampleTypes, ACollectionOfTooFewDistinctValuesCannotBeGenerated) {
    const auto project = zoo();
    SampleGenerator gen(project, 1);
    TypeSpec flags = arrayOf(typed(TypeKind::Boolean), Constraints{.minItems = 3});
    flags.constraints.uniqueItems = true;
    EXPECT_FALSE(gen.canGenerate(flags));
    flags.constraints.minItems = 2;
    EXPECT_TRUE(gen.canGenerate(flags));
    EXPECT_TRUE(gen.canGenerate(nullable(TypeSpec::object("Nowhere"))));  // null will do
    EXPECT_FALSE(gen.canGenerate(TypeSpec::unionOf({TypeSpec::object("Nowhere")})));
    EXPECT_TRUE(gen.canGenerate(TypeSpec::unionOf({TypeSpec::object("Nowhere"), typed(TypeKind::Integer)})));
}

TEST(SampleTypes, InvalidVariantsOfTheNewKindsFailAsPredicted) {
    const auto project = zoo();
    const TypeSpec keeper = TypeSpec::object("Keeper");
    const RequestValidator validator(project);
    std::map<std::string, std::set<std::string>> seen;  // error type -> locs
    for (const std::uint64_t seed : {1ULL, 2ULL, 3ULL, 4ULL}) {
        for (const InvalidVariant& v : invalidBodyVariants(*project, keeper, seed)) {
            std::vector<ValidationError> errors;
            validator.validateValue(keeper, v.body, Json::array({"body"}), errors);
            ASSERT_EQ(errors.size(), 1u)
                << v.description << ": " << v.body.dump() << "\n  -> " << errorBody(errors).dump();
            EXPECT_EQ(errors[0].type, v.expected.type) << v.description;
            EXPECT_EQ(errors[0].loc, v.expected.loc) << v.description;
            seen[v.expected.type].insert(v.expected.loc.dump());
        }
    }
    const auto has = [&](const std::string& type, const Json& loc) {
        return seen[type].count(loc.dump()) > 0;
    };
    EXPECT_TRUE(has("union_tag_not_found", Json{"body", "pet"}));
    EXPECT_TRUE(has("union_tag_invalid", Json{"body", "pet"}));
    EXPECT_TRUE(has("model_attributes_type", Json{"body", "pet"}));
    // Inside the chosen variant, under its tag.
    EXPECT_TRUE(has("less_than_equal", Json{"body", "pet", "cat", "lives"}) ||
                has("string_too_long", Json{"body", "pet", "hound", "name"}));
    EXPECT_TRUE(has("set_type", Json{"body", "tags"}));
    EXPECT_TRUE(has("dict_type", Json{"body", "labels"}));
    EXPECT_TRUE(has("literal_error", Json{"body", "species"}));
    EXPECT_TRUE(has("time_parsing", Json{"body", "shift"}));
    EXPECT_TRUE(has("ip_v4_address", Json{"body", "ip"}));
    EXPECT_TRUE(has("ip_v6_address", Json{"body", "ip6"}));
    EXPECT_TRUE(has("value_error", Json{"body", "host"}));
    EXPECT_TRUE(has("base64_decode", Json{"body", "photo"}));
    EXPECT_TRUE(has("bytes_too_long", Json{"body", "photo"}));
    EXPECT_TRUE(has("bytes_type", Json{"body", "raw"}));
    EXPECT_TRUE(has("bytes_too_short", Json{"body", "raw"}));
    EXPECT_TRUE(has("string_too_long", Json{"body", "note"}));
    // A union without a tag reports every variant's errors: no single one to predict.
    EXPECT_FALSE(has("int_type", Json{"body", "id"}));
}

}  // namespace
}  // namespace loadstar::schema
