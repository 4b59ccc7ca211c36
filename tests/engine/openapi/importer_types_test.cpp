// The importer and the type system's newer kinds: nullable values in all three
// spellings, unions (tagged by a discriminator), maps, free-form values, literals,
// unique items, the formats beyond the first five (and the ones kept unchecked),
// cookies, deprecated operations, API keys in a query or a cookie, HTTP basic and
// declared servers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/model/discriminator.h"
#include "engine/openapi/importer.h"
#include "engine/schema/project_check.h"

namespace loadstar::openapi {
namespace {

using model::AuthRequirement;
using model::ParamLocation;
using model::StringFormat;
using model::TypeKind;
using model::TypeSpec;
using ::testing::HasSubstr;

ImportResult imported(std::string_view text) {
    auto result = importOpenApi("api.yaml", text);
    if (const auto* failure = std::get_if<ImportFailure>(&result)) {
        ADD_FAILURE() << failure->toString();
        return {};
    }
    return std::get<ImportResult>(std::move(result));
}

std::string losses(const ImportResult& result) {
    std::string text;
    for (const ImportIssue& loss : result.losses)
        text += loss.where + ": " + loss.message + "\n";
    return text;
}

std::string lossAt(const ImportResult& result, const std::string& pointer) {
    std::string messages;
    for (const ImportIssue& loss : result.losses) {
        if (loss.where == pointer) messages += (messages.empty() ? "" : " | ") + loss.message;
    }
    return messages;
}

void expectNoDesignErrors(const model::Project& project) {
    for (const model::Problem& p : schema::checkProject(project)) {
        EXPECT_NE(p.severity, model::Severity::Error) << p.location << ": " << p.message;
    }
}

const TypeSpec& fieldType(const model::Project& p, const std::string& model, const std::string& field) {
    static const TypeSpec kNone;
    const model::Model* m = p.model(model);
    EXPECT_NE(m, nullptr) << model;
    if (!m || !m->field(field)) {
        ADD_FAILURE() << model << "." << field << " missing";
        return kNone;
    }
    return m->field(field)->type;
}

constexpr const char* kNullable30 = R"(openapi: 3.0.3
info: {title: Nullable, version: '1'}
paths: {}
components:
  schemas:
    Note:
      type: object
      properties:
        text: {type: string, nullable: true, maxLength: 10}
        owner:
          allOf: [{$ref: '#/components/schemas/Owner'}]
          nullable: true
        rank: {type: integer, enum: [1, 2, null], nullable: true}
    Owner:
      type: object
      properties:
        name: {type: string}
)";

TEST(ImporterTypes, OpenApi30NullableIsOptional) {
    const ImportResult result = imported(kNullable30);
    const model::Project& p = result.project;
    EXPECT_TRUE(result.losses.empty()) << losses(result);
    const TypeSpec& text = fieldType(p, "Note", "text");
    EXPECT_EQ(text.kind, TypeKind::String);
    EXPECT_TRUE(text.nullable);
    EXPECT_EQ(text.constraints.maxLength, 10);
    const TypeSpec& owner = fieldType(p, "Note", "owner");
    EXPECT_EQ(owner.kind, TypeKind::Object);
    EXPECT_EQ(owner.modelRef, "Owner");
    EXPECT_TRUE(owner.nullable);
    const TypeSpec& rank = fieldType(p, "Note", "rank");
    EXPECT_EQ(rank.kind, TypeKind::Enum);
    EXPECT_EQ(rank.enumValues, (std::vector<Json>{1, 2}));
    EXPECT_TRUE(rank.nullable);
    expectNoDesignErrors(p);
}

constexpr const char* kKinds31 = R"(openapi: 3.1.0
info: {title: Kinds, version: '1'}
paths: {}
components:
  schemas:
    Cat:
      type: object
      required: [kind]
      properties:
        kind: {const: cat, type: string}
        meow: {type: boolean}
    Dog:
      type: object
      required: [kind]
      properties:
        kind: {type: string, enum: [dog]}
    Fox:
      type: object
      properties:
        kind: {type: string}
    Pet:
      type: object
      properties:
        name: {type: [string, 'null'], format: hostname}
        best: {anyOf: [{$ref: '#/components/schemas/Cat'}, {type: 'null'}]}
        pet:
          oneOf:
            - $ref: '#/components/schemas/Cat'
            - $ref: '#/components/schemas/Dog'
            - $ref: '#/components/schemas/Fox'
          discriminator:
            propertyName: kind
            mapping:
              cat: '#/components/schemas/Cat'
              dog: '#/components/schemas/Dog'
              red: '#/components/schemas/Fox'
              arctic: Fox
        either: {anyOf: [{type: integer, minimum: 1}, {type: string, maxLength: 3}]}
        several: {type: [integer, boolean]}
        labels: {type: object, additionalProperties: {type: string, maxLength: 5}}
        free: {type: object}
        anything: {description: whatever is sent}
        tags: {type: array, items: {type: string}, uniqueItems: true}
        loose: {type: array}
        at: {type: string, format: time}
        v4: {type: string, format: ipv4}
        v6: {type: string, format: ipv6}
        blob: {type: string, format: byte}
        raw: {type: string, format: binary}
        secret: {type: string, format: password}
        count: {type: integer, format: int64}
        ratio: {type: number, format: double}
        one: {enum: [7]}
        truth: {const: true}
)";

