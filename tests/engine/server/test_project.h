#pragma once

#include <memory>
#include <string>

#include "engine/model/project.h"
#include "engine/server/schema_services.h"

namespace loadstar::server::testing {

// A small design that exercises routing, responses, auth and behaviours:
//   GET /hello (example), GET /books/{book_id} (integer id), POST /books (echo),
//   DELETE /books/{book_id}, GET /users/me, GET /users/{user_id}, GET /files/{name}.json,
//   GET /secure (API key), GET /private (bearer), GET /io (50 ms latency).
inline model::Project sampleProject() {
    using model::TypeKind;
    using model::TypeSpec;
    model::Project project;
    project.name = "Bookshop";
    model::Model book;
    book.name = "Book";
    book.fields.push_back({"title", TypeSpec::scalar(TypeKind::String), true, {}, {}, {}});
    project.models.push_back(book);

    // References returned below stay valid while endpoints are added.
    project.endpoints.reserve(32);
    const auto endpoint = [&](std::string id, std::string method, std::string path) -> model::Endpoint& {
        model::Endpoint e;
        e.id = std::move(id);
        e.method = std::move(method);
        e.path = std::move(path);
        project.endpoints.push_back(e);
        return project.endpoints.back();
    };
    model::Endpoint& hello = endpoint("hello", "GET", "/hello");
    hello.responses.push_back({200, "hi", std::nullopt, Json{{"msg", "hi"}}});
    hello.behaviour.response = model::ResponseSource::Example;

    model::Endpoint& getBook = endpoint("get_book", "GET", "/books/{book_id}");
    getBook.parameters.push_back(
        {"book_id", model::ParamLocation::Path, TypeSpec::scalar(TypeKind::Integer), true, {}, {}, {}});
    getBook.responses.push_back({200, "a book", TypeSpec::object("Book"), std::nullopt});
    getBook.behaviour.seed = 7;

    model::Endpoint& createBook = endpoint("create_book", "POST", "/books");
    createBook.requestBody = model::RequestBody{TypeSpec::object("Book"), true, ""};
    createBook.responses.push_back({201, "created", TypeSpec::object("Book"), std::nullopt});
    createBook.behaviour.response = model::ResponseSource::Echo;

    model::Endpoint& deleteBook = endpoint("delete_book", "DELETE", "/books/{book_id}");
    deleteBook.parameters = getBook.parameters;
    deleteBook.responses.push_back({204, "deleted", std::nullopt, std::nullopt});

    endpoint("get_user", "GET", "/users/{user_id}")
        .responses.push_back({200, "", std::nullopt, Json{{"user", "by id"}}});
    endpoint("me", "GET", "/users/me").responses.push_back({200, "", std::nullopt, Json{{"user", "me"}}});
    endpoint("file", "GET", "/files/{name}.json")
        .responses.push_back({200, "", std::nullopt, Json{{"file", 1}}});

    model::Endpoint& secure = endpoint("secure", "GET", "/secure");
    secure.auth = model::AuthRequirement::ApiKey;
    secure.responses.push_back({200, "", std::nullopt, Json{{"secret", true}}});
    model::Endpoint& privateEndpoint = endpoint("private", "GET", "/private");
    privateEndpoint.auth = model::AuthRequirement::Bearer;
    privateEndpoint.responses.push_back({200, "", std::nullopt, Json{{"private", true}}});
    project.server.auth.apiKeys = {"key-1", "key-2"};
    project.server.auth.bearerTokens = {"token-1"};

    model::Endpoint& io = endpoint("io", "GET", "/io");
    io.responses.push_back({200, "", std::nullopt, Json{{"msg", "hi"}}});
    io.behaviour.latency.kind = model::Latency::Kind::Fixed;
    io.behaviour.latency.fixed = std::chrono::milliseconds(50);
    return project;
}

// The real schema services for `project` (engine/schema's validator and samples,
// engine/openapi's export), as `loadstar serve` runs them.
inline SchemaServices realServices(const model::Project& project) {
    return projectSchemaServices(std::make_shared<const model::Project>(project));
}

}  // namespace loadstar::server::testing
