#include "engine/openapi/exporter.h"

#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "engine/openapi/sample_designs.h"
#include "engine/openapi/title.h"

namespace loadstar::openapi {
namespace {

using model::AuthRequirement;
using model::Endpoint;
using model::ExtraFields;
using model::Field;
using model::Model;
using model::Parameter;
using model::ParamLocation;
using model::Project;
using model::Response;
using model::StringFormat;
using model::TypeKind;
using model::TypeSpec;

// Compares as text so that key order and number spelling (1 vs 1.0) count.
void expectJson(const Json& actual, const char* expected) {
    EXPECT_EQ(actual.dump(2), Json::parse(expected).dump(2));
}

Endpoint endpoint(std::string id, std::string method, std::string path) {
    Endpoint e;
    e.id = std::move(id);
    e.method = std::move(method);
    e.path = std::move(path);
    return e;
}

Parameter parameter(std::string name, ParamLocation in, TypeSpec type) {
    Parameter p;
    p.name = std::move(name);
    p.in = in;
    p.type = std::move(type);
    return p;
}

Response response(int status, std::optional<TypeSpec> body = std::nullopt, std::string description = {}) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.description = std::move(description);
    return r;
}

Field field(std::string name, TypeSpec type, bool required = true) {
    Field f;
    f.name = std::move(name);
    f.type = std::move(type);
    f.required = required;
    return f;
}

Project projectWith(std::vector<Endpoint> endpoints) {
    Project project;
    project.endpoints = std::move(endpoints);
    return project;
}

const Json& operationOf(const Json& document, const std::string& path, const std::string& method) {
    return document.at("paths").at(path).at(method);
}

TEST(OpenApiTitle, FollowsPythonTitleCaseWithUnderscoresAsSpaces) {
    EXPECT_EQ(titleFromName("book_id"), "Book Id");
    EXPECT_EQ(titleFromName("per_page"), "Per Page");
    EXPECT_EQ(titleFromName("x-api-key"), "X-Api-Key");
    EXPECT_EQ(titleFromName("X-Request-Id"), "X-Request-Id");
    EXPECT_EQ(titleFromName("bookId"), "Bookid");
    EXPECT_EQ(titleFromName("HTTPStatus"), "Httpstatus");
    EXPECT_EQ(titleFromName("v2_items"), "V2 Items");
    EXPECT_EQ(titleFromName("x2y"), "X2Y");
    EXPECT_EQ(titleFromName("_private_"), "Private");
    EXPECT_EQ(titleFromName("Response_404_get_book"), "Response 404 Get Book");
    EXPECT_EQ(titleFromName("café_au_lait"), "Café Au Lait");
    EXPECT_EQ(titleFromName(""), "");
}

TEST(OpenApiExport, InfoAndDefaultServerComeFromTheProject) {
    Project project;
    project.name = "Inventory";
    project.version = "3.2.1";
    project.description = "Stock levels.";
    project.server.host = "api.internal";
    project.server.port = 9000;

    const Json document = exportDocument(project);

    expectJson(document, R"({
        "openapi": "3.1.0",
        "info": {"title": "Inventory", "description": "Stock levels.", "version": "3.2.1"},
        "servers": [{"url": "http://api.internal:9000"}],
        "paths": {}
    })");
}

