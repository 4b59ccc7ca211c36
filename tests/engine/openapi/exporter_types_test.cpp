// OpenAPI 3.1 export of the type system's newer shapes: nullable values (a type
// array, or anyOf with null where there is no plain type), unions (anyOf / oneOf,
// a discriminator whose mapping names every tag), maps (additionalProperties),
// literals (const), free-form values ({}), unique items, every checked format and
// the formats Loadstar keeps without checking; and the API additions (cookie
// parameters, deprecated operations, API keys in query and cookie, HTTP basic,
// declared servers).

#include <gtest/gtest.h>

#include "engine/openapi/exporter.h"

namespace loadstar::openapi {
namespace {

using model::AuthRequirement;
using model::Discriminator;
using model::Endpoint;
using model::Field;
using model::Model;
using model::Parameter;
using model::ParamLocation;
using model::Project;
using model::StringFormat;
using model::TypeKind;
using model::TypeSpec;

void expectJson(const Json& actual, const char* expected) {
    EXPECT_EQ(actual.dump(2), Json::parse(expected).dump(2));
}

Field field(std::string name, TypeSpec type, bool required = true) {
    Field f;
    f.name = std::move(name);
    f.type = std::move(type);
    f.required = required;
    return f;
}

TypeSpec nullable(TypeSpec type) {
    type.nullable = true;
    return type;
}

// Cat and Dog tag themselves with a literal "kind"; Fish's kind is a plain string.
Project petProject() {
    Project p;
    p.models.push_back(
        Model{"Cat", "", {field("kind", TypeSpec::literal("cat"))}, model::ExtraFields::Ignore});
    p.models.push_back(
        Model{"Dog", "", {field("kind", TypeSpec::literal("dog"))}, model::ExtraFields::Ignore});
    p.models.push_back(
        Model{"Fish", "", {field("kind", TypeSpec::scalar(TypeKind::String))}, model::ExtraFields::Ignore});
    return p;
}

TEST(OpenApiExportTypes, NullableValuesGetATypeArrayOrAnyOfWithNull) {
    const Project p = petProject();
    TypeSpec nickname = nullable(TypeSpec::scalar(TypeKind::String));
    nickname.constraints.maxLength = 20;
    expectJson(typeSchema(p, nickname), R"({"type": ["string", "null"], "maxLength": 20})");
    expectJson(typeSchema(p, nullable(TypeSpec::arrayOf(TypeSpec::scalar(TypeKind::Integer)))),
               R"({"items": {"type": "integer"}, "type": ["array", "null"]})");
    expectJson(typeSchema(p, nullable(TypeSpec::object("Cat"))),
               R"({"anyOf": [{"$ref": "#/components/schemas/Cat"}, {"type": "null"}]})");
    expectJson(typeSchema(p, nullable(TypeSpec::enumeration({"a", "b"}))),
               R"({"anyOf": [{"type": "string", "enum": ["a", "b"]}, {"type": "null"}]})");
    expectJson(typeSchema(p, nullable(TypeSpec::literal(3))),
               R"({"anyOf": [{"type": "integer", "const": 3}, {"type": "null"}]})");
    // {} takes null already.
    expectJson(typeSchema(p, nullable(TypeSpec::any())), R"({})");
}

TEST(OpenApiExportTypes, MapsLiteralsAnyAndUniqueItems) {
    const Project p = petProject();
    TypeSpec scores = TypeSpec::mapOf(TypeSpec::scalar(TypeKind::Integer));
    scores.items->constraints.ge = 0;
    expectJson(typeSchema(p, scores),
               R"({"additionalProperties": {"type": "integer", "minimum": 0.0}, "type": "object"})");
    expectJson(typeSchema(p, TypeSpec::mapOf(TypeSpec::any())),
               R"({"additionalProperties": {}, "type": "object"})");
    expectJson(typeSchema(p, TypeSpec::literal("cat")), R"({"type": "string", "const": "cat"})");
    expectJson(typeSchema(p, TypeSpec::literal(true)), R"({"type": "boolean", "const": true})");
    expectJson(typeSchema(p, TypeSpec::literal(nullptr)), R"({"const": null})");
    expectJson(typeSchema(p, TypeSpec::any()), R"({})");
    TypeSpec tags = TypeSpec::arrayOf(TypeSpec::scalar(TypeKind::String));
    tags.constraints.uniqueItems = true;
    tags.constraints.maxItems = 5;
    expectJson(typeSchema(p, tags),
               R"({"items": {"type": "string"}, "type": "array", "maxItems": 5, "uniqueItems": true})");
}

TEST(OpenApiExportTypes, UnionsAreAnyOfOrOneOf) {
    const Project p = petProject();
    TypeSpec id =
        TypeSpec::unionOf({TypeSpec::scalar(TypeKind::Integer), TypeSpec::scalar(TypeKind::String)});
    id.variants[1].constraints.format = StringFormat::Uuid;
    expectJson(typeSchema(p, id),
               R"({"anyOf": [{"type": "integer"}, {"type": "string", "format": "uuid"}]})");
    id.exclusive = true;
    expectJson(typeSchema(p, id),
               R"({"oneOf": [{"type": "integer"}, {"type": "string", "format": "uuid"}]})");
    expectJson(
        typeSchema(p, nullable(id)),
        R"({"anyOf": [{"oneOf": [{"type": "integer"}, {"type": "string", "format": "uuid"}]}, {"type": "null"}]})");
}

TEST(OpenApiExportTypes, ADiscriminatorMapsEveryTagToItsSchema) {
    const Project p = petProject();
    TypeSpec pet =
        TypeSpec::unionOf({TypeSpec::object("Cat"), TypeSpec::object("Dog"), TypeSpec::object("Fish")});
    pet.discriminator = Discriminator{"kind", {{"fish", "Fish"}, {"trout", "Fish"}}};
    // Tags from the literal fields, from the mapping, in variant order; oneOf, as Pydantic prints it.
    expectJson(typeSchema(p, pet), R"({
        "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"},
                  {"$ref": "#/components/schemas/Fish"}],
        "discriminator": {"propertyName": "kind", "mapping": {
            "cat": "#/components/schemas/Cat", "dog": "#/components/schemas/Dog",
            "fish": "#/components/schemas/Fish", "trout": "#/components/schemas/Fish"}}
    })");
}

