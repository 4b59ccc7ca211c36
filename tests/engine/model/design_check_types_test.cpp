// Design checks for the type system's newer shapes: unions (and their
// discriminators), literals, maps, unique items, and recursion through them.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/model/design_check.h"
#include "engine/model/project_file.h"
#include "support/design_text.h"

namespace loadstar::model {
namespace {

using loadstar::testing::problemLines;
using loadstar::testing::projectOf;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Models Cat (tag literal "cat"), Dog (tag literal "dog"), Bird (no tag field) and
// Fish (tag a plain string), then a model Pet with the given fields.
Project pets(const std::string& petFields) {
    return projectOf(R"({"loadstar": 1, "name": "x", "models": [
        {"name": "Cat", "fields": [{"name": "kind", "type": "literal", "value": "cat"}]},
        {"name": "Dog", "fields": [{"name": "kind", "type": "literal", "value": "dog"}]},
        {"name": "Bird", "fields": [{"name": "wings", "type": "integer"}]},
        {"name": "Fish", "fields": [{"name": "kind", "type": "string"}]},
        {"name": "Pet", "fields": [)" +
                     petFields + R"(]}], "endpoints": []})");
}

TEST(DesignCheckTypes, AWellFormedTaggedUnionIsClean) {
    EXPECT_THAT(
        problemLines(pets(R"({"name": "p", "type": "union", "variants": [{"type": "object", "model": "Cat"},
        {"type": "object", "model": "Dog"}, {"type": "object", "model": "Fish"}],
        "discriminator": {"property": "kind", "mapping": {"fish": "Fish"}}})")),
        IsEmpty());
}

TEST(DesignCheckTypes, DiscriminatorProblems) {
    EXPECT_THAT(
        problemLines(pets(R"({"name": "p", "type": "union", "variants": [{"type": "object", "model": "Cat"},
            {"type": "object", "model": "Bird"}, {"type": "string"}, {"type": "object", "model": "Nope"}],
            "discriminator": {"property": "kind", "mapping": {"meow": "Cat", "x": "Dog", "purr": "Cat"}}})")),
        ElementsAre(
            "error /models/4/fields/0/variants/3/model: unknown model \"Nope\"",
            "error /models/4/fields/0/variants/1: model Bird has no field \"kind\", the union's "
            "discriminator",
            "error /models/4/fields/0/variants/2: a union with a discriminator takes only models, not string",
            "error /models/4/fields/0/discriminator/mapping/x: tag \"x\" maps to \"Dog\", which is not a "
            "variant of the union"));
}

TEST(DesignCheckTypes, ATagFieldThatCannotHoldATag) {
    const Project p = projectOf(R"({"loadstar": 1, "name": "x", "models": [
        {"name": "A", "fields": [{"name": "kind", "type": "integer"}]},
        {"name": "B", "fields": [{"name": "kind", "type": "literal", "value": "b"}]},
        {"name": "C", "fields": [{"name": "kind", "type": "literal", "value": "b"}]},
        {"name": "U", "fields": [{"name": "u", "type": "union", "variants": [{"type": "object", "model": "A"},
            {"type": "object", "model": "B"}, {"type": "object", "model": "C"}], "discriminator": {"property": "kind"}}]}],
        "endpoints": []})");
    EXPECT_THAT(
        problemLines(p),
        ElementsAre("error /models/3/fields/0/variants/0: the discriminator field \"kind\" of model A is "
                    "integer; a tag must be a string",
                    "error /models/3/fields/0/variants/2: no tag selects this variant: its tags all belong "
                    "to an earlier one"));
}