TEST(OpenApiExport, ServersFromOptionsReplaceTheProjectAddress) {
    const Json document =
        exportDocument(Project{}, ExportOptions{{"http://127.0.0.1:8000", "https://api.example.com"}});
    expectJson(document.at("servers"),
               R"([{"url": "http://127.0.0.1:8000"}, {"url": "https://api.example.com"}])");
}

TEST(OpenApiExport, WildcardAndIpv6HostsBecomeReachableUrls) {
    Project project;
    project.server.host = "0.0.0.0";
    EXPECT_EQ(exportDocument(project).at("servers")[0].at("url"), "http://127.0.0.1:8000");
    project.server.host = "::";
    EXPECT_EQ(exportDocument(project).at("servers")[0].at("url"), "http://[::1]:8000");
    project.server.host = "fe80::1";
    EXPECT_EQ(exportDocument(project).at("servers")[0].at("url"), "http://[fe80::1]:8000");
}

TEST(OpenApiExport, ModelFieldsCarryEveryConstraintAsJsonSchema) {
    Model model{"Everything", "All the constraints.", {}, ExtraFields::Forbid};
    TypeSpec count = TypeSpec::scalar(TypeKind::Integer);
    count.constraints.ge = 1;
    count.constraints.le = 10;
    count.constraints.multipleOf = 2;
    model.fields.push_back(field("count", count));
    TypeSpec ratio = TypeSpec::scalar(TypeKind::Number);
    ratio.constraints.gt = 0;
    ratio.constraints.lt = 1.5;
    Field ratioField = field("ratio", ratio, false);
    ratioField.defaultValue = 0.5;
    ratioField.description = "Share of the total.";
    ratioField.example = 0.25;
    model.fields.push_back(std::move(ratioField));
    TypeSpec code = TypeSpec::scalar(TypeKind::String);
    code.constraints.minLength = 2;
    code.constraints.maxLength = 8;
    code.constraints.pattern = "^[A-Z]+$";
    model.fields.push_back(field("code", code));
    TypeSpec email = TypeSpec::scalar(TypeKind::String);
    email.constraints.format = StringFormat::Email;
    Field emailField = field("contact_email", email, false);
    emailField.defaultValue = nullptr;  // FastAPI never prints a null default
    model.fields.push_back(std::move(emailField));
    TypeSpec tags = TypeSpec::arrayOf(TypeSpec::scalar(TypeKind::String));
    tags.constraints.minItems = 1;
    tags.constraints.maxItems = 3;
    model.fields.push_back(field("tags", tags));
    model.fields.push_back(
        field("matrix", TypeSpec::arrayOf(TypeSpec::arrayOf(TypeSpec::scalar(TypeKind::Number)))));
    Field owner = field("owner", TypeSpec::object("Person"));
    owner.description = "Who owns it.";
    model.fields.push_back(std::move(owner));
    model.fields.push_back(field("flag", TypeSpec::scalar(TypeKind::Boolean), false));

    expectJson(modelSchema(Project{}, model), R"({
        "properties": {
            "count": {"type": "integer", "multipleOf": 2.0, "maximum": 10.0, "minimum": 1.0, "title": "Count"},
            "ratio": {"type": "number", "exclusiveMaximum": 1.5, "exclusiveMinimum": 0.0, "title": "Ratio",
                      "description": "Share of the total.", "default": 0.5, "examples": [0.25]},
            "code": {"type": "string", "maxLength": 8, "minLength": 2, "pattern": "^[A-Z]+$", "title": "Code"},
            "contact_email": {"type": "string", "format": "email", "title": "Contact Email"},
            "tags": {"items": {"type": "string"}, "type": "array", "maxItems": 3, "minItems": 1, "title": "Tags"},
            "matrix": {"items": {"items": {"type": "number"}, "type": "array"}, "type": "array", "title": "Matrix"},
            "owner": {"$ref": "#/components/schemas/Person", "description": "Who owns it."},
            "flag": {"type": "boolean", "title": "Flag"}
        },
        "additionalProperties": false,
        "type": "object",
        "required": ["count", "code", "tags", "matrix", "owner"],
        "title": "Everything",
        "description": "All the constraints."
    })");
}

TEST(OpenApiExport, ConstraintsOfAnotherKindAreLeftOut) {
    TypeSpec flag = TypeSpec::scalar(TypeKind::Boolean);
    flag.constraints.minLength = 3;
    flag.constraints.ge = 1;
    TypeSpec number = TypeSpec::scalar(TypeKind::Number);
    number.constraints.pattern = "x";
    number.constraints.maxItems = 2;
    expectJson(typeSchema(Project{}, flag), R"({"type": "boolean"})");
    expectJson(typeSchema(Project{}, number), R"({"type": "number"})");
}

TEST(OpenApiExport, ExtraFieldsPolicyAndEmptyModels) {
    const Model allow{"Open", "", {}, ExtraFields::Allow};
    const Model ignore{"Plain", "", {}, ExtraFields::Ignore};
    expectJson(modelSchema(Project{}, allow),
               R"({"properties": {}, "additionalProperties": true, "type": "object", "title": "Open"})");
    expectJson(modelSchema(Project{}, ignore), R"({"properties": {}, "type": "object", "title": "Plain"})");
}