TEST(OpenApiExportTypes, ModelFieldsOfTheNewKinds) {
    Project p = petProject();
    TypeSpec pet = TypeSpec::unionOf({TypeSpec::object("Cat"), TypeSpec::object("Dog")});
    pet.discriminator = Discriminator{"kind", {}};
    TypeSpec big = TypeSpec::scalar(TypeKind::Integer);
    big.constraints.otherFormat = "int64";
    TypeSpec secret = TypeSpec::scalar(TypeKind::String);
    secret.constraints.otherFormat = "password";
    Model owner{"Owner", "", {}, model::ExtraFields::Ignore};
    owner.fields.push_back(field("pet", pet));
    owner.fields.push_back(field("friend", nullable(TypeSpec::object("Dog")), false));
    owner.fields.push_back(field("notes", TypeSpec::any(), false));
    owner.fields.push_back(field("big", big));
    owner.fields.push_back(field("secret", secret));
    expectJson(modelSchema(p, owner), R"({
        "properties": {
            "pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                    "title": "Pet",
                    "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/components/schemas/Cat",
                                                                          "dog": "#/components/schemas/Dog"}}},
            "friend": {"anyOf": [{"$ref": "#/components/schemas/Dog"}, {"type": "null"}], "title": "Friend"},
            "notes": {"title": "Notes"},
            "big": {"type": "integer", "format": "int64", "title": "Big"},
            "secret": {"type": "string", "format": "password", "title": "Secret"}
        },
        "type": "object",
        "required": ["pet", "big", "secret"],
        "title": "Owner"
    })");
}

TEST(OpenApiExportTypes, EveryCheckedFormatIsDeclared) {
    const Project p;
    for (const StringFormat format : {StringFormat::Time, StringFormat::Ipv4, StringFormat::Ipv6,
                                      StringFormat::Hostname, StringFormat::Byte, StringFormat::Binary}) {
        TypeSpec type = TypeSpec::scalar(TypeKind::String);
        type.constraints.format = format;
        EXPECT_EQ(typeSchema(p, type).at("format"), model::toString(format));
    }
}

TEST(OpenApiExportTypes, CookiesDeprecationAuthSchemesAndServers) {
    Project p;
    p.servers = {{"https://api.example.com/v1", "Production"}, {"http://127.0.0.1:8000", ""}};
    p.server.auth.apiKeyIn = model::ApiKeyLocation::Cookie;
    p.server.auth.apiKeyName = "session";
    Endpoint old;
    old.id = "old_status";
    old.path = "/status";
    old.deprecated = true;
    old.auth = AuthRequirement::Basic;
    Parameter tracker;
    tracker.name = "tracker";
    tracker.in = ParamLocation::Cookie;
    tracker.type = TypeSpec::scalar(TypeKind::String);
    Parameter lang;
    lang.name = "lang";
    lang.in = ParamLocation::Header;
    lang.type = TypeSpec::scalar(TypeKind::String);
    old.parameters = {tracker, lang};
    Endpoint keyed = old;
    keyed.id = "keyed";
    keyed.method = "POST";
    keyed.deprecated = false;
    keyed.auth = AuthRequirement::ApiKey;
    keyed.parameters.clear();
    p.endpoints = {old, keyed};

    const Json document = exportDocument(p);
    expectJson(
        document.at("servers"),
        R"([{"url": "https://api.example.com/v1", "description": "Production"}, {"url": "http://127.0.0.1:8000"}])");
    const Json& get = document.at("paths").at("/status").at("get");
    EXPECT_EQ(get.at("deprecated"), true);
    EXPECT_FALSE(document.at("paths").at("/status").at("post").contains("deprecated"));
    // Cookies come after headers, as FastAPI lists them.
    EXPECT_EQ(get.at("parameters").at(0).at("in"), "header");
    EXPECT_EQ(get.at("parameters").at(1).at("in"), "cookie");
    EXPECT_EQ(get.at("security"), Json::parse(R"([{"HTTPBasic": []}])"));
    expectJson(document.at("components").at("securitySchemes"), R"({
        "HTTPBasic": {"type": "http", "scheme": "basic"},
        "APIKeyCookie": {"type": "apiKey", "in": "cookie", "name": "session"}
    })");
    // Servers given to the export replace the declared ones (the embedded server serves its own).
    EXPECT_EQ(exportDocument(p, ExportOptions{{"/"}}).at("servers"), Json::parse(R"([{"url": "/"}])"));
    p.server.auth.apiKeyIn = model::ApiKeyLocation::Query;
    p.server.auth.apiKeyName = "api_key";
    EXPECT_EQ(exportDocument(p).at("components").at("securitySchemes").at("APIKeyQuery"),
              Json::parse(R"({"type": "apiKey", "in": "query", "name": "api_key"})"));
}

}  // namespace
}  // namespace loadstar::openapi
