// The contract diff and the type system's newer kinds: nullable values, unions and
// their tags, maps, literals, unique items and formats kept unchecked, each judged
// from the side of a client (what it sends, what it reads).
#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/openapi/contract_diff.h"
#include "engine/openapi/importer.h"
#include "support/design_text.h"

namespace loadstar::openapi {
namespace {

using loadstar::testing::importedDesign;
using loadstar::testing::replacedOnce;
using ::testing::HasSubstr;

// PetIn travels only in requests, PetOut only in responses.
constexpr const char* kZoo = R"(openapi: 3.1.0
info: {title: Zoo, version: '1'}
paths:
  /pets:
    post:
      operationId: add_pet
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/PetIn'}}}
      responses:
        '201':
          description: Added
          content: {application/json: {schema: {$ref: '#/components/schemas/PetOut'}}}
components:
  schemas:
    Cat:
      type: object
      required: [kind]
      properties:
        kind: {const: cat, type: string}
    Dog:
      type: object
      required: [kind]
      properties:
        kind: {const: dog, type: string}
    PetIn:
      type: object
      properties:
        nickname: {type: [string, 'null']}
        animal:
          oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
          discriminator: {propertyName: kind}
        size: {anyOf: [{type: integer}, {type: string}, {type: boolean}]}
        labels: {type: object, additionalProperties: {type: string}}
        tags: {type: array, items: {type: string}}
        mode: {const: fast}
        count: {type: integer, format: int32}
        note: {type: string}
    PetOut:
      type: object
      properties:
        name: {type: string}
        shape: {anyOf: [{type: integer}, {type: string}]}
)";

std::string listed(const std::vector<Change>& changes) {
    std::string all;
    for (const Change& c : changes)
        all += std::string(toString(c.kind)) + " " + c.id + ": " + c.message + "\n";
    return all;
}

// Every change the edit makes is of `kind`, and one of them says `messagePart`.
void expectChange(const std::string& from, const std::string& to, ChangeClass kind,
                  const std::string& messagePart) {
    const std::vector<Change> changes =
        diffContracts(importedDesign(kZoo), importedDesign(replacedOnce(kZoo, from, to)));
    ASSERT_FALSE(changes.empty()) << "no change for " << to;
    bool said = false;
    for (const Change& c : changes) {
        EXPECT_EQ(c.kind, kind) << listed(changes);
        said = said || c.message.find(messagePart) != std::string::npos;
        EXPECT_EQ(c.operations, std::vector<std::string>{"POST /pets"}) << c.message;
    }
    EXPECT_TRUE(said) << "none says \"" << messagePart << "\":\n" << listed(changes);
}

TEST(ContractDiffTypes, TheSameDocumentHasNoChanges) {
    EXPECT_TRUE(diffContracts(importedDesign(kZoo), importedDesign(kZoo)).empty())
        << listed(diffContracts(importedDesign(kZoo), importedDesign(kZoo)));
}

TEST(ContractDiffTypes, Nullable) {
    // A request field that no longer takes null refuses what clients send.
    expectChange("nickname: {type: [string, 'null']}", "nickname: {type: string}", ChangeClass::Breaking,
                 "null is no longer accepted");
    expectChange("note: {type: string}", "note: {type: [string, 'null']}", ChangeClass::NonBreaking,
                 "null is now accepted");
    // A response field that may be null surprises clients; one that no longer is does not.
    expectChange("name: {type: string}", "name: {type: [string, 'null']}", ChangeClass::Breaking,
                 "may now be null");
}

TEST(ContractDiffTypes, UnionAlternatives) {
    expectChange("{type: string}, {type: boolean}]", "{type: string}]", ChangeClass::Breaking,
                 "the alternative boolean was removed");
    expectChange("{type: string}, {type: boolean}]", "{type: string}, {type: boolean}, {type: number}]",
                 ChangeClass::NonBreaking, "the alternative number was added");
    // A response that may be of a new shape breaks clients that read it.
    expectChange("shape: {anyOf: [{type: integer}, {type: string}]}",
                 "shape: {anyOf: [{type: integer}, {type: string}, {type: boolean}]}", ChangeClass::Breaking,
                 "the alternative boolean was added");
    expectChange("shape: {anyOf: [{type: integer}, {type: string}]}", "shape: {type: integer}",
                 ChangeClass::NonBreaking, "type changed");
    // A request type that grows into a union accepts more; any value accepts everything.
    expectChange("note: {type: string}", "note: {anyOf: [{type: string}, {type: integer}]}",
                 ChangeClass::NonBreaking, "type changed");
    expectChange("note: {type: string}", "note: {}", ChangeClass::NonBreaking, "to any value");
    expectChange("note: {type: string}", "note: {type: integer}", ChangeClass::Breaking, "type changed");
}

TEST(ContractDiffTypes, TaggedUnions) {
    const std::string bird =
        "    Bird:\n      type: object\n      required: [kind]\n      properties:\n"
        "        kind: {const: bird, type: string}\n    PetIn:";
    std::string withBird = replacedOnce(kZoo, "    PetIn:", bird);
    withBird = replacedOnce(withBird, "{$ref: '#/components/schemas/Dog'}]",
                            "{$ref: '#/components/schemas/Dog'}, {$ref: '#/components/schemas/Bird'}]");
    const std::vector<Change> added = diffContracts(importedDesign(kZoo), importedDesign(withBird));
    ASSERT_FALSE(added.empty());
    for (const Change& c : added)
        EXPECT_EQ(c.kind, ChangeClass::NonBreaking) << listed(added);
    // Taking the tag away again refuses the birds clients send.
    const std::vector<Change> removed = diffContracts(importedDesign(withBird), importedDesign(kZoo));
    ASSERT_FALSE(removed.empty());
    bool tagRemoved = false;
    for (const Change& c : removed) {
        EXPECT_EQ(c.kind, ChangeClass::Breaking) << listed(removed);
        tagRemoved = tagRemoved || c.message.find("the tag bird (Bird) was removed") != std::string::npos;
    }
    EXPECT_TRUE(tagRemoved) << listed(removed);
    expectChange("          discriminator: {propertyName: kind}\n", "", ChangeClass::NonBreaking,
                 "the discriminator kind was removed");
    // A renamed tag: clients sending the old one are refused.
    const std::vector<Change> renamed = diffContracts(
        importedDesign(kZoo),
        importedDesign(replacedOnce(kZoo, "{const: dog, type: string}", "{const: hound, type: string}")));
    const auto has = [&](ChangeClass kind, const std::string& text) {
        return std::any_of(renamed.begin(), renamed.end(), [&](const Change& c) {
            return c.kind == kind && c.message.find(text) != std::string::npos;
        });
    };
    EXPECT_TRUE(has(ChangeClass::Breaking, "the tag dog (Dog) was removed")) << listed(renamed);
    EXPECT_TRUE(has(ChangeClass::NonBreaking, "the tag hound (Dog) was added")) << listed(renamed);
    EXPECT_TRUE(has(ChangeClass::Breaking, "the literal changed")) << listed(renamed);
}

TEST(ContractDiffTypes, MapsLiteralsUniqueItemsAndFormats) {
    expectChange("additionalProperties: {type: string}", "additionalProperties: {type: integer}",
                 ChangeClass::Breaking, "values of request property \"labels\"");
    expectChange("items: {type: string}}", "items: {type: string}, uniqueItems: true}", ChangeClass::Breaking,
                 "items must now be unique");
    expectChange("mode: {const: fast}", "mode: {const: slow}", ChangeClass::Breaking,
                 "the literal changed from \"fast\" to \"slow\"");
    expectChange("mode: {const: fast}", "mode: {type: string}", ChangeClass::NonBreaking, "type changed");
    expectChange("format: int32", "format: int64", ChangeClass::Breaking,
                 "format changed from int32 to int64 (not checked by Loadstar)");
    expectChange("{type: integer, format: int32}", "{type: integer}", ChangeClass::NonBreaking,
                 "format int32 removed");
}

}  // namespace
}  // namespace loadstar::openapi
