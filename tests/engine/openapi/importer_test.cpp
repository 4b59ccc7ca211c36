#include "engine/openapi/importer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/model/design_check.h"
#include "engine/model/project_file.h"
#include "engine/openapi/document_source.h"
#include "engine/schema/project_check.h"
#include "support/temp_dir.h"

namespace loadstar::openapi {
namespace {

using model::AuthRequirement;
using model::ParamLocation;
using model::TypeKind;
using ::testing::HasSubstr;

ImportResult imported(std::string_view text, const ImportOptions& options = {}) {
    auto result = importOpenApi("api.yaml", text, options);
    if (const auto* failure = std::get_if<ImportFailure>(&result)) {
        ADD_FAILURE() << failure->toString();
        return {};
    }
    return std::get<ImportResult>(std::move(result));
}

ImportFailure refused(std::string_view text, const ImportOptions& options = {}) {
    auto result = importOpenApi("api.yaml", text, options);
    if (std::holds_alternative<ImportResult>(result)) {
        ADD_FAILURE() << "imported";
        return {};
    }
    return std::get<ImportFailure>(std::move(result));
}

// The message of the loss reported at `pointer`, or "" when there is none.
std::string lossAt(const ImportResult& result, const std::string& pointer) {
    std::string messages;
    for (const ImportIssue& loss : result.losses) {
        if (loss.where == pointer) messages += (messages.empty() ? "" : " | ") + loss.message;
    }
    return messages;
}

std::vector<model::Problem> designErrors(const model::Project& project) {
    std::vector<model::Problem> errors;
    for (const model::Problem& p : schema::checkProject(project)) {
        if (p.severity == model::Severity::Error) errors.push_back(p);
    }
    return errors;
}

constexpr const char* kPetshop = R"(openapi: 3.0.3
info:
  title: Petshop
  version: 2.0.0
  description: Pets for sale.
  contact: {name: Shop}
servers:
  - url: https://petshop.example/api
paths:
  /pets/{petId}:
    parameters:
      - name: petId
        in: path
        required: true
        schema: {type: integer, minimum: 1}
    get:
      operationId: getPet
      summary: Find a pet
      tags: [pets]
      parameters:
        - name: X-Trace
          in: header
          schema: {type: string, maxLength: 64}
        - name: session
          in: cookie
          schema: {type: string}
      responses:
        '200':
          description: The pet
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
              example: {id: 7, name: Rex, kind: dog}
            application/xml:
              schema: {$ref: '#/components/schemas/Pet'}
        '404':
          description: No such pet
        default:
          description: Unexpected error
    delete:
      operationId: deletePet
      security: [{bearer: []}]
      responses:
        '204': {description: Deleted}
  /pets:
    get:
      operationId: listPets
      parameters:
        - name: tags
          in: query
          schema: {type: array, items: {type: string}, maxItems: 5}
        - name: limit
          in: query
          schema: {type: integer, format: int32, maximum: 100, default: 20}
      responses:
        '200':
          description: Pets
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '#/components/schemas/Pet'}
    post:
      operationId: addPet
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NewPet'}
      callbacks:
        onAdopted:
          '{$request.body#/callbackUrl}':
            post:
              responses: {'200': {description: ok}}
      responses:
        '201':
          description: Created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  securitySchemes:
    apiKey: {type: apiKey, in: header, name: X-Shop-Key}
    bearer: {type: http, scheme: bearer}
  schemas:
    NewPet:
      type: object
      required: [name]
      properties:
        name: {type: string, minLength: 1, maxLength: 50, example: Rex}
        kind:
          type: string
          enum: [dog, cat]
          default: dog
        tag: {type: string, nullable: true}
        owner:
          type: object
          properties:
            email: {type: string, format: email}
    Pet:
      allOf:
        - $ref: '#/components/schemas/NewPet'
        - type: object
          required: [id]
          properties:
            id: {type: integer, format: int64, exclusiveMinimum: true, minimum: 0}
security:
  - apiKey: []
x-internal: true
)";

