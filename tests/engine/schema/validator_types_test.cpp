// Nullable values, unions (smart and tagged), maps, literals, free-form values and
// unique items, with Pydantic v2's error shapes. Sources for the shapes:
// - messages: pydantic-core src/errors/types.rs (message_template_python):
//   "Input should be a valid dictionary", "Input should be {expected}",
//   "Input tag '{tag}' found using {discriminator} does not match any of the
//   expected tags: {expected_tags}", "Unable to extract tag using discriminator
//   {discriminator}", "Input should be a valid set";
// - union loc: pydantic-core src/validators/union.rs: a smart union prefixes each
//   variant's errors with the variant's get_name() (a model's class name, "int",
//   "list[int]", ...); a tagged union prefixes the chosen variant's errors with the
//   tag, reprs the discriminator ('kind') and joins the tags' reprs with ", ";
//   a value that is not a dict fails validate_model_fields (model_attributes_type);
// - literal: pydantic-core src/validators/literal.rs: expected is the values' repr
//   joined "a, b or c", a bool only matches a bool, an int only an exact int.

#include <gtest/gtest.h>

#include "tests/engine/schema/validator_test_support.h"

namespace loadstar::schema {
namespace {

using namespace testing;
using model::Discriminator;

TypeSpec nullable(TypeSpec type) {
    type.nullable = true;
    return type;
}

model::Model modelOf(std::string name, std::vector<model::Field> fields) {
    model::Model m;
    m.name = std::move(name);
    m.fields = std::move(fields);
    return m;
}

class TypeValidation : public ::testing::Test {
  protected:
    TypeValidation() {
        auto project = std::make_shared<model::Project>();
        project->models.push_back(modelOf(
            "Cat", {field("kind", TypeSpec::literal("cat")), field("meows", scalar(TypeKind::Boolean))}));
        project->models.push_back(modelOf(
            "Dog", {field("kind", TypeSpec::literal("dog")), field("barks", scalar(TypeKind::Integer))}));
        // A tag field that is a plain string: its tag comes from the mapping.
        project->models.push_back(modelOf("Fish", {field("kind", scalar(TypeKind::String))}));
        validator = std::make_unique<RequestValidator>(project);
    }

    ValueResult run(const TypeSpec& type, const Json& input) { return check(*validator, type, input, loc); }

    static TypeSpec pets() {
        TypeSpec pets =
            TypeSpec::unionOf({TypeSpec::object("Cat"), TypeSpec::object("Dog"), TypeSpec::object("Fish")});
        pets.discriminator = Discriminator{"kind", {{"fish", "Fish"}}};
        return pets;
    }

