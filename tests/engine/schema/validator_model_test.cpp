// Models: nested references, arrays of models, extra fields per model, defaults
// and optional values.
#include <gtest/gtest.h>

#include "tests/engine/schema/validator_test_support.h"

namespace loadstar::schema {
namespace {

using namespace testing;

model::Model makeModel(std::string name, std::vector<model::Field> fields,
                       model::ExtraFields extra = model::ExtraFields::Ignore) {
    model::Model m;
    m.name = std::move(name);
    m.fields = std::move(fields);
    m.extra = extra;
    return m;
}

class ModelValidation : public ::testing::Test {
  protected:
    ModelValidation() {
        auto project = std::make_shared<model::Project>();
        TypeSpec positive = scalar(TypeKind::Number);
        positive.constraints.gt = 0;
        project->models = {
            makeModel("Point", {field("x", scalar(TypeKind::Number)), field("y", scalar(TypeKind::Number))},
                      model::ExtraFields::Forbid),
            makeModel(
                "Shape",
                {field("name", scalar(TypeKind::String)),
                 field("points", TypeSpec::arrayOf(TypeSpec::object("Point"))),
                 field("scale", positive, false, Json(1.0)), field("note", scalar(TypeKind::String), false),
                 field("tags", TypeSpec::arrayOf(scalar(TypeKind::String)), false, Json::array())}),
            makeModel("Open", {field("id", scalar(TypeKind::Integer))}, model::ExtraFields::Allow),
            makeModel("Tree",
                      {field("value", scalar(TypeKind::Integer)),
                       field("children", TypeSpec::arrayOf(TypeSpec::object("Tree")), false, Json::array())}),
            makeModel("Dangling", {field("ghost", TypeSpec::object("NoSuchModel"))}),
        };
        validator = std::make_unique<RequestValidator>(project);
    }