TEST(Importer, ImportsEverythingTheModelHolds) {
    const ImportResult result = imported(kPetshop);
    const model::Project& p = result.project;
    EXPECT_EQ(result.openapiVersion, "3.0.3");
    EXPECT_EQ(p.name, "Petshop");
    EXPECT_EQ(p.version, "2.0.0");
    EXPECT_EQ(p.description, "Pets for sale.");
    ASSERT_EQ(p.endpoints.size(), 4u);

    const model::Endpoint* get = p.endpoint("getPet");
    ASSERT_NE(get, nullptr);
    EXPECT_EQ(get->method, "GET");
    EXPECT_EQ(get->path, "/pets/{petId}");
    EXPECT_EQ(get->summary, "Find a pet");
    EXPECT_EQ(get->tags, std::vector<std::string>{"pets"});
    EXPECT_EQ(get->auth, AuthRequirement::ApiKey);  // the document's default requirement
    EXPECT_EQ(p.server.auth.apiKeyName, "X-Shop-Key");
    ASSERT_EQ(get->parameters.size(), 3u);  // the path item's petId, then the header and the cookie
    EXPECT_EQ(get->parameters[0].name, "petId");
    EXPECT_EQ(get->parameters[0].in, ParamLocation::Path);
    EXPECT_EQ(get->parameters[0].type.constraints.ge, 1.0);
    EXPECT_EQ(get->parameters[1].in, ParamLocation::Header);
    EXPECT_EQ(get->parameters[1].type.constraints.maxLength, 64);
    EXPECT_EQ(get->parameters[2].in, ParamLocation::Cookie);
    EXPECT_EQ(get->parameters[2].name, "session");
    ASSERT_EQ(p.servers.size(), 1u);
    EXPECT_EQ(p.servers[0].url, "https://petshop.example/api");
    ASSERT_EQ(get->responses.size(), 2u);
    EXPECT_EQ(get->responses[0].status, 200);
    EXPECT_EQ(get->responses[0].description, "The pet");
    ASSERT_TRUE(get->responses[0].body);
    EXPECT_EQ(get->responses[0].body->modelRef, "Pet");
    EXPECT_EQ(get->responses[0].example, (Json{{"id", 7}, {"name", "Rex"}, {"kind", "dog"}}));
    EXPECT_EQ(get->responses[1].status, 404);
    EXPECT_FALSE(get->responses[1].body);

    EXPECT_EQ(p.endpoint("deletePet")->auth, AuthRequirement::Bearer);

    const model::Endpoint* list = p.endpoint("listPets");
    ASSERT_EQ(list->parameters.size(), 2u);
    EXPECT_EQ(list->parameters[0].type.kind, TypeKind::Array);
    EXPECT_EQ(list->parameters[0].type.constraints.maxItems, 5);
    EXPECT_EQ(list->parameters[1].defaultValue, Json(20));
    EXPECT_EQ(list->parameters[1].type.constraints.le, 100.0);
    EXPECT_FALSE(list->parameters[1].required);
    EXPECT_EQ(list->responses[0].body->kind, TypeKind::Array);
    EXPECT_EQ(list->responses[0].body->items->modelRef, "Pet");

    const model::Endpoint* add = p.endpoint("addPet");
    ASSERT_TRUE(add->requestBody);
    EXPECT_TRUE(add->requestBody->required);
    EXPECT_EQ(add->requestBody->type.modelRef, "NewPet");

    // allOf is merged into one model; inline objects become models named after their place.
    const model::Model* pet = p.model("Pet");
    ASSERT_NE(pet, nullptr);
    ASSERT_EQ(pet->fields.size(), 5u);
    EXPECT_EQ(pet->fields[4].name, "id");
    EXPECT_TRUE(pet->fields[4].required);
    EXPECT_EQ(pet->fields[4].type.constraints.gt, 0.0);
    EXPECT_TRUE(pet->field("name")->required);
    const model::Model* newPet = p.model("NewPet");
    ASSERT_NE(newPet, nullptr);
    EXPECT_EQ(newPet->field("kind")->type.kind, TypeKind::Enum);
    EXPECT_EQ(newPet->field("kind")->defaultValue, Json("dog"));
    EXPECT_EQ(newPet->field("name")->example, Json("Rex"));
    EXPECT_EQ(newPet->field("owner")->type.modelRef, "NewPetOwner");
    ASSERT_NE(p.model("NewPetOwner"), nullptr);
    EXPECT_EQ(p.model("NewPetOwner")->fields[0].type.constraints.format, model::StringFormat::Email);

    EXPECT_TRUE(designErrors(p).empty())
        << designErrors(p).front().location << designErrors(p).front().message;
}

