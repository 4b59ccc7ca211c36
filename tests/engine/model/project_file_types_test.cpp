// The type system's shapes in the project file: nullable values, unions (tagged or
// not), maps, literals, free-form values, unique items and formats Loadstar does
// not check; and the API-level additions (cookie parameters, deprecated
// endpoints, API keys in query or cookie, HTTP basic, declared servers).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/model/project_file.h"

namespace loadstar::model {
namespace {

using ::testing::HasSubstr;

Project projectOf(const ProjectResult<Project>& result) {
    if (const auto* error = std::get_if<ProjectError>(&result)) {
        ADD_FAILURE() << "unexpected error: " << error->toString();
        return {};
    }
    return std::get<Project>(result);
}

ProjectError errorOf(const ProjectResult<Project>& result) {
    EXPECT_TRUE(std::holds_alternative<ProjectError>(result)) << "expected the project to be refused";
    return std::holds_alternative<ProjectError>(result) ? std::get<ProjectError>(result) : ProjectError{};
}

// A project whose one model has the given fields (a JSON array's inside).
std::string withFields(const std::string& fields) {
    return R"({"loadstar": 1, "name": "Types", "models": [
        {"name": "Cat", "fields": [{"name": "kind", "type": "literal", "value": "cat"}]},
        {"name": "Dog", "fields": [{"name": "kind", "type": "literal", "value": "dog"}]},
        {"name": "Pet", "fields": [)" +
           fields + R"(]}], "endpoints": []})";
}

const Field& fieldOf(const Project& p, std::size_t index) {
    static const Field kNone;
    const Model* pet = p.model("Pet");
    if (pet == nullptr || index >= pet->fields.size()) {
        ADD_FAILURE() << "no field " << index;
        return kNone;
    }
    return pet->fields[index];
}

constexpr const char* kEveryKind = R"(
    {"name": "nickname", "type": "string", "nullable": true, "max_length": 20, "required": false},
    {"name": "scores", "type": "map", "items": {"type": "integer", "ge": 0}},
    {"name": "extra", "type": "any", "required": false},
    {"name": "species", "type": "literal", "value": "felis"},
    {"name": "tags", "type": "array", "items": {"type": "string"}, "unique_items": true},
    {"name": "friend", "type": "union", "variants": [{"type": "object", "model": "Cat"},
                                                      {"type": "object", "model": "Dog"}],
     "exclusive": true, "discriminator": {"property": "kind", "mapping": {"cat": "Cat", "dog": "Dog"}},
     "nullable": true},
    {"name": "id", "type": "union", "variants": [{"type": "integer"}, {"type": "string", "format": "uuid"}]},
    {"name": "ip", "type": "string", "format": "ipv6"},
    {"name": "big", "type": "integer", "other_format": "int64"},
    {"name": "secret", "type": "string", "other_format": "password"})";

TEST(ProjectFileTypes, ReadsEveryNewKind) {
    const Project p = projectOf(parseProject(withFields(kEveryKind)));

    const TypeSpec& nickname = fieldOf(p, 0).type;
    EXPECT_EQ(nickname.kind, TypeKind::String);
    EXPECT_TRUE(nickname.nullable);
    EXPECT_EQ(nickname.constraints.maxLength, 20);

    const TypeSpec& scores = fieldOf(p, 1).type;
    EXPECT_EQ(scores.kind, TypeKind::Map);
    ASSERT_TRUE(scores.items);
    EXPECT_EQ(scores.items->kind, TypeKind::Integer);
    EXPECT_EQ(scores.items->constraints.ge, 0);

    EXPECT_EQ(fieldOf(p, 2).type.kind, TypeKind::Any);

    const TypeSpec& species = fieldOf(p, 3).type;
    EXPECT_EQ(species.kind, TypeKind::Literal);
    EXPECT_EQ(species.literalValue(), Json("felis"));

    EXPECT_TRUE(fieldOf(p, 4).type.constraints.uniqueItems);

    const TypeSpec& pal = fieldOf(p, 5).type;
    EXPECT_EQ(pal.kind, TypeKind::Union);
    EXPECT_TRUE(pal.exclusive);
    EXPECT_TRUE(pal.nullable);
    ASSERT_EQ(pal.variants.size(), 2u);
    EXPECT_EQ(pal.variants[1], TypeSpec::object("Dog"));
    ASSERT_TRUE(pal.discriminator);
    EXPECT_EQ(pal.discriminator->property, "kind");
    const std::vector<std::pair<std::string, std::string>> mapping{{"cat", "Cat"}, {"dog", "Dog"}};
    EXPECT_EQ(pal.discriminator->mapping, mapping);

    const TypeSpec& id = fieldOf(p, 6).type;
    EXPECT_FALSE(id.exclusive);
    EXPECT_FALSE(id.discriminator);
    ASSERT_EQ(id.variants.size(), 2u);
    EXPECT_EQ(id.variants[1].constraints.format, StringFormat::Uuid);

    EXPECT_EQ(fieldOf(p, 7).type.constraints.format, StringFormat::Ipv6);
    EXPECT_EQ(fieldOf(p, 8).type.constraints.otherFormat, "int64");
    EXPECT_EQ(fieldOf(p, 9).type.constraints.otherFormat, "password");
}

TEST(ProjectFileTypes, EveryNewKindRoundTripsByteForByte) {
    const Project p = projectOf(parseProject(withFields(kEveryKind)));
    const std::string text = serializeProject(p);
    const Project again = projectOf(parseProject(text));
    EXPECT_EQ(again, p);
    EXPECT_EQ(serializeProject(again), text);
    // Written the way a person would read it: nullable after the type, the literal's value.
    EXPECT_THAT(text, HasSubstr(R"("type": "string",
          "nullable": true,)"));
    EXPECT_THAT(text, HasSubstr(R"("type": "literal",
          "value": "felis",)"));
    EXPECT_THAT(text, HasSubstr(R"("unique_items": true)"));
    EXPECT_THAT(text, HasSubstr(R"("other_format": "int64")"));
}

TEST(ProjectFileTypes, EveryStringFormatRoundTrips) {
    for (const char* format : {"email", "uuid", "date-time", "date", "uri", "time", "ipv4", "ipv6",
                               "hostname", "byte", "binary"}) {
        const Project p = projectOf(parseProject(
            withFields(std::string(R"({"name": "value", "type": "string", "format": ")") + format + "\"}")));
        EXPECT_STREQ(toString(fieldOf(p, 0).type.constraints.format), format);
        EXPECT_EQ(projectOf(parseProject(serializeProject(p))), p) << format;
    }
}

TEST(ProjectFileTypes, ApiLevelAdditionsRoundTrip) {
    const Project p = projectOf(parseProject(R"({"loadstar": 1, "name": "Api",
        "servers": [{"url": "https://api.example.com/v1", "description": "production"},
                    {"url": "http://127.0.0.1:8000"}],
        "server": {"auth": {"api_key_in": "cookie", "api_key_name": "session", "api_keys": ["k1"],
                            "bearer_tokens": [], "basic_users": ["alice:wonderland"]}},
        "endpoints": [{"id": "old", "method": "GET", "path": "/old", "deprecated": true, "auth": "basic",
                       "parameters": [{"name": "tracker", "in": "cookie", "type": "string"}],
                       "responses": [{"status": 200}]}]})"));
    ASSERT_EQ(p.servers.size(), 2u);
    EXPECT_EQ(p.servers[0], (ApiServer{"https://api.example.com/v1", "production"}));
    EXPECT_EQ(p.servers[1].description, "");
    EXPECT_EQ(p.server.auth.apiKeyIn, ApiKeyLocation::Cookie);
    EXPECT_EQ(p.server.auth.apiKeyName, "session");
    EXPECT_EQ(p.server.auth.basicUsers, std::vector<std::string>{"alice:wonderland"});
    const Endpoint& e = p.endpoints.front();
    EXPECT_TRUE(e.deprecated);
    EXPECT_EQ(e.auth, AuthRequirement::Basic);
    EXPECT_EQ(e.parameters.front().in, ParamLocation::Cookie);
    EXPECT_FALSE(e.parameters.front().required);  // only path parameters default to required

    const std::string text = serializeProject(p);
    EXPECT_EQ(projectOf(parseProject(text)), p);
    EXPECT_EQ(serializeProject(projectOf(parseProject(text))), text);
}

TEST(ProjectFileTypes, FilesFromBeforeTheNewShapesStillRead) {
    // api_key_header was the only way to name the key; it is read as a header key.
    const Project p = projectOf(parseProject(R"({"loadstar": 1, "name": "Old",
        "server": {"auth": {"api_key_header": "X-Old-Key", "api_keys": ["k"], "bearer_tokens": []}},
        "models": [{"name": "M", "fields": [{"name": "x", "type": "integer"}]}],
        "endpoints": [{"id": "a", "method": "GET", "path": "/a", "auth": "api_key", "responses": [{"status": 200}]}]})"));
    EXPECT_EQ(p.server.auth.apiKeyIn, ApiKeyLocation::Header);
    EXPECT_EQ(p.server.auth.apiKeyName, "X-Old-Key");
    EXPECT_TRUE(p.servers.empty());
    EXPECT_FALSE(p.endpoints.front().deprecated);
    const TypeSpec& x = p.models.front().fields.front().type;
    EXPECT_FALSE(x.nullable);
    EXPECT_TRUE(x.variants.empty());
    EXPECT_FALSE(x.constraints.uniqueItems);
    EXPECT_TRUE(x.constraints.otherFormat.empty());
    // Saved again, the key is written under its new name.
    EXPECT_THAT(serializeProject(p), HasSubstr(R"("api_key_name": "X-Old-Key")"));
}

struct Refusal {
    std::string fields;   // inside Pet's field list
    std::string pointer;  // where the error must point
    std::string message;  // part of the message
};

TEST(ProjectFileTypes, BrokenTypesAreRefusedWithThePlace) {
    const std::vector<Refusal> cases = {
        {R"({"name": "a", "type": "tuple"})", "/models/2/fields/0/type", "unknown type \"tuple\""},
        {R"({"name": "a", "type": "literal"})", "/models/2/fields/0/value", "a literal needs its value"},
        {R"({"name": "a", "type": "map"})", "/models/2/fields/0", "missing \"items\""},
        {R"({"name": "a", "type": "map", "items": {"type": "string", "colour": 1}})",
         "/models/2/fields/0/items/colour", ""},
        {R"({"name": "a", "type": "union", "variants": {"type": "string"}})", "/models/2/fields/0/variants",
         "expected an array"},
        {R"({"name": "a", "type": "union", "variants": [{"type": "string"}, {"type": "integer", "min": 1}]})",
         "/models/2/fields/0/variants/1/min", ""},
        {R"({"name": "a", "type": "union", "variants": [{"type": "string"}, 7]})",
         "/models/2/fields/0/variants/1", ""},
        {R"({"name": "a", "type": "union", "variants": [], "discriminator": {"mapping": {}}})",
         "/models/2/fields/0/discriminator", "missing \"property\""},
        {R"({"name": "a", "type": "union", "variants": [], "discriminator": {"property": "kind", "mapping": {"cat": 3}}})",
         "/models/2/fields/0/discriminator/mapping/cat", "must name a model"},
        {R"({"name": "a", "type": "string", "nullable": "yes"})", "/models/2/fields/0/nullable", ""},
        {R"({"name": "a", "type": "array", "items": {"type": "string"}, "unique_items": 1})",
         "/models/2/fields/0/unique_items", ""},
        {R"({"name": "a", "type": "string", "format": "int64"})", "/models/2/fields/0/format",
         "a format Loadstar cannot check goes in other_format"},
    };
    for (const Refusal& c : cases) {
        const ProjectError error = errorOf(parseProject(withFields(c.fields)));
        EXPECT_EQ(error.where, c.pointer) << c.fields << " -> " << error.toString();
        EXPECT_THAT(error.message, HasSubstr(c.message)) << c.fields;
    }
}

TEST(ProjectFileTypes, BrokenApiAdditionsAreRefusedWithThePlace) {
    const auto refused = [](const std::string& text) { return errorOf(parseProject(text)); };
    ProjectError e = refused(R"({"loadstar": 1, "name": "x", "server": {"auth": {"api_key_in": "body"}}})");
    EXPECT_EQ(e.where, "/server/auth/api_key_in");
    EXPECT_THAT(e.message, HasSubstr("\"header\", \"query\" or \"cookie\""));
    e = refused(
        R"({"loadstar": 1, "name": "x", "server": {"auth": {"api_key_header": "A", "api_key_name": "B"}}})");
    EXPECT_EQ(e.where, "/server/auth/api_key_header");
    e = refused(R"({"loadstar": 1, "name": "x", "server": {"auth": {"basic_users": ["alice"]}}})");
    EXPECT_EQ(e.where, "/server/auth/basic_users/0");
    EXPECT_THAT(e.message, HasSubstr("user:password"));
    e = refused(R"({"loadstar": 1, "name": "x", "servers": [{"description": "no url"}]})");
    EXPECT_EQ(e.where, "/servers/0");
    EXPECT_THAT(e.message, HasSubstr("missing \"url\""));
    e = refused(R"({"loadstar": 1, "name": "x", "servers": [{"url": ""}]})");
    EXPECT_EQ(e.where, "/servers/0/url");
    e = refused(R"({"loadstar": 1, "name": "x", "endpoints": [{"id": "a", "method": "GET", "path": "/a",
                   "deprecated": "soon", "responses": []}]})");
    EXPECT_EQ(e.where, "/endpoints/0/deprecated");
    e = refused(R"({"loadstar": 1, "name": "x", "endpoints": [{"id": "a", "method": "GET", "path": "/a",
                   "auth": "digest", "responses": []}]})");
    EXPECT_EQ(e.where, "/endpoints/0/auth");
    EXPECT_THAT(e.message, HasSubstr("\"basic\""));
    e = refused(R"({"loadstar": 1, "name": "x", "endpoints": [{"id": "a", "method": "GET", "path": "/a",
                   "parameters": [{"name": "p", "in": "body", "type": "string"}], "responses": []}]})");
    EXPECT_EQ(e.where, "/endpoints/0/parameters/0/in");
    EXPECT_THAT(e.message, HasSubstr("\"cookie\""));
}