    std::unique_ptr<RequestValidator> validator;
    const Json loc = Json::array({"body", "v"});
};

TEST_F(TypeValidation, NullableTakesNullElseTheTypesOwnErrors) {
    const TypeSpec maybeInt = nullable(scalar(TypeKind::Integer));
    EXPECT_TRUE(run(maybeInt, nullptr).errors.empty());
    EXPECT_EQ(run(maybeInt, nullptr).value, Json(nullptr));
    EXPECT_EQ(run(maybeInt, "7").value, Json(7));
    // Optional[int] is nullable[int]: no union, so no extra loc part.
    EXPECT_EQ(
        run(maybeInt, "x").errors,
        std::vector{error("int_parsing", loc,
                          "Input should be a valid integer, unable to parse string as an integer", "x")});
    EXPECT_EQ(run(scalar(TypeKind::Integer), nullptr).errors[0].type, "int_type");
    EXPECT_TRUE(run(nullable(TypeSpec::object("Cat")), nullptr).errors.empty());
}

TEST_F(TypeValidation, MapValidatesEveryValueUnderItsKey) {
    TypeSpec counts = TypeSpec::mapOf(scalar(TypeKind::Integer));
    counts.items->constraints.ge = 0;
    const ValueResult ok = run(counts, Json{{"a", 1}, {"b", "2"}});
    EXPECT_TRUE(ok.errors.empty());
    EXPECT_EQ(ok.value, (Json{{"a", 1}, {"b", 2}}));
    EXPECT_EQ(run(counts, Json::object()).value, Json::object());
    EXPECT_EQ(run(counts, Json::array({1})).errors,
              std::vector{error("dict_type", loc, "Input should be a valid dictionary", Json::array({1}))});
    Json badLoc = loc;
    badLoc.push_back("b");
    EXPECT_EQ(run(counts, Json{{"a", 1}, {"b", -1}}).errors,
              std::vector{error("greater_than_equal", badLoc, "Input should be greater than or equal to 0",
                                -1, Json{{"ge", 0}})});
}

TEST_F(TypeValidation, AnyTakesEveryValueAsItIs) {
    for (const Json& value : {Json(nullptr), Json(1.5), Json("x"), Json::array({1, "a"}), Json{{"k", {1}}}}) {
        const ValueResult result = run(TypeSpec::any(), value);
        EXPECT_TRUE(result.errors.empty()) << value.dump();
        EXPECT_EQ(result.value, value);
    }
}

TEST_F(TypeValidation, LiteralMatchesOnlyItsValueOfItsType) {
    EXPECT_TRUE(run(TypeSpec::literal("cat"), "cat").errors.empty());
    EXPECT_EQ(run(TypeSpec::literal("cat"), "dog").errors,
              std::vector{
                  error("literal_error", loc, "Input should be 'cat'", "dog", Json{{"expected", "'cat'"}})});
    EXPECT_TRUE(run(TypeSpec::literal(1), 1).errors.empty());
    // An int literal takes neither 1.0 nor True nor "1" (pydantic-core compares exact ints).
    for (const Json& near : {Json(1.0), Json(true), Json("1")}) {
        EXPECT_EQ(
            run(TypeSpec::literal(1), near).errors,
            std::vector{error("literal_error", loc, "Input should be 1", near, Json{{"expected", "1"}})})
            << near.dump();
    }
    EXPECT_EQ(
        run(TypeSpec::literal(true), 1).errors,
        std::vector{error("literal_error", loc, "Input should be True", 1, Json{{"expected", "True"}})});
    EXPECT_EQ(
        run(TypeSpec::literal(nullptr), 0).errors,
        std::vector{error("literal_error", loc, "Input should be None", 0, Json{{"expected", "None"}})});
    EXPECT_TRUE(run(TypeSpec::literal(nullptr), nullptr).errors.empty());
    EXPECT_EQ(run(TypeSpec::literal("it's"), "x").errors[0].msg, "Input should be \"it's\"");
}

TEST_F(TypeValidation, UniqueItemsRefusesADuplicateAfterCoercion) {
    TypeSpec ids = TypeSpec::arrayOf(scalar(TypeKind::Integer));
    ids.constraints.uniqueItems = true;
    EXPECT_TRUE(run(ids, Json::array({1, 2, 3})).errors.empty());
    // "1" becomes 1 first, as the set Pydantic would build; no Pydantic error exists,
    // so the list is refused the way a set field refuses what is not a set.
    EXPECT_EQ(run(ids, Json::array({1, "1"})).errors,
              std::vector{error("set_type", loc, "Input should be a valid set", Json::array({1, "1"}))});
    TypeSpec objects = TypeSpec::arrayOf(TypeSpec::any());
    objects.constraints.uniqueItems = true;
    // Objects compare as JSON values: key order does not make them distinct.
    EXPECT_EQ(run(objects, Json::parse(R"([{"a":1,"b":2},{"b":2,"a":1}])")).errors.size(), 1u);
    EXPECT_TRUE(run(objects, Json::parse(R"([{"a":1},{"a":2}])")).errors.empty());
}

TEST_F(TypeValidation, SmartUnionPrefersTheExactVariant) {
    const TypeSpec intOrString = TypeSpec::unionOf({scalar(TypeKind::Integer), scalar(TypeKind::String)});
    // "123" is exactly a string, and only laxly an int: it stays a string.
    EXPECT_EQ(run(intOrString, "123").value, Json("123"));
    EXPECT_EQ(run(intOrString, 123).value, Json(123));
    const TypeSpec numberOrInt = TypeSpec::unionOf({scalar(TypeKind::Number), scalar(TypeKind::Integer)});
    EXPECT_TRUE(run(numberOrInt, 3).value.is_number_integer());
    EXPECT_TRUE(run(numberOrInt, 3.5).value.is_number_float());
}

TEST_F(TypeValidation, SmartUnionReportsEveryVariantUnderItsName) {
    TypeSpec limited = scalar(TypeKind::String);
    limited.constraints.maxLength = 3;
    const TypeSpec type =
        TypeSpec::unionOf({scalar(TypeKind::Integer), limited, TypeSpec::arrayOf(scalar(TypeKind::Integer))});
    const auto at = [&](const char* label) {
        Json l = loc;
        l.push_back(label);
        return l;
    };
    EXPECT_EQ(run(type, "long text").errors,
              (std::vector{
                  error("int_parsing", at("int"),
                        "Input should be a valid integer, unable to parse string as an integer", "long text"),
                  error("string_too_long", at("constrained-str"), "String should have at most 3 characters",
                        "long text", Json{{"max_length", 3}}),
                  error("list_type", at("list[int]"), "Input should be a valid list", "long text")}));
}

TEST_F(TypeValidation, SmartUnionOfModelsNamesEachModel) {
    const TypeSpec type = TypeSpec::unionOf({TypeSpec::object("Cat"), TypeSpec::object("Dog")});
    const std::vector<ValidationError> errors = run(type, Json{{"kind", "cat"}}).errors;
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0].loc, (Json{"body", "v", "Cat", "meows"}));
    EXPECT_EQ(errors[0].type, "missing");
    EXPECT_EQ(errors[1].loc, (Json{"body", "v", "Dog", "kind"}));
    EXPECT_EQ(errors[1].type, "literal_error");
    EXPECT_EQ(errors[2].loc, (Json{"body", "v", "Dog", "barks"}));
    // A model that sets more fields wins over one that sets fewer.
    const ValueResult cat = run(type, Json{{"kind", "cat"}, {"meows", true}});
    EXPECT_TRUE(cat.errors.empty());
    EXPECT_EQ(cat.value, (Json{{"kind", "cat"}, {"meows", true}}));
}

