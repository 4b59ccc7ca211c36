#include "engine/openapi/contract_diff.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/openapi/contract_source.h"
#include "engine/openapi/diff_report.h"
#include "engine/openapi/importer.h"
#include "support/design_text.h"

namespace loadstar::openapi {
namespace {

using loadstar::testing::importedDesign;
using loadstar::testing::replacedOnce;
using ::testing::HasSubstr;

// A small API, written the way a person would: a model used in requests and
// responses, a path parameter, query parameters, auth on one operation.
constexpr const char* kBase = R"(openapi: 3.0.3
info: {title: Books, version: '1.0', description: Books and more.}
paths:
  /books/{book_id}:
    get:
      operationId: get_book
      summary: Get a book
      parameters:
        - {name: book_id, in: path, required: true, schema: {type: integer, minimum: 1}}
        - {name: fields, in: query, schema: {type: string, maxLength: 100}}
      responses:
        '200':
          description: The book
          content: {application/json: {schema: {$ref: '#/components/schemas/Book'}}}
        '404': {description: Not found}
  /books:
    post:
      operationId: create_book
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Book'}}}
      responses:
        '201':
          description: Created
          content: {application/json: {schema: {$ref: '#/components/schemas/Book'}}}
    get:
      operationId: list_books
      parameters:
        - {name: limit, in: query, schema: {type: integer, maximum: 100, default: 10}}
      responses:
        '200':
          description: Books
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Book'}}
components:
  schemas:
    Book:
      type: object
      description: A book.
      required: [title]
      properties:
        title: {type: string, maxLength: 200, description: The title.}
        pages: {type: integer, minimum: 1}
        genre: {type: string, enum: [fiction, poetry, essay]}
        isbn: {type: string}
)";

std::vector<Change> changesTo(const std::string& after) {
    return diffContracts(importedDesign(kBase), importedDesign(after));
}

// The one change expected, with its class.
void expectOnly(const std::vector<Change>& changes, ChangeClass kind, const std::string& messagePart) {
    ASSERT_EQ(changes.size(), 1u) << [&] {
        std::string all;
        for (const Change& c : changes)
            all += std::string(toString(c.kind)) + ": " + c.message + "\n";
        return all;
    }();
    EXPECT_EQ(changes[0].kind, kind) << changes[0].message;
    EXPECT_THAT(changes[0].message, HasSubstr(messagePart));
}

const Change* find(const std::vector<Change>& changes, const std::string& messagePart) {
    for (const Change& c : changes) {
        if (c.message.find(messagePart) != std::string::npos) return &c;
    }
    return nullptr;
}

TEST(ContractDiff, TheSameDocumentHasNoChanges) {
    EXPECT_TRUE(changesTo(kBase).empty());
}

TEST(ContractDiff, RemovingAnOperationBreaksAndAddingOneDoesNot) {
    const std::string without = replacedOnce(kBase, "    get:\n      operationId: list_books",
                                             "    patch:\n      operationId: list_books");
    const auto changes = changesTo(without);
    ASSERT_EQ(changes.size(), 2u);
    const Change* removed = find(changes, "operation removed");
    const Change* added = find(changes, "operation added");
    ASSERT_TRUE(removed && added);
    EXPECT_EQ(removed->kind, ChangeClass::Breaking);
    EXPECT_EQ(removed->operations, std::vector<std::string>{"GET /books"});
    EXPECT_EQ(removed->newPointer, "");
    EXPECT_EQ(added->kind, ChangeClass::NonBreaking);
    EXPECT_EQ(added->operations, std::vector<std::string>{"PATCH /books"});
}

TEST(ContractDiff, Parameters) {
    expectOnly(
        changesTo(replacedOnce(
            kBase, "        - {name: fields, in: query, schema: {type: string, maxLength: 100}}\n", "")),
        ChangeClass::Breaking, "query parameter \"fields\" removed");
    expectOnly(changesTo(replacedOnce(kBase, "{name: fields, in: query, schema",
                                      "{name: fields, in: query, required: true, schema")),
               ChangeClass::Breaking, "is now required");
    expectOnly(
        changesTo(replacedOnce(kBase, "        - {name: limit,",
                               "        - {name: q, in: query, required: true, schema: {type: string}}\n"
                               "        - {name: limit,")),
        ChangeClass::Breaking, "query parameter \"q\" added, required");
    expectOnly(changesTo(replacedOnce(
                   kBase, "        - {name: limit,",
                   "        - {name: q, in: query, schema: {type: string}}\n        - {name: limit,")),
               ChangeClass::NonBreaking, "query parameter \"q\" added, optional");
    expectOnly(changesTo(replacedOnce(kBase, "maximum: 100, default: 10", "maximum: 100, default: 20")),
               ChangeClass::Breaking, "default changed from 10 to 20");
    // Renaming a path parameter changes no request.
    EXPECT_TRUE(changesTo(replacedOnce(replacedOnce(kBase, "/books/{book_id}:", "/books/{id}:"),
                                       "{name: book_id,", "{name: id,"))
                    .empty());
}

TEST(ContractDiff, RequestConstraintsTightenedBreakAndLoosenedDoNot) {
    expectOnly(changesTo(replacedOnce(kBase, "schema: {type: string, maxLength: 100}",
                                      "schema: {type: string, maxLength: 50}")),
               ChangeClass::Breaking, "maxLength lowered from 100 to 50");
    expectOnly(changesTo(replacedOnce(kBase, "schema: {type: string, maxLength: 100}",
                                      "schema: {type: string, maxLength: 500}")),
               ChangeClass::NonBreaking, "maxLength raised from 100 to 500");
    expectOnly(changesTo(replacedOnce(kBase, "schema: {type: integer, minimum: 1}}",
                                      "schema: {type: integer, minimum: 5}}")),
               ChangeClass::Breaking, "minimum raised from >= 1 to >= 5");
    expectOnly(changesTo(replacedOnce(kBase, "schema: {type: string, maxLength: 100}",
                                      "schema: {type: string, maxLength: 100, pattern: '^[a-z,]+$'}")),
               ChangeClass::Breaking, "pattern \"^[a-z,]+$\" added");
    expectOnly(changesTo(replacedOnce(kBase, "maximum: 100, default: 10", "default: 10")),
               ChangeClass::NonBreaking, "maximum <= 100 removed");
    expectOnly(
        changesTo(replacedOnce(kBase, "schema: {type: integer, minimum: 1}}", "schema: {type: string}}")),
        ChangeClass::Breaking, "type changed from integer to string");
}

TEST(ContractDiff, AModelIsJudgedOncePerDirection) {
    // Book travels both ways: a tighter maxLength breaks requests, not responses.
    const auto tighter = changesTo(replacedOnce(kBase, "maxLength: 200", "maxLength: 120"));
    ASSERT_EQ(tighter.size(), 2u);
    const Change* request =
        find(tighter, "request property \"title\" of Book: maxLength lowered from 200 to 120");
    const Change* response =
        find(tighter, "response property \"title\" of Book: maxLength lowered from 200 to 120");
    ASSERT_TRUE(request && response);
    EXPECT_EQ(request->kind, ChangeClass::Breaking);
    EXPECT_EQ(request->operations, std::vector<std::string>{"POST /books"});
    EXPECT_EQ(response->kind, ChangeClass::NonBreaking);
    EXPECT_EQ(response->operations,
              (std::vector<std::string>{"GET /books/{book_id}", "POST /books", "GET /books"}));
    EXPECT_EQ(request->oldPointer, "/models/0/fields/0");
    EXPECT_EQ(request->newPointer, "/models/0/fields/0");

    const auto looser = changesTo(replacedOnce(kBase, "maxLength: 200", "maxLength: 400"));
    ASSERT_EQ(looser.size(), 2u);
    EXPECT_EQ(find(looser, "request property")->kind, ChangeClass::NonBreaking);
    EXPECT_EQ(find(looser, "response property")->kind, ChangeClass::Breaking);
}

TEST(ContractDiff, RequestAndResponseProperties) {
    const auto required = changesTo(replacedOnce(kBase, "required: [title]", "required: [title, pages]"));
    ASSERT_EQ(required.size(), 2u);
    EXPECT_EQ(find(required, "request property \"pages\" of Book is now required")->kind,
              ChangeClass::Breaking);
    EXPECT_EQ(find(required, "response property \"pages\" of Book is now always present")->kind,
              ChangeClass::NonBreaking);

    const auto removed = changesTo(replacedOnce(kBase, "        isbn: {type: string}\n", ""));
    ASSERT_EQ(removed.size(), 2u);
    EXPECT_EQ(find(removed, "response property \"isbn\" of Book removed")->kind, ChangeClass::Breaking);
    EXPECT_EQ(find(removed, "request property \"isbn\" of Book removed")->kind, ChangeClass::NonBreaking);

    const auto addedOptional =
        changesTo(replacedOnce(kBase, "        isbn: {type: string}\n",
                               "        isbn: {type: string}\n        year: {type: integer}\n"));
    ASSERT_EQ(addedOptional.size(), 2u);
    EXPECT_EQ(find(addedOptional, "request property \"year\" of Book added, optional")->kind,
              ChangeClass::NonBreaking);
    EXPECT_EQ(find(addedOptional, "response property \"year\" of Book added")->kind,
              ChangeClass::NonBreaking);

    const auto addedRequired = changesTo(replacedOnce(
        replacedOnce(kBase, "required: [title]", "required: [title, year]"), "        isbn: {type: string}\n",
        "        isbn: {type: string}\n        year: {type: integer}\n"));
    EXPECT_EQ(find(addedRequired, "request property \"year\" of Book added, required")->kind,
              ChangeClass::Breaking);

    const auto retyped =
        changesTo(replacedOnce(kBase, "pages: {type: integer, minimum: 1}", "pages: {type: string}"));
    ASSERT_EQ(retyped.size(), 2u);
    for (const Change& c : retyped)
        EXPECT_EQ(c.kind, ChangeClass::Breaking) << c.message;

    const auto enumRemoved =
        changesTo(replacedOnce(kBase, "enum: [fiction, poetry, essay]", "enum: [fiction, poetry]"));
    EXPECT_EQ(find(enumRemoved, "request property \"genre\" of Book: enum value \"essay\" removed")->kind,
              ChangeClass::Breaking);
    EXPECT_EQ(find(enumRemoved, "response property \"genre\" of Book: enum value \"essay\" removed")->kind,
              ChangeClass::NonBreaking);
    const auto enumAdded = changesTo(
        replacedOnce(kBase, "enum: [fiction, poetry, essay]", "enum: [fiction, poetry, essay, drama]"));
    EXPECT_EQ(find(enumAdded, "request property")->kind, ChangeClass::NonBreaking);
    EXPECT_EQ(find(enumAdded, "response property")->kind, ChangeClass::Breaking);
}

TEST(ContractDiff, ResponsesAndAuth) {
    expectOnly(changesTo(replacedOnce(kBase, "        '404': {description: Not found}\n", "")),
               ChangeClass::NonBreaking, "response 404 removed");
    const auto success = changesTo(replacedOnce(kBase, "        '201':\n          description: Created",
                                                "        '200':\n          description: Created"));
    ASSERT_EQ(success.size(), 2u);
    EXPECT_EQ(find(success, "response 201 removed")->kind, ChangeClass::Breaking);
    EXPECT_EQ(find(success, "response 200 added")->kind, ChangeClass::NonBreaking);

    const std::string secured =
        replacedOnce(replacedOnce(kBase, "      operationId: create_book\n",
                                  "      operationId: create_book\n      security: [{key: []}]\n"),
                     "components:\n",
                     "components:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n");
    expectOnly(changesTo(secured), ChangeClass::Breaking, "auth added");
    expectOnly(diffContracts(importedDesign(secured), importedDesign(kBase)), ChangeClass::NonBreaking,
               "auth removed");
}

TEST(ContractDiff, DocsOnlyChanges) {
    const auto docs = changesTo(
        replacedOnce(replacedOnce(replacedOnce(kBase, "summary: Get a book", "summary: Fetch one book"),
                                  "description: The title.", "description: Its title."),
                     "description: The book", "description: One book"));
    ASSERT_EQ(docs.size(), 3u);
    for (const Change& c : docs)
        EXPECT_EQ(c.kind, ChangeClass::DocsOnly) << c.message;
    EXPECT_TRUE(find(docs, "summary changed"));
    EXPECT_TRUE(find(docs, "property \"title\" of Book: description changed"));
    EXPECT_TRUE(find(docs, "response 200: description changed"));
}

TEST(ContractDiff, RenamingAModelIsNoChange) {
    std::string renamed = kBase;
    for (std::size_t at = renamed.find("schemas/Book'"); at != std::string::npos;
         at = renamed.find("schemas/Book'"))
        renamed.replace(at, 13, "schemas/Volume'");
    renamed = replacedOnce(renamed, "    Book:\n", "    Volume:\n");
    EXPECT_TRUE(changesTo(renamed).empty());
}

TEST(ContractDiff, RecursiveModelsCompareWithoutHanging) {
    const std::string tree = R"(openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /tree:
    put:
      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}
      responses: {'204': {description: done}}
components:
  schemas:
    Node:
      type: object
      properties:
        name: {type: string, maxLength: 10}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
)";
    const auto changes = diffContracts(importedDesign(tree),
                                       importedDesign(replacedOnce(tree, "maxLength: 10", "maxLength: 5")));
    expectOnly(changes, ChangeClass::Breaking, "maxLength lowered from 10 to 5");
}