TEST(OpenApiExport, EnumsDeclareTheirValuesType) {
    const Project none;
    expectJson(typeSchema(none, TypeSpec::enumeration({"a", "b"})),
               R"({"type": "string", "enum": ["a", "b"]})");
    expectJson(typeSchema(none, TypeSpec::enumeration({1, 2})), R"({"type": "integer", "enum": [1, 2]})");
    expectJson(typeSchema(none, TypeSpec::enumeration({1, 2.5})), R"({"type": "number", "enum": [1, 2.5]})");
    expectJson(typeSchema(none, TypeSpec::enumeration({true})), R"({"type": "boolean", "enum": [true]})");
    expectJson(typeSchema(none, TypeSpec::enumeration({"a", 1})), R"({"enum": ["a", 1]})");
}

TEST(OpenApiExport, ModelNamesOutsideOpenApisAlphabetAreMadeSafeInKeysAndReferences) {
    Project project;
    project.models.push_back(
        Model{"Line Item/v2", "", {field("sku", TypeSpec::scalar(TypeKind::String))}, {}});
    Endpoint get = endpoint("get_item", "GET", "/item");
    get.responses.push_back(response(200, TypeSpec::object("Line Item/v2")));
    project.endpoints.push_back(get);

    const Json document = exportDocument(project);

    const Json& schemas = document.at("components").at("schemas");
    ASSERT_TRUE(schemas.contains("Line_Item_v2")) << schemas.dump(2);
    EXPECT_EQ(schemas.at("Line_Item_v2").at("title"), "Line Item/v2");
    EXPECT_EQ(
        operationOf(document, "/item", "get")["responses"]["200"]["content"]["application/json"]["schema"],
        Json({{"$ref", "#/components/schemas/Line_Item_v2"}}));
}

TEST(OpenApiExport, ParametersLookAsFastApiPrintsThem) {
    Endpoint get = endpoint("get_thing", "GET", "/things/{thing_id}");
    Parameter limit = parameter("limit", ParamLocation::Query, TypeSpec::scalar(TypeKind::Integer));
    limit.type.constraints.ge = 1;
    limit.type.constraints.le = 100;
    limit.defaultValue = 10;
    limit.description = "At most this many";
    get.parameters.push_back(limit);
    Parameter trace = parameter("X-Trace", ParamLocation::Header, TypeSpec::scalar(TypeKind::String));
    trace.required = true;
    trace.example = "abc";
    get.parameters.push_back(trace);
    Parameter id = parameter("thing_id", ParamLocation::Path, TypeSpec::scalar(TypeKind::Number));
    id.type.constraints.gt = 0.5;
    id.required = false;  // path parameters are required whatever the design says
    get.parameters.push_back(id);
    Parameter ids =
        parameter("ids", ParamLocation::Query, TypeSpec::arrayOf(TypeSpec::scalar(TypeKind::Integer)));
    ids.type.constraints.maxItems = 5;
    get.parameters.push_back(ids);

    const Json document = exportDocument(projectWith({get}));

    expectJson(operationOf(document, "/things/{thing_id}", "get").at("parameters"), R"([
        {"name": "thing_id", "in": "path", "required": true,
         "schema": {"type": "number", "exclusiveMinimum": 0.5, "title": "Thing Id"}},
        {"name": "limit", "in": "query", "required": false,
         "schema": {"type": "integer", "maximum": 100, "minimum": 1, "description": "At most this many",
                    "default": 10, "title": "Limit"},
         "description": "At most this many"},
        {"name": "ids", "in": "query", "required": false,
         "schema": {"type": "array", "items": {"type": "integer"}, "maxItems": 5, "title": "Ids"}},
        {"name": "X-Trace", "in": "header", "required": true,
         "schema": {"type": "string", "examples": ["abc"], "title": "X-Trace"}}
    ])");
}