TEST(ImporterTypes, OpenApi31KindsBecomeTheDesignsKinds) {
    const ImportResult result = imported(kKinds31);
    const model::Project& p = result.project;
    EXPECT_TRUE(result.losses.empty()) << losses(result);

    const TypeSpec& name = fieldType(p, "Pet", "name");
    EXPECT_EQ(name.kind, TypeKind::String);
    EXPECT_TRUE(name.nullable);
    EXPECT_EQ(name.constraints.format, StringFormat::Hostname);
    const TypeSpec& best = fieldType(p, "Pet", "best");
    EXPECT_EQ(best.kind, TypeKind::Object);
    EXPECT_TRUE(best.nullable);

    // A tagged union: the mapping keeps only what the models do not say themselves
    // (Cat's and Dog's tags are their kind fields' literal values).
    const TypeSpec& pet = fieldType(p, "Pet", "pet");
    ASSERT_EQ(pet.kind, TypeKind::Union);
    EXPECT_TRUE(pet.exclusive);
    ASSERT_EQ(pet.variants.size(), 3u);
    EXPECT_EQ(pet.variants[2].modelRef, "Fox");
    ASSERT_TRUE(pet.discriminator);
    EXPECT_EQ(pet.discriminator->property, "kind");
    using Mapping = std::vector<std::pair<std::string, std::string>>;
    EXPECT_EQ(pet.discriminator->mapping, (Mapping{{"red", "Fox"}, {"arctic", "Fox"}}));
    const std::vector<model::DiscriminatorTag> tags = model::discriminatorTags(p, pet);
    ASSERT_EQ(tags.size(), 4u);
    EXPECT_EQ(tags[0], (model::DiscriminatorTag{"cat", 0}));
    EXPECT_EQ(tags[1], (model::DiscriminatorTag{"dog", 1}));
    EXPECT_EQ(tags[3], (model::DiscriminatorTag{"arctic", 2}));

    const TypeSpec& either = fieldType(p, "Pet", "either");
    ASSERT_EQ(either.kind, TypeKind::Union);
    EXPECT_FALSE(either.exclusive);
    EXPECT_EQ(either.variants[0].constraints.ge, 1.0);
    EXPECT_EQ(either.variants[1].constraints.maxLength, 3);
    const TypeSpec& several = fieldType(p, "Pet", "several");
    ASSERT_EQ(several.kind, TypeKind::Union);
    EXPECT_EQ(several.variants[1].kind, TypeKind::Boolean);

    const TypeSpec& labels = fieldType(p, "Pet", "labels");
    ASSERT_EQ(labels.kind, TypeKind::Map);
    EXPECT_EQ(labels.items->constraints.maxLength, 5);
    const TypeSpec& free = fieldType(p, "Pet", "free");
    ASSERT_EQ(free.kind, TypeKind::Map);
    EXPECT_EQ(free.items->kind, TypeKind::Any);
    EXPECT_EQ(fieldType(p, "Pet", "anything").kind, TypeKind::Any);
    EXPECT_EQ(p.model("Pet")->field("anything")->description, "whatever is sent");
    EXPECT_TRUE(fieldType(p, "Pet", "tags").constraints.uniqueItems);
    EXPECT_EQ(fieldType(p, "Pet", "loose").items->kind, TypeKind::Any);

    EXPECT_EQ(fieldType(p, "Pet", "at").constraints.format, StringFormat::Time);
    EXPECT_EQ(fieldType(p, "Pet", "v4").constraints.format, StringFormat::Ipv4);
    EXPECT_EQ(fieldType(p, "Pet", "v6").constraints.format, StringFormat::Ipv6);
    EXPECT_EQ(fieldType(p, "Pet", "blob").constraints.format, StringFormat::Byte);
    EXPECT_EQ(fieldType(p, "Pet", "raw").constraints.format, StringFormat::Binary);
    // Formats the design does not check are kept as written.
    EXPECT_EQ(fieldType(p, "Pet", "secret").constraints.otherFormat, "password");
    EXPECT_EQ(fieldType(p, "Pet", "count").constraints.otherFormat, "int64");
    EXPECT_EQ(fieldType(p, "Pet", "ratio").constraints.otherFormat, "double");

    EXPECT_EQ(fieldType(p, "Pet", "one"), TypeSpec::literal(7));
    EXPECT_EQ(fieldType(p, "Pet", "truth"), TypeSpec::literal(true));
    EXPECT_EQ(fieldType(p, "Cat", "kind"), TypeSpec::literal("cat"));
    EXPECT_EQ(fieldType(p, "Dog", "kind"), TypeSpec::literal("dog"));
    expectNoDesignErrors(p);
    // What is kept counts as kept.
    EXPECT_EQ(result.statistics.kept.constraints, result.statistics.found.constraints);
}