TEST(ContractDiff, ReportsNameThePlaceInEachDocument) {
    const Contract before{"old.yaml", importedDesign(kBase), true,
                          std::get<ImportResult>(importOpenApi("old.yaml", kBase)).origins};
    const std::string newText = replacedOnce(kBase, "maxLength: 200", "maxLength: 120");
    const Contract after{"new.yaml", importedDesign(newText), true,
                         std::get<ImportResult>(importOpenApi("new.yaml", newText)).origins};
    const auto changes = diffContracts(before.project, after.project);
    const std::string text = diffText(changes, before, after);
    EXPECT_THAT(text,
                HasSubstr("new.yaml:/components/schemas/Book/properties/title: breaking: request property "
                          "\"title\" of Book: maxLength lowered from 200 to 120 [POST /books]\n"));
    EXPECT_THAT(text, HasSubstr("old.yaml -> new.yaml: 1 breaking change, 1 non-breaking, 0 docs-only\n"));
    const Json json = diffJson(changes, before, after);
    EXPECT_EQ(json["summary"]["breaking"], 1);
    EXPECT_EQ(json["changes"][0]["old"]["pointer"], "/components/schemas/Book/properties/title");
    EXPECT_EQ(json["changes"][0]["id"], "request-maxLength-decreased");
    const std::string markdown = diffMarkdown(changes, before, after);
    EXPECT_THAT(markdown, HasSubstr(":x: **1 breaking change**"));
    EXPECT_THAT(markdown, HasSubstr("#### :x: Breaking"));
}

}  // namespace
}  // namespace loadstar::openapi