TEST(OpenApiExport, OperationMetadataFollowsFastApi) {
    Endpoint list = endpoint("list_all_things", "GET", "/things");
    list.responses.push_back(response(200, TypeSpec::arrayOf(TypeSpec::object("Thing"))));
    list.responses.push_back(response(400, TypeSpec::arrayOf(TypeSpec::scalar(TypeKind::String))));
    Endpoint described = endpoint("make", "PUT", "/things");
    described.summary = "Make a thing";
    described.description = "Line one.\nLine two.";
    described.tags = {"things", "writes"};
    described.responses.push_back(response(202, std::nullopt, "Queued"));

    const Json document = exportDocument(projectWith({list, described}));

    expectJson(document.at("paths"), R"({
        "/things": {
            "get": {
                "summary": "List All Things",
                "operationId": "list_all_things",
                "responses": {
                    "200": {"description": "Successful Response", "content": {"application/json": {"schema":
                        {"items": {"$ref": "#/components/schemas/Thing"}, "type": "array",
                         "title": "Response List All Things"}}}},
                    "400": {"description": "Bad Request", "content": {"application/json": {"schema":
                        {"items": {"type": "string"}, "type": "array", "title": "Response 400 List All Things"}}}}
                }
            },
            "put": {
                "tags": ["things", "writes"],
                "summary": "Make a thing",
                "description": "Line one.\nLine two.",
                "operationId": "make",
                "responses": {"202": {"description": "Queued"}}
            }
        }
    })");
}

TEST(OpenApiExport, ResponseDescriptionsAreNeverEmpty) {
    Endpoint get = endpoint("get", "GET", "/x");
    get.responses = {response(201), response(404), response(599), response(503, std::nullopt, "Try later")};
    Endpoint bare = endpoint("bare", "POST", "/y");

    const Json document = exportDocument(projectWith({get, bare}));

    expectJson(operationOf(document, "/x", "get").at("responses"), R"({
        "201": {"description": "Successful Response"},
        "404": {"description": "Not Found"},
        "599": {"description": "Additional Response"},
        "503": {"description": "Try later"}
    })");
    expectJson(operationOf(document, "/y", "post").at("responses"),
               R"({"200": {"description": "Successful Response"}})");
}

TEST(OpenApiExport, ValidationErrorIsDocumentedOnlyWhereThereIsInput) {
    Endpoint plain = endpoint("plain", "GET", "/plain");
    plain.responses.push_back(response(200));
    Project project = projectWith({plain});

    Json document = exportDocument(project);
    EXPECT_FALSE(operationOf(document, "/plain", "get").at("responses").contains("422"));
    EXPECT_FALSE(document.contains("components")) << document.dump(2);

    Endpoint withQuery = endpoint("search", "GET", "/search");
    withQuery.parameters.push_back(parameter("q", ParamLocation::Query, TypeSpec::scalar(TypeKind::String)));
    withQuery.responses.push_back(response(200));
    Endpoint withBody = endpoint("post", "POST", "/post");
    withBody.requestBody = model::RequestBody{TypeSpec::object("Thing"), false, "The thing to store"};
    withBody.responses.push_back(response(200));
    project.endpoints = {plain, withQuery, withBody};

    document = exportDocument(project);

    expectJson(operationOf(document, "/search", "get").at("responses").at("422"), R"({
        "description": "Validation Error",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HTTPValidationError"}}}
    })");
    expectJson(operationOf(document, "/post", "post").at("requestBody"), R"({
        "description": "The thing to store",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}
    })");
    EXPECT_TRUE(operationOf(document, "/post", "post").at("responses").contains("422"));
    expectJson(document.at("components").at("schemas"), R"({
        "HTTPValidationError": {
            "properties": {"detail": {"items": {"$ref": "#/components/schemas/ValidationError"},
                                      "type": "array", "title": "Detail"}},
            "type": "object",
            "title": "HTTPValidationError"
        },
        "ValidationError": {
            "properties": {
                "loc": {"items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}, "type": "array",
                        "title": "Location"},
                "msg": {"type": "string", "title": "Message"},
                "type": {"type": "string", "title": "Error Type"}
            },
            "type": "object",
            "required": ["loc", "msg", "type"],
            "title": "ValidationError"
        }
    })");
}

TEST(OpenApiExport, ADeclared422IsKeptAsDesigned) {
    Endpoint post = endpoint("post", "POST", "/post");
    post.requestBody = model::RequestBody{TypeSpec::object("Thing"), true, ""};
    post.responses = {response(200), response(422, TypeSpec::object("Problem"), "Bad thing")};

    const Json document = exportDocument(projectWith({post}));

    EXPECT_EQ(operationOf(document, "/post", "post")["responses"]["422"]["description"], "Bad thing");
    EXPECT_FALSE(document.contains("components")) << document.dump(2);
}