TEST_F(TypeValidation, NullableUnionNamesItself) {
    const TypeSpec inner =
        nullable(TypeSpec::unionOf({nullable(scalar(TypeKind::Integer)), scalar(TypeKind::Boolean)}));
    EXPECT_TRUE(run(inner, nullptr).errors.empty());
    const std::vector<ValidationError> errors = run(inner, "x").errors;
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].loc, (Json{"body", "v", "nullable[int]"}));
    EXPECT_EQ(errors[1].loc, (Json{"body", "v", "bool"}));
}

TEST_F(TypeValidation, TaggedUnionPicksTheVariantByItsTag) {
    const ValueResult dog = run(pets(), Json{{"kind", "dog"}, {"barks", "3"}});
    EXPECT_TRUE(dog.errors.empty());
    EXPECT_EQ(dog.value, (Json{{"kind", "dog"}, {"barks", 3}}));
    EXPECT_TRUE(run(pets(), Json{{"kind", "fish"}}).errors.empty());
    // The chosen variant's errors come under the tag, and only that variant's.
    EXPECT_EQ(
        run(pets(), Json{{"kind", "dog"}, {"barks", "loud"}}).errors,
        std::vector{error("int_parsing", Json{"body", "v", "dog", "barks"},
                          "Input should be a valid integer, unable to parse string as an integer", "loud")});
}

TEST_F(TypeValidation, TaggedUnionTagErrors) {
    const Json noTag = Json{{"barks", 1}};
    EXPECT_EQ(run(pets(), noTag).errors, std::vector{error("union_tag_not_found", loc,
                                                           "Unable to extract tag using discriminator 'kind'",
                                                           noTag, Json{{"discriminator", "'kind'"}})});
    const Json badTag = Json{{"kind", "cow"}};
    EXPECT_EQ(
        run(pets(), badTag).errors,
        std::vector{error(
            "union_tag_invalid", loc,
            "Input tag 'cow' found using 'kind' does not match any of the expected tags: "
            "'cat', 'dog', 'fish'",
            badTag,
            Json{{"discriminator", "'kind'"}, {"tag", "cow"}, {"expected_tags", "'cat', 'dog', 'fish'"}})});
    // A tag that is not a string matches nothing; ctx.tag is Python's str() of it.
    EXPECT_EQ(run(pets(), Json{{"kind", 7}}).errors[0].ctx->at("tag"), "7");
    EXPECT_EQ(run(pets(), Json{{"kind", true}}).errors[0].ctx->at("tag"), "True");
    EXPECT_EQ(run(pets(), Json::array()).errors,
              std::vector{error("model_attributes_type", loc,
                                "Input should be a valid dictionary or object to extract fields from",
                                Json::array())});
}

TEST_F(TypeValidation, TaggedUnionInsideAListAndNullable) {
    TypeSpec maybePets = pets();
    maybePets.nullable = true;
    const TypeSpec list = TypeSpec::arrayOf(maybePets);
    EXPECT_TRUE(run(list, Json::array({nullptr, {{"kind", "cat"}, {"meows", false}}})).errors.empty());
    EXPECT_EQ(run(list, Json::array({nullptr, {{"kind", "cat"}}})).errors,
              std::vector{error("missing", Json{"body", "v", 1, "cat", "meows"}, "Field required",
                                Json{{"kind", "cat"}})});
}

}  // namespace
}  // namespace loadstar::schema