TEST(Importer, ListsWhatItCannotHoldOnePlaceAtATime) {
    const ImportResult result = imported(kPetshop);
    EXPECT_THAT(lossAt(result, "/paths/~1pets~1{petId}/get/responses/200/content/application~1xml"),
                HasSubstr("JSON only"));
    EXPECT_THAT(lossAt(result, "/paths/~1pets~1{petId}/get/responses/default"),
                HasSubstr("default response"));
    EXPECT_THAT(lossAt(result, "/paths/~1pets/post/callbacks"), HasSubstr("callbacks"));
    // Kept now: the nullable tag, the int32 format (unchecked), the cookie and the server.
    EXPECT_EQ(lossAt(result, "/components/schemas/NewPet/properties/tag/nullable"), "");
    EXPECT_EQ(lossAt(result, "/paths/~1pets/get/parameters/1/schema/format"), "");
    EXPECT_EQ(lossAt(result, "/paths/~1pets~1{petId}/get/parameters/1/in"), "");
    EXPECT_EQ(lossAt(result, "/servers/0"), "");
    EXPECT_THAT(lossAt(result, "/info/contact"), HasSubstr("not kept"));
    EXPECT_THAT(lossAt(result, "/x-internal"), HasSubstr("extension"));
    // Nothing is reported twice, and every place is a JSON pointer into the document.
    std::set<std::pair<std::string, std::string>> seen;
    for (const ImportIssue& loss : result.losses) {
        EXPECT_EQ(loss.document, "api.yaml");
        EXPECT_TRUE(loss.where.starts_with("/")) << loss.where;
        EXPECT_TRUE(seen.emplace(loss.where, loss.message).second) << loss.where << ": " << loss.message;
    }
}

TEST(Importer, CountsWhatItFoundAndWhatItKept) {
    const ImportResult result = imported(kPetshop);
    const ImportStatistics& s = result.statistics;
    EXPECT_EQ(s.found.operations, 4u);
    EXPECT_EQ(s.kept.operations, 4u);
    EXPECT_EQ(s.found.parameters, 6u);  // petId counts for both operations of its path
    EXPECT_EQ(s.kept.parameters, 6u);   // the cookie too
    EXPECT_EQ(s.found.properties, 6u);  // name, kind, tag, owner, email, id
    EXPECT_EQ(s.kept.properties, 6u);
    // minimum (petId), maxLength (X-Trace), maxItems, format int32, maximum, minLength, maxLength,
    // enum, format email, format int64, exclusiveMinimum, minimum (id).
    EXPECT_EQ(s.found.constraints, 12u);
    EXPECT_EQ(s.kept.constraints, 12u);  // the two integer formats are kept, unchecked
}

TEST(Importer, RecordsWhereEachPartCameFrom) {
    const ImportResult result = imported(kPetshop);
    const auto origin = [&](const std::string& designPointer) {
        const auto found = result.origins.find(designPointer);
        return found == result.origins.end() ? std::string("(none)") : found->second.pointer;
    };
    const model::Project& p = result.project;
    const auto endpointIndex = [&](const std::string& id) {
        return std::to_string(p.endpoint(id) - p.endpoints.data());
    };
    const auto modelIndex = [&](const std::string& name) {
        return std::to_string(p.model(name) - p.models.data());
    };
    EXPECT_EQ(origin("/endpoints/" + endpointIndex("getPet")), "/paths/~1pets~1{petId}/get");
    EXPECT_EQ(origin("/endpoints/" + endpointIndex("getPet") + "/parameters/0"),
              "/paths/~1pets~1{petId}/parameters/0");
    EXPECT_EQ(origin("/endpoints/" + endpointIndex("addPet") + "/request_body"),
              "/paths/~1pets/post/requestBody");
    EXPECT_EQ(origin("/models/" + modelIndex("Pet")), "/components/schemas/Pet");
    EXPECT_EQ(origin("/models/" + modelIndex("Pet") + "/fields/4"),
              "/components/schemas/Pet/allOf/1/properties/id");
    EXPECT_EQ(origin("/models/" + modelIndex("Pet") + "/fields/0"),
              "/components/schemas/NewPet/properties/name");
}