TEST(DesignCheckTypes, UnionOfNothingAndOfOne) {
    EXPECT_THAT(
        problemLines(pets(R"({"name": "a", "type": "union", "variants": []},
        {"name": "b", "type": "union", "variants": [{"type": "integer"}]},
        {"name": "c", "type": "union", "variants": [{"type": "integer"}, {"type": "integer"}]})")),
        ElementsAre("error /models/4/fields/0/variants: a union needs at least one variant",
                    "warning /models/4/fields/1/variants: a union of one variant is that variant; give it "
                    "directly",
                    "warning /models/4/fields/2/variants/1: the union already has a variant integer"));
}

TEST(DesignCheckTypes, LiteralsMustBeScalars) {
    EXPECT_THAT(
        problemLines(pets(R"({"name": "a", "type": "literal", "value": {"x": 1}},
        {"name": "b", "type": "literal", "value": [1]},
        {"name": "c", "type": "literal", "value": null},
        {"name": "d", "type": "literal", "value": 2.5})")),
        ElementsAre("error /models/4/fields/0/value: a literal must be a string, number, boolean or null, "
                    "not object",
                    "error /models/4/fields/1/value: a literal must be a string, number, boolean or null, "
                    "not array"));
}

TEST(DesignCheckTypes, MapsAndUnionsOfModelsThatDoNotExist) {
    EXPECT_THAT(
        problemLines(pets(R"({"name": "a", "type": "map", "items": {"type": "object", "model": "Ghost"}},
        {"name": "b", "type": "union", "variants": [{"type": "integer"}, {"type": "object", "model": "Phantom"}]})")),
        ElementsAre("error /models/4/fields/0/items/model: unknown model \"Ghost\"",
                    "error /models/4/fields/1/variants/1/model: unknown model \"Phantom\""));
}

TEST(DesignCheckTypes, ConstraintsOnTheWrongKind) {
    EXPECT_THAT(
        problemLines(pets(R"({"name": "a", "type": "string", "unique_items": true},
        {"name": "b", "type": "map", "items": {"type": "string"}, "format": "uuid"},
        {"name": "c", "type": "integer", "other_format": "int64"})")),
        ElementsAre("warning /models/4/fields/0/unique_items: unique_items applies only to arrays, not to "
                    "string; it is ignored",
                    "warning /models/4/fields/1/format: format applies only to strings, not to map of "
                    "string; it is ignored"));
}

TEST(DesignCheckTypes, RecursionThroughUnionsMapsAndNullables) {
    const Project p = projectOf(R"({"loadstar": 1, "name": "x", "models": [
        {"name": "Node", "fields": [{"name": "next", "type": "object", "model": "Node", "nullable": true}]},
        {"name": "Dir", "fields": [{"name": "entries", "type": "map", "items": {"type": "object", "model": "Dir"}}]},
        {"name": "Expr", "fields": [{"name": "arg", "type": "union",
            "variants": [{"type": "integer"}, {"type": "object", "model": "Expr"}]}]},
        {"name": "Loop", "fields": [{"name": "self", "type": "union", "variants": [{"type": "object", "model": "Loop"}]}]}],
        "endpoints": []})");
    EXPECT_THAT(
        problemLines(p),
        ElementsAre("warning /models/3/fields/0/variants: a union of one variant is that variant; give it "
                    "directly",
                    "warning /models/0: recursive model (Node -> Node); generated samples stop descending "
                    "after a few levels",
                    "warning /models/1: recursive model (Dir -> Dir); generated samples stop descending "
                    "after a few levels",
                    "warning /models/2: recursive model (Expr -> Expr); generated samples stop descending "
                    "after a few levels",
                    "error /models/3: reference cycle Loop -> Loop through required fields: no finite "
                    "value can satisfy it"));
}

TEST(DesignCheckTypes, ParametersTakeScalarsUnionsOfThemAndStringLiterals) {
    const Project p = projectOf(R"({"loadstar": 1, "name": "x", "endpoints": [
        {"id": "a", "method": "GET", "path": "/a", "parameters": [
            {"name": "id", "in": "query", "type": "union", "variants": [{"type": "integer"}, {"type": "string"}]},
            {"name": "v", "in": "query", "type": "literal", "value": "v2"},
            {"name": "one", "in": "header", "type": "literal", "value": 1},
            {"name": "m", "in": "query", "type": "map", "items": {"type": "string"}},
            {"name": "session", "in": "cookie", "type": "string", "nullable": true},
            {"name": "blob", "in": "cookie", "type": "any"}],
         "responses": [{"status": 200}]}]})");
    EXPECT_THAT(
        problemLines(p),
        ElementsAre("warning /endpoints/0/parameters/2/value: the literal 1 never matches a parameter: "
                    "parameters arrive as text; use a string literal or an enum",
                    "error /endpoints/0/parameters/3/type: a query parameter must be a scalar or an array of "
                    "scalars, not map of string",
                    "error /endpoints/0/parameters/5/type: a cookie parameter must be a scalar, not any "
                    "value"));
}

TEST(DesignCheckTypes, BasicAuthWithoutUsers) {
    const Project p = projectOf(R"({"loadstar": 1, "name": "x", "endpoints": [
        {"id": "a", "method": "GET", "path": "/a", "auth": "basic", "responses": [{"status": 200}]}]})");
    EXPECT_THAT(problemLines(p),
                ElementsAre("warning /endpoints/0/auth: requires HTTP basic credentials but the server "
                            "settings list no users: every call gets 401"));
}

}  // namespace
}  // namespace loadstar::model