TEST(TypeSpecEquality, EveryPartCounts) {
    const TypeSpec base = TypeSpec::unionOf({TypeSpec::object("Cat"), TypeSpec::object("Dog")});
    EXPECT_EQ(base, TypeSpec::unionOf({TypeSpec::object("Cat"), TypeSpec::object("Dog")}));
    TypeSpec other = base;
    other.nullable = true;
    EXPECT_NE(other, base);
    other = base;
    other.exclusive = true;
    EXPECT_NE(other, base);
    other = base;
    other.variants.pop_back();
    EXPECT_NE(other, base);
    other = base;
    other.discriminator = Discriminator{"kind", {}};
    EXPECT_NE(other, base);
    TypeSpec mapped = other;
    mapped.discriminator->mapping.emplace_back("cat", "Cat");
    EXPECT_NE(mapped, other);

    // Items compare by value, not by pointer.
    EXPECT_EQ(TypeSpec::mapOf(TypeSpec::scalar(TypeKind::Integer)),
              TypeSpec::mapOf(TypeSpec::scalar(TypeKind::Integer)));
    EXPECT_NE(TypeSpec::mapOf(TypeSpec::scalar(TypeKind::Integer)),
              TypeSpec::arrayOf(TypeSpec::scalar(TypeKind::Integer)));
    EXPECT_NE(TypeSpec::literal(Json(1)), TypeSpec::literal(Json("1")));
    TypeSpec unique = TypeSpec::arrayOf(TypeSpec::scalar(TypeKind::String));
    unique.constraints.uniqueItems = true;
    EXPECT_NE(unique, TypeSpec::arrayOf(TypeSpec::scalar(TypeKind::String)));
    TypeSpec int64 = TypeSpec::scalar(TypeKind::Integer);
    int64.constraints.otherFormat = "int64";
    EXPECT_NE(int64, TypeSpec::scalar(TypeKind::Integer));
}

TEST(TypeSpecDescribe, SpellsEveryKind) {
    TypeSpec nullableString = TypeSpec::scalar(TypeKind::String);
    nullableString.nullable = true;
    EXPECT_EQ(describe(nullableString), "nullable string");
    EXPECT_EQ(describe(TypeSpec::mapOf(TypeSpec::arrayOf(TypeSpec::scalar(TypeKind::Integer)))),
              "map of array of integer");
    EXPECT_EQ(describe(TypeSpec::unionOf({TypeSpec::object("Cat"), TypeSpec::scalar(TypeKind::Integer)})),
              "union of model Cat | integer");
    EXPECT_EQ(describe(TypeSpec::unionOf({})), "union of nothing");
    EXPECT_EQ(describe(TypeSpec::literal(Json("cat"))), "literal \"cat\"");
    EXPECT_EQ(describe(TypeSpec::literal(Json(nullptr))), "literal null");
    EXPECT_EQ(describe(TypeSpec::any()), "any value");
}

}  // namespace
}  // namespace loadstar::model