TEST(Importer, RefusesSwaggerTwoAndWhatIsNotOpenApi) {
    const ImportFailure swagger =
        refused(R"({"swagger": "2.0", "info": {"title": "x", "version": "1"}, "paths": {}})");
    ASSERT_EQ(swagger.errors.size(), 1u);
    EXPECT_EQ(swagger.errors[0].where, "/swagger");
    EXPECT_THAT(swagger.errors[0].message, HasSubstr("Swagger 2.0"));

    EXPECT_THAT(refused("name: my-app\nservices:\n  web: {image: nginx}\n").errors[0].message,
                HasSubstr("not an OpenAPI document"));
    EXPECT_THAT(refused("- a\n- b\n").errors[0].message, HasSubstr("not an OpenAPI document"));
    EXPECT_THAT(refused("openapi: 2.5.0\ninfo: {title: x, version: '1'}\n").errors[0].message,
                HasSubstr("not supported"));
    EXPECT_THAT(refused("openapi: 3.1\ninfo: {title: x, version: '1'}\n").errors[0].message,
                HasSubstr("text"));
    EXPECT_THAT(refused(R"({"loadstar": 1, "name": "a project"})").errors[0].message,
                HasSubstr("not an OpenAPI document"));
}

TEST(Importer, BrokenTextNamesLineAndColumn) {
    const ImportFailure json =
        refused("{\"openapi\": \"3.1.0\",\n \"info\": {\"title\": \"x\" \"version\": \"1\"}}");
    ASSERT_EQ(json.errors.size(), 1u);
    EXPECT_EQ(json.errors[0].where, "line 2, column 32");  // where nlohmann stops: the end of "version"
    const ImportFailure yaml = refused("openapi: 3.1.0\ninfo:\n  title: [unclosed\n  version: 1\n");
    ASSERT_EQ(yaml.errors.size(), 1u);
    EXPECT_THAT(yaml.errors[0].where, HasSubstr("line "));
}