    std::unique_ptr<RequestValidator> validator;
    const Json loc = Json::array({"body"});
};

TEST_F(ModelValidation, NestedModelsValidateAndApplyDefaults) {
    const auto result =
        check(*validator, TypeSpec::object("Shape"),
              Json::parse(R"({"name":"tri","points":[{"x":0,"y":"1.5"}],"extra":true})"), loc);
    EXPECT_TRUE(result.errors.empty());
    // Declaration order, defaults filled in, optional-without-default as null, ignored extras dropped.
    EXPECT_EQ(result.value.dump(),
              R"({"name":"tri","points":[{"x":0.0,"y":1.5}],"scale":1.0,"note":null,"tags":[]})");
}

TEST_F(ModelValidation, ErrorsInNestedModelsCarryTheWholePath) {
    const Json input = Json::parse(R"({"points":[{"x":1,"y":2},{"x":"a"},7],"scale":0})");
    const auto result = check(*validator, TypeSpec::object("Shape"), input, loc);
    EXPECT_EQ(
        result.errors,
        (std::vector{
            error("missing", Json::array({"body", "name"}), "Field required", input),
            error("float_parsing", Json::array({"body", "points", 1, "x"}),
                  "Input should be a valid number, unable to parse string as a number", "a"),
            error("missing", Json::array({"body", "points", 1, "y"}), "Field required", Json{{"x", "a"}}),
            error("model_attributes_type", Json::array({"body", "points", 2}),
                  "Input should be a valid dictionary or object to extract fields from", 7),
            error("greater_than", Json::array({"body", "scale"}), "Input should be greater than 0", 0,
                  Json{{"gt", 0}}),
        }));
    EXPECT_TRUE(result.value.is_null());
}

TEST_F(ModelValidation, ExtraForbidReportsEachExtraAfterTheFields) {
    const auto result =
        check(*validator, TypeSpec::object("Point"), Json::parse(R"({"z":3,"x":1,"w":[1]})"), loc);
    EXPECT_EQ(result.errors,
              (std::vector{
                  error("missing", Json::array({"body", "y"}), "Field required",
                        Json::parse(R"({"z":3,"x":1,"w":[1]})")),
                  error("extra_forbidden", Json::array({"body", "z"}), "Extra inputs are not permitted", 3),
                  error("extra_forbidden", Json::array({"body", "w"}), "Extra inputs are not permitted",
                        Json::array({1})),
              }));
}

TEST_F(ModelValidation, ExtraAllowKeepsExtrasAfterTheFields) {
    const auto result =
        check(*validator, TypeSpec::object("Open"), Json::parse(R"({"b":{"c":1},"id":"5"})"), loc);
    EXPECT_TRUE(result.errors.empty());
    EXPECT_EQ(result.value.dump(), R"({"id":5,"b":{"c":1}})");
}

TEST_F(ModelValidation, ExtraIgnoreDropsExtras) {
    const auto result =
        check(*validator, TypeSpec::object("Tree"), Json::parse(R"({"value":1,"junk":2})"), loc);
    EXPECT_EQ(result.value.dump(), R"({"value":1,"children":[]})");
}

TEST_F(ModelValidation, NullOnlyForOptionalFieldsWithoutDefault) {
    const auto ok = check(*validator, TypeSpec::object("Shape"),
                          Json::parse(R"({"name":"n","points":[],"note":null})"), loc);
    EXPECT_TRUE(ok.errors.empty());
    EXPECT_TRUE(ok.value["note"].is_null());
    const auto withDefault = check(*validator, TypeSpec::object("Shape"),
                                   Json::parse(R"({"name":null,"points":[],"scale":null})"), loc);
    EXPECT_EQ(
        withDefault.errors,
        (std::vector{
            error("string_type", Json::array({"body", "name"}), "Input should be a valid string", nullptr),
            error("float_type", Json::array({"body", "scale"}), "Input should be a valid number", nullptr),
        }));
}

TEST_F(ModelValidation, RecursiveModels) {
    const auto result =
        check(*validator, TypeSpec::object("Tree"),
              Json::parse(R"({"value":1,"children":[{"value":2,"children":[{"value":"x"}]}]})"), loc);
    EXPECT_EQ(
        result.errors,
        std::vector{error("int_parsing", Json::array({"body", "children", 0, "children", 0, "value"}),
                          "Input should be a valid integer, unable to parse string as an integer", "x")});
}

TEST_F(ModelValidation, UnknownModelReferenceAcceptsAnyObject) {
    // The design check reports the dangling reference; validation does not guess.
    const auto result =
        check(*validator, TypeSpec::object("Dangling"), Json::parse(R"({"ghost":{"a":1}})"), loc);
    EXPECT_TRUE(result.errors.empty());
    EXPECT_EQ(
        check(*validator, TypeSpec::object("Dangling"), Json::parse(R"({"ghost":1})"), loc).errors[0].type,
        "model_attributes_type");
}

TEST_F(ModelValidation, DuplicateKeysKeepTheLastValueLikePython) {
    model::Endpoint endpoint;
    endpoint.requestBody = model::RequestBody{TypeSpec::object("Point"), true, ""};
    RequestParts parts;
    parts.body = R"({"x":"bad","y":2,"x":1})";
    parts.hasBody = true;
    const auto result = validator->validate(endpoint, parts);
    ASSERT_TRUE(std::holds_alternative<ValidatedRequest>(result));
    EXPECT_EQ(std::get<ValidatedRequest>(result).body->dump(), R"({"x":1.0,"y":2.0})");
}

TEST_F(ModelValidation, ArrayOfModelsAsBody) {
    model::Endpoint endpoint;
    endpoint.requestBody = model::RequestBody{TypeSpec::arrayOf(TypeSpec::object("Point")), true, ""};
    RequestParts parts;
    parts.body = R"([{"x":1,"y":2},{"x":1}])";
    parts.hasBody = true;
    EXPECT_EQ(errorsOf(validator->validate(endpoint, parts)),
              std::vector{error("missing", Json::array({"body", 1, "y"}), "Field required", Json{{"x", 1}})});
}

}  // namespace
}  // namespace loadstar::schema