TEST(OpenApiExport, AuthAddsSchemesRequirementsAnd401) {
    Project project;
    project.server.auth.apiKeyName = "X-Secret";
    Endpoint open = endpoint("open", "GET", "/open");
    Endpoint keyed = endpoint("keyed", "POST", "/keyed");
    keyed.auth = AuthRequirement::ApiKey;
    keyed.responses = {response(200)};
    Endpoint bearer = endpoint("bearer", "DELETE", "/keyed");
    bearer.auth = AuthRequirement::Bearer;
    bearer.responses = {response(204), response(401, std::nullopt, "Token missing or wrong")};
    project.endpoints = {open, keyed, bearer};

    const Json document = exportDocument(project);

    expectJson(operationOf(document, "/keyed", "post"), R"({
        "summary": "Keyed",
        "operationId": "keyed",
        "responses": {"200": {"description": "Successful Response"}, "401": {"description": "Not authenticated"}},
        "security": [{"APIKeyHeader": []}]
    })");
    expectJson(operationOf(document, "/keyed", "delete"), R"({
        "summary": "Bearer",
        "operationId": "bearer",
        "responses": {"204": {"description": "Successful Response"},
                      "401": {"description": "Token missing or wrong"}},
        "security": [{"HTTPBearer": []}]
    })");
    EXPECT_FALSE(operationOf(document, "/open", "get").contains("security"));
    expectJson(document.at("components"), R"({"securitySchemes": {
        "APIKeyHeader": {"type": "apiKey", "in": "header", "name": "X-Secret"},
        "HTTPBearer": {"type": "http", "scheme": "bearer"}
    }})");
}

TEST(OpenApiExport, PathsKeepDesignOrderAndMethodsOpenApiOrder) {
    Project project = projectWith(
        {endpoint("z_delete", "DELETE", "/z"), endpoint("a_get", "GET", "/a"), endpoint("z_get", "get", "/z"),
         endpoint("z_post", "POST", "/z"), endpoint("z_patch", "PATCH", "/z"), endpoint("z_put", "PUT", "/z"),
         endpoint("z_connect", "CONNECT", "/z"), endpoint("z_get_again", "GET", "/z")});

    const Json document = exportDocument(project);

    std::string order;
    for (const auto& [path, item] : document.at("paths").items()) {
        order += path + ":";
        for (const auto& [method, operation] : item.items())
            order += " " + operation.at("operationId").get<std::string>();
        order += "\n";
    }
    EXPECT_EQ(order, "/z: z_get z_put z_post z_delete z_patch\n/a: a_get\n");
}

TEST(OpenApiExport, ComponentSchemasAreSortedByName) {
    Project project;
    for (const char* name : {"Zebra", "apple", "Mango", "HTTPThing"})
        project.models.push_back(Model{name, "", {}, {}});
    Endpoint post = endpoint("post", "POST", "/p");
    post.requestBody = model::RequestBody{TypeSpec::object("Zebra"), true, ""};
    project.endpoints = {post};

    const Json document = exportDocument(project);

    std::string names;
    for (const auto& [name, schema] : document.at("components").at("schemas").items())
        names += name + " ";
    EXPECT_EQ(names, "HTTPThing HTTPValidationError Mango ValidationError Zebra apple ");
}

TEST(OpenApiExport, OperationFragmentIsThePathEntryOfTheDocument) {
    const Project project = testing::bookstoreDesign();
    const Endpoint& get = *project.endpoint("get_book");

    const Json fragment = operationFragment(project, get);

    ASSERT_EQ(fragment.size(), 1U);
    EXPECT_EQ(fragment.at("/books/{book_id}").at("get"),
              operationOf(exportDocument(project), "/books/{book_id}", "get"));
    EXPECT_EQ(operationFragment(project, endpoint("odd", "BREW", "/pot")), Json({{"/pot", Json::object()}}));
}

TEST(OpenApiExport, SameProjectGivesTheSameBytes) {
    const Project project = testing::bookstoreDesign();
    const std::string first = toJsonText(exportDocument(project));
    const Project copy = project;
    EXPECT_EQ(toJsonText(exportDocument(copy)), first);
    EXPECT_EQ(first.back(), '\n');
}

TEST(OpenApiExport, JsonTextReplacesInvalidUtf8InsteadOfThrowing) {
    Project project;
    project.name = "Bad \xff name";
    const std::string text = toJsonText(exportDocument(project));
    EXPECT_NE(text.find("Bad \xef\xbf\xbd name"), std::string::npos) << text;
}

}  // namespace
}  // namespace loadstar::openapi