TEST(Importer, AnUnresolvableReferenceFailsWithItsPointer) {
    const ImportFailure failure = refused(R"(openapi: 3.1.0
info: {title: x, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Missing'}
components:
  schemas:
    Thing:
      type: object
      properties:
        other: {$ref: '#/components/schemas/Nothing'}
)");
    ASSERT_EQ(failure.errors.size(), 2u);
    EXPECT_EQ(failure.errors[0].where, "/components/schemas/Thing/properties/other/$ref");
    EXPECT_THAT(failure.errors[0].message, HasSubstr("no \"Nothing\" under /components/schemas"));
    EXPECT_EQ(failure.errors[1].where, "/paths/~1a/get/responses/200/content/application~1json/schema/$ref");
}

// A reference's fragment is percent-encoded (RFC 6901, section 6); a '%' that does
// not start an escape stays as it is.
TEST(Importer, ReferencesArePercentDecodedBeforeTheyAreFollowed) {
    const ImportResult result = imported(R"(openapi: 3.1.0
info: {title: x, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet%20Card'}
  /b:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Top%'}
components:
  schemas:
    Pet Card:
      type: object
      properties:
        name: {type: string}
    Top%:
      type: object
      properties:
        share: {type: number}
)");
    ASSERT_EQ(result.project.endpoints.size(), 2u);
    for (const model::Endpoint& e : result.project.endpoints) {
        SCOPED_TRACE(e.path);
        ASSERT_FALSE(e.responses.empty());
        ASSERT_TRUE(e.responses[0].body);
        EXPECT_EQ(e.responses[0].body->kind, TypeKind::Object);
        EXPECT_FALSE(e.responses[0].body->modelRef.empty());
    }
    EXPECT_NE(result.project.endpoints[0].responses[0].body->modelRef,
              result.project.endpoints[1].responses[0].body->modelRef);
}

TEST(Importer, CircularReferencesBecomeRecursiveModelsWithoutHanging) {
    const ImportResult result = imported(R"(openapi: 3.1.0
info: {title: Trees, version: '1'}
paths:
  /tree:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Node'}
components:
  schemas:
    Node:
      type: object
      properties:
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
        parent: {$ref: '#/components/schemas/Edge'}
    Edge:
      type: object
      properties:
        to: {$ref: '#/components/schemas/Node'}
    Loop: {$ref: '#/components/schemas/Loop2'}
    Loop2: {$ref: '#/components/schemas/Loop'}
    Nested:
      type: array
      items: {$ref: '#/components/schemas/Nested'}
)");
    const model::Project& p = result.project;
    ASSERT_NE(p.model("Node"), nullptr);
    EXPECT_EQ(p.model("Node")->field("children")->type.items->modelRef, "Node");
    EXPECT_EQ(p.model("Edge")->field("to")->type.modelRef, "Node");
    EXPECT_EQ(p.endpoints[0].id, "get_tree");
    EXPECT_THAT(lossAt(result, "/components/schemas/Nested/items"), HasSubstr("contains itself"));
    // A model that contains itself through optional fields is a warning, not an error.
    EXPECT_TRUE(designErrors(p).empty());
}

TEST(Importer, ACycleOfReferencesWithNoSchemaIsAnError) {
    const ImportFailure failure = refused(R"(openapi: 3.1.0
info: {title: x, version: '1'}
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/A'}
      responses: {'204': {description: done}}
components:
  schemas:
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/A'}
)");
    ASSERT_FALSE(failure.errors.empty());
    EXPECT_THAT(failure.errors[0].message, HasSubstr("cycle"));
}

TEST(Importer, FollowsReferencesToFilesBesideTheDocument) {
    testing::TempDir dir;
    std::filesystem::create_directories(dir / "schemas");
    testing::writeFile(dir / "schemas" / "pet.yaml",
                       "Pet:\n  type: object\n  required: [name]\n  properties:\n"
                       "    name: {type: string, maxLength: 20}\n    owner: {$ref: 'owner.json'}\n");
    testing::writeFile(
        dir / "schemas" / "owner.json",
        R"({"type": "object", "properties": {"email": {"type": "string", "format": "email"}}})");
    testing::writeFile(dir / "common.yaml",
                       "components:\n  parameters:\n    Limit: {name: limit, in: query, schema: {type: "
                       "integer, maximum: 50}}\n");
    const std::string root = (dir / "openapi.yaml").string();
    testing::writeFile(root, R"(openapi: 3.0.3
info: {title: Split, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      parameters: [{$ref: 'common.yaml#/components/parameters/Limit'}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: './schemas/pet.yaml#/Pet'}}
)");
    ImportOptions options;
    options.loader = documentLoader(nullptr);
    auto text = readDocumentSource(root, nullptr);
    auto result = importOpenApi(root, std::get<std::string>(text), options);
    ASSERT_TRUE(std::holds_alternative<ImportResult>(result)) << std::get<ImportFailure>(result).toString();
    const model::Project& p = std::get<ImportResult>(result).project;
    ASSERT_NE(p.model("Pet"), nullptr);
    EXPECT_EQ(p.model("Pet")->field("name")->type.constraints.maxLength, 20);
    ASSERT_NE(p.model("Owner"), nullptr);
    EXPECT_EQ(p.model("Pet")->field("owner")->type.modelRef, "Owner");
    EXPECT_EQ(p.endpoints[0].parameters[0].type.constraints.le, 50.0);
    EXPECT_EQ(std::get<ImportResult>(result).statistics.kept.properties, 3u);

    // Without a loader (or from a file to the network) other documents are not reached.
    EXPECT_THAT(refused(testing::readFile(root)).errors[0].message, HasSubstr("not followed"));
    testing::writeFile(root,
                       "openapi: 3.1.0\ninfo: {title: x, version: '1'}\ncomponents:\n  schemas:\n"
                       "    A: {type: object, properties: {b: {$ref: 'http://example.com/b.json'}}}\n");
    auto remote = importOpenApi(root, testing::readFile(root), options);
    ASSERT_TRUE(std::holds_alternative<ImportFailure>(remote));
    EXPECT_THAT(std::get<ImportFailure>(remote).errors[0].message,
                HasSubstr("nothing is fetched from the network"));
}

TEST(Importer, FastApiBoilerplateIsLeftToTheExporter) {
    const ImportResult result = imported(R"({
  "openapi": "3.1.0",
  "info": {"title": "FastAPI", "version": "0.1.0"},
  "paths": {"/items/{item_id}": {"get": {
    "summary": "Read Item", "operationId": "read_item",
    "parameters": [{"name": "item_id", "in": "path", "required": true,
                    "schema": {"type": "integer", "title": "Item Id"}}],
    "responses": {
      "200": {"description": "Successful Response", "content": {"application/json": {"schema": {}}}},
      "422": {"description": "Validation Error", "content": {"application/json": {
              "schema": {"$ref": "#/components/schemas/HTTPValidationError"}}}}}}}},
  "components": {"schemas": {
    "HTTPValidationError": {"properties": {"detail": {"items": {"$ref": "#/components/schemas/ValidationError"},
                            "type": "array", "title": "Detail"}}, "type": "object", "title": "HTTPValidationError"},
    "ValidationError": {"properties": {"loc": {"items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                        "type": "array", "title": "Location"}, "msg": {"type": "string", "title": "Message"},
                        "type": {"type": "string", "title": "Error Type"}}, "type": "object",
                        "required": ["loc", "msg", "type"], "title": "ValidationError"}}}
})");
    const model::Project& p = result.project;
    EXPECT_TRUE(p.models.empty());
    ASSERT_EQ(p.endpoints.size(), 1u);
    EXPECT_EQ(p.endpoints[0].summary, "");  // FastAPI's default, made again on export
    ASSERT_EQ(p.endpoints[0].responses.size(), 1u);
    EXPECT_EQ(p.endpoints[0].responses[0].status, 200);
    EXPECT_EQ(p.endpoints[0].responses[0].description, "");
    for (const ImportIssue& loss : result.losses)
        EXPECT_FALSE(loss.where.starts_with("/components")) << loss.where;
}

TEST(Importer, ExamplesThatTheirSchemaRefusesAreDropped) {
    const ImportResult result = imported(R"(openapi: 3.0.0
info: {title: x, version: '1'}
paths: {}
components:
  schemas:
    Size:
      type: object
      properties:
        width: {type: integer, maximum: 10, example: 11}
)");
    EXPECT_FALSE(result.project.models[0].fields[0].example.has_value());
    EXPECT_THAT(lossAt(result, "/components/schemas/Size/properties/width"), HasSubstr("not valid"));
}

TEST(Importer, OperationsWithoutIdsGetUniqueOnes) {
    const ImportResult result = imported(R"(openapi: 3.1.0
info: {title: x, version: '1'}
paths:
  /users/{id}/posts:
    get: {responses: {'200': {description: ok}}}
    post: {operationId: same, responses: {'200': {description: ok}}}
  /other:
    post: {operationId: same, responses: {'200': {description: ok}}}
)");
    ASSERT_EQ(result.project.endpoints.size(), 3u);
    EXPECT_EQ(result.project.endpoints[0].id, "get_users_id_posts");
    EXPECT_EQ(result.project.endpoints[0].parameters[0].name, "id");  // undeclared: taken as text
    EXPECT_EQ(result.project.endpoints[1].id, "same");
    EXPECT_EQ(result.project.endpoints[2].id, "same_2");
    EXPECT_THAT(lossAt(result, "/paths/~1other/post/operationId"), HasSubstr("used twice"));
    EXPECT_TRUE(designErrors(result.project).empty());
}

// Found by the import fuzzer: a path without its leading "/" made a project file
// that could not be read back.
TEST(Importer, APathWithoutItsLeadingSlashIsNotKept) {
    const ImportResult result = imported(R"(openapi: 3.1.0
info: {title: x, version: '1'}
paths:
  z/board:
    get: {responses: {'200': {description: ok}}}
  /ok:
    get: {responses: {'200': {description: ok}}}
)");
    ASSERT_EQ(result.project.endpoints.size(), 1u);
    EXPECT_EQ(result.project.endpoints[0].path, "/ok");
    EXPECT_THAT(lossAt(result, "/paths/z~1board"), HasSubstr("must start with"));
    EXPECT_EQ(result.statistics.found.operations, 2u);
    const std::string file = model::serializeProject(result.project);
    EXPECT_TRUE(std::holds_alternative<model::Project>(model::parseProject(file)));
}

}  // namespace
}  // namespace loadstar::openapi