TEST(ImporterTypes, WhatUnionsCannotHoldIsReported) {
    const ImportResult result = imported(R"(openapi: 3.1.0
info: {title: Odd, version: '1'}
paths: {}
components:
  schemas:
    Holder:
      type: object
      properties:
        tagged:
          oneOf: [{type: string}, {type: integer}]
          discriminator: {propertyName: kind}
        onlyNull: {anyOf: [{type: 'null'}]}
        values: {enum: [1, 2.5, {a: 1}]}
        lonely: {anyOf: [{type: string}], discriminator: {propertyName: kind}}
)");
    const model::Project& p = result.project;
    EXPECT_THAT(lossAt(result, "/components/schemas/Holder/properties/tagged/discriminator"),
                HasSubstr("only a union of models"));
    EXPECT_EQ(fieldType(p, "Holder", "tagged").kind, TypeKind::Union);
    EXPECT_FALSE(fieldType(p, "Holder", "tagged").discriminator);
    EXPECT_THAT(lossAt(result, "/components/schemas/Holder/properties/onlyNull"),
                HasSubstr("only accepts null"));
    EXPECT_EQ(p.model("Holder")->field("onlyNull"), nullptr);
    EXPECT_THAT(lossAt(result, "/components/schemas/Holder/properties/values/enum"), HasSubstr("2.5"));
    EXPECT_EQ(fieldType(p, "Holder", "values").enumValues, std::vector<Json>{1});
    EXPECT_THAT(lossAt(result, "/components/schemas/Holder/properties/lonely/discriminator"),
                HasSubstr("single alternative"));
    EXPECT_EQ(fieldType(p, "Holder", "lonely").kind, TypeKind::String);
}

constexpr const char* kApi = R"(openapi: 3.1.0
info: {title: Keys, version: '1'}
servers:
  - url: https://api.example.com/v2
    description: Production
  - url: '{scheme}://staging.example.com'
    variables:
      scheme: {default: https}
paths:
  /things:
    get:
      operationId: listThings
      deprecated: true
      parameters:
        - {name: session, in: cookie, required: true, schema: {type: string, minLength: 8}}
        - {name: limit, in: query, schema: {anyOf: [{type: integer}, {const: all}]}}
        - {name: filter, in: query, schema: {type: object}}
      security: [{key: []}]
      responses:
        '200': {description: Things}
  /legacy:
    get:
      operationId: legacy
      security: [{basic: []}]
      responses:
        '200': {description: Old}
  /other:
    get:
      operationId: other
      security: [{cookieKey: []}]
      responses:
        '200': {description: Other}
components:
  securitySchemes:
    key: {type: apiKey, in: query, name: api_key}
    cookieKey: {type: apiKey, in: cookie, name: token}
    basic: {type: http, scheme: basic}
)";

TEST(ImporterTypes, CookiesDeprecationKeysInQueriesBasicAuthAndServers) {
    const ImportResult result = imported(kApi);
    const model::Project& p = result.project;
    const model::Endpoint* list = p.endpoint("listThings");
    ASSERT_NE(list, nullptr);
    EXPECT_TRUE(list->deprecated);
    EXPECT_FALSE(p.endpoint("legacy")->deprecated);
    ASSERT_EQ(list->parameters.size(), 2u);  // the map in a query is not kept
    EXPECT_EQ(list->parameters[0].in, ParamLocation::Query);
    EXPECT_EQ(list->parameters[0].type.kind, TypeKind::Union);
    EXPECT_EQ(list->parameters[1].in, ParamLocation::Cookie);  // cookies come last, as FastAPI lists them
    EXPECT_EQ(list->parameters[1].name, "session");
    EXPECT_TRUE(list->parameters[1].required);
    EXPECT_THAT(lossAt(result, "/paths/~1things/get/parameters/2/schema"), HasSubstr("map of any value"));

    EXPECT_EQ(list->auth, AuthRequirement::ApiKey);
    EXPECT_EQ(p.server.auth.apiKeyIn, model::ApiKeyLocation::Query);
    EXPECT_EQ(p.server.auth.apiKeyName, "api_key");
    EXPECT_EQ(p.endpoint("legacy")->auth, AuthRequirement::Basic);
    // The design checks one API key: the cookie one is reported, not silently merged.
    EXPECT_EQ(p.endpoint("other")->auth, AuthRequirement::ApiKey);
    EXPECT_THAT(lossAt(result, "/paths/~1other/get/security/0/cookieKey"), HasSubstr("one key"));

    ASSERT_EQ(p.servers.size(), 2u);
    EXPECT_EQ(p.servers[0].url, "https://api.example.com/v2");
    EXPECT_EQ(p.servers[0].description, "Production");
    EXPECT_EQ(p.servers[1].url, "{scheme}://staging.example.com");
    EXPECT_THAT(lossAt(result, "/servers/1/variables"), HasSubstr("variables"));
}

}  // namespace
}  // namespace loadstar::openapi
