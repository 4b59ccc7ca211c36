#include "engine/openapi/sample_designs.h"

#include <utility>

namespace loadstar::openapi::testing {

using model::AuthRequirement;
using model::Endpoint;
using model::ExtraFields;
using model::Field;
using model::Model;
using model::Parameter;
using model::ParamLocation;
using model::Project;
using model::RequestBody;
using model::Response;
using model::StringFormat;
using model::TypeKind;
using model::TypeSpec;

namespace {

TypeSpec string(std::optional<std::int64_t> minLength = std::nullopt,
                std::optional<std::int64_t> maxLength = std::nullopt) {
    TypeSpec type = TypeSpec::scalar(TypeKind::String);
    type.constraints.minLength = minLength;
    type.constraints.maxLength = maxLength;
    return type;
}

TypeSpec formatted(StringFormat format) {
    TypeSpec type = TypeSpec::scalar(TypeKind::String);
    type.constraints.format = format;
    return type;
}

TypeSpec integer(std::optional<double> ge = std::nullopt, std::optional<double> le = std::nullopt) {
    TypeSpec type = TypeSpec::scalar(TypeKind::Integer);
    type.constraints.ge = ge;
    type.constraints.le = le;
    return type;
}

TypeSpec arrayOf(TypeSpec item, std::optional<std::int64_t> minItems = std::nullopt,
                 std::optional<std::int64_t> maxItems = std::nullopt) {
    TypeSpec type = TypeSpec::arrayOf(std::move(item));
    type.constraints.minItems = minItems;
    type.constraints.maxItems = maxItems;
    return type;
}

Field field(std::string name, TypeSpec type, bool required = true) {
    Field f;
    f.name = std::move(name);
    f.type = std::move(type);
    f.required = required;
    return f;
}

Parameter parameter(std::string name, ParamLocation in, TypeSpec type, bool required = false) {
    Parameter p;
    p.name = std::move(name);
    p.in = in;
    p.type = std::move(type);
    p.required = required;
    return p;
}

Response response(int status, std::optional<TypeSpec> body, std::string description = {}) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.description = std::move(description);
    return r;
}

RequestBody body(std::string model) {
    RequestBody b;
    b.type = TypeSpec::object(std::move(model));
    return b;
}

TypeSpec genre() {
    return TypeSpec::enumeration({"fiction", "poetry", "science"});
}

}  // namespace

Project embedderDesign() {
    Project project;
    project.name = "Embedder API";
    project.version = "1.0.0";
    project.description = "Turns texts into embedding vectors.";

    Model request{"EmbedRequest", "Texts to embed, in order.", {}, ExtraFields::Forbid};
    Field texts = field("texts", arrayOf(string(1, 2048), 1, 64));
    texts.description = "One vector is returned per text.";
    texts.example = Json::array({"hello world"});
    request.fields.push_back(std::move(texts));

    Model reply{"EmbedResponse", "", {}, ExtraFields::Ignore};
    reply.fields.push_back(field("vectors", arrayOf(arrayOf(TypeSpec::scalar(TypeKind::Number)))));
    Field dimensions = field("dimensions", integer(1), false);
    dimensions.defaultValue = 384;
    reply.fields.push_back(std::move(dimensions));
    project.models = {request, reply};

    Endpoint embed;
    embed.id = "embed";
    embed.method = "POST";
    embed.path = "/embed";
    embed.tags = {"embeddings"};
    embed.summary = "Embed texts";
    embed.requestBody = body("EmbedRequest");
    embed.responses = {response(200, TypeSpec::object("EmbedResponse"))};

    Endpoint health;
    health.id = "health_check";
    health.path = "/health";
    health.responses = {response(200, std::nullopt, "The service is up")};
    project.endpoints = {embed, health};
    return project;
}

Project bookstoreDesign() {
    Project project;
    project.name = "Bookstore API";
    project.version = "2.1.0";
    project.description = "Books and their authors.\n\nWrites need an API key; deletes need a bearer token.";
    project.server.port = 8080;

    Model author{"Author", "Someone who writes books.", {}, ExtraFields::Ignore};
    author.fields.push_back(field("id", formatted(StringFormat::Uuid)));
    author.fields.push_back(field("name", string(1, 200)));
    author.fields.push_back(field("email", formatted(StringFormat::Email), false));
    author.fields.push_back(field("born", formatted(StringFormat::Date), false));
    author.fields.push_back(field("website", formatted(StringFormat::Uri), false));

    Model book{"Book", "", {}, ExtraFields::Ignore};
    TypeSpec bookId = integer(1);
    book.fields.push_back(field("id", bookId));
    book.fields.push_back(field("title", string(1, 300)));
    Field bookAuthor = field("author", TypeSpec::object("Author"));
    bookAuthor.description = "The book's first author.";
    book.fields.push_back(std::move(bookAuthor));
    book.fields.push_back(field("genre", genre()));
    TypeSpec price = TypeSpec::scalar(TypeKind::Number);
    price.constraints.gt = 0;
    price.constraints.lt = 10000;
    price.constraints.multipleOf = 0.01;
    Field priceField = field("price", price);
    priceField.example = 12.5;
    book.fields.push_back(std::move(priceField));
    Field tags = field("tags", arrayOf(string(1, 30), std::nullopt, 10), false);
    tags.defaultValue = Json::array();
    book.fields.push_back(std::move(tags));
    book.fields.push_back(field("published_at", formatted(StringFormat::DateTime)));
    TypeSpec isbn = TypeSpec::scalar(TypeKind::String);
    isbn.constraints.pattern = "^97[89][0-9]{10}$";
    book.fields.push_back(field("isbn", isbn));
    Field inStock = field("in_stock", TypeSpec::scalar(TypeKind::Boolean), false);
    inStock.defaultValue = true;
    book.fields.push_back(std::move(inStock));
    TypeSpec rating = integer(1, 5);
    book.fields.push_back(field("rating", rating, false));
    book.fields.push_back(field("shelf", TypeSpec::enumeration({1, 2, 3}), false));

    Model create{"BookCreate", "A new book.", {}, ExtraFields::Forbid};
    create.fields.push_back(field("title", string(1, 300)));
    create.fields.push_back(field("author_id", formatted(StringFormat::Uuid)));
    create.fields.push_back(field("genre", genre()));
    create.fields.push_back(field("price", price));
    Field createTags = field("tags", arrayOf(string(1, 30), std::nullopt, 10), false);
    createTags.defaultValue = Json::array();
    create.fields.push_back(std::move(createTags));

    Model page{"BookPage", "One page of books.", {}, ExtraFields::Ignore};
    page.fields.push_back(field("items", arrayOf(TypeSpec::object("Book"))));
    page.fields.push_back(field("total", integer(0)));
    page.fields.push_back(field("page", integer(1)));

    Model problem{"Problem", "", {}, ExtraFields::Ignore};
    problem.fields.push_back(field("detail", string()));
    project.models = {page, book, author, create, problem};

    Endpoint list;
    list.id = "list_books";
    list.path = "/books";
    list.tags = {"books"};
    list.description = "Books, newest first.\nFilter by genre or search the titles.";
    Parameter genreFilter = parameter("genre", ParamLocation::Query, genre());
    genreFilter.description = "Only books of this genre";
    list.parameters.push_back(std::move(genreFilter));
    Parameter pageNumber = parameter("page", ParamLocation::Query, integer(1));
    pageNumber.defaultValue = 1;
    list.parameters.push_back(std::move(pageNumber));
    Parameter perPage = parameter("per_page", ParamLocation::Query, integer(1, 100));
    perPage.defaultValue = 20;
    list.parameters.push_back(std::move(perPage));
    Parameter search = parameter("q", ParamLocation::Query, string(std::nullopt, 100));
    search.example = "dune";
    list.parameters.push_back(std::move(search));
    list.parameters.push_back(
        parameter("X-Request-Id", ParamLocation::Header, formatted(StringFormat::Uuid)));
    list.responses = {response(200, TypeSpec::object("BookPage"))};

    Endpoint get;
    get.id = "get_book";
    get.path = "/books/{book_id}";
    get.tags = {"books"};
    get.summary = "Fetch one book";
    Parameter getId = parameter("book_id", ParamLocation::Path, bookId, true);
    getId.description = "The book's number";
    get.parameters.push_back(std::move(getId));
    get.responses = {response(200, TypeSpec::object("Book")), response(404, TypeSpec::object("Problem"))};

    Endpoint add;
    add.id = "create_book";
    add.method = "POST";
    add.path = "/books";
    add.tags = {"books"};
    add.requestBody = body("BookCreate");
    add.responses = {response(201, TypeSpec::object("Book"), "The book as stored")};
    add.auth = AuthRequirement::ApiKey;

    Endpoint remove;
    remove.id = "delete_book";
    remove.method = "DELETE";
    remove.path = "/books/{book_id}";
    remove.tags = {"books"};
    remove.parameters.push_back(parameter("book_id", ParamLocation::Path, bookId, true));
    remove.responses = {response(204, std::nullopt),
                        response(404, TypeSpec::object("Problem"), "No such book")};
    remove.auth = AuthRequirement::Bearer;

    Endpoint ids;
    ids.id = "list_book_ids";
    ids.path = "/books/ids";
    ids.tags = {"books"};
    ids.responses = {response(200, arrayOf(TypeSpec::scalar(TypeKind::Integer)))};

    Endpoint authorById;
    authorById.id = "get_author";
    authorById.path = "/authors/{author_id}";
    authorById.tags = {"authors"};
    authorById.parameters.push_back(
        parameter("author_id", ParamLocation::Path, formatted(StringFormat::Uuid), true));
    authorById.responses = {response(200, TypeSpec::object("Author"))};

    project.endpoints = {list, get, add, remove, ids, authorById};
    return project;
}

Project helloDesign() {
    Project project;
    project.name = "Hello";
    project.server.host = "0.0.0.0";

    Model greeting{"Greeting", "", {}, ExtraFields::Ignore};
    greeting.fields.push_back(field("msg", string()));
    project.models = {greeting};

    Endpoint hello;
    hello.id = "hello";
    hello.path = "/hello";
    Response ok = response(200, TypeSpec::object("Greeting"));
    ok.example = Json{{"msg", "hi"}};
    hello.responses = {ok};
    project.endpoints = {hello};
    return project;
}

Project oddCornersDesign() {
    Project project;
    project.name = "Odd Corners — ünïcode";
    project.version = "0";
    project.description = "Line one\n  indented line\ntrailing newline\n";
    project.server.host = "::";

    Model item{"Line Item", "A line.\nSecond line.", {}, ExtraFields::Allow};
    item.fields.push_back(field("mixed", TypeSpec::enumeration({"a", 1, true})));
    item.fields.push_back(field("ratio", TypeSpec::enumeration({0.5, 1.5}), false));
    Field note = field("note", string(), false);
    note.defaultValue = "200";
    note.example = "true";
    item.fields.push_back(std::move(note));
    Model unused{"Unused", "", {}, ExtraFields::Ignore};
    project.models = {item, unused};

    Endpoint put;
    put.id = "replaceItems";
    put.method = "PUT";
    put.path = "/items/{item_id}";
    put.parameters.push_back(parameter("item_id", ParamLocation::Path, string(1, 10), true));
    put.requestBody = RequestBody{arrayOf(TypeSpec::object("Line Item"), 1), false, "Items to store"};
    put.responses = {response(200, arrayOf(TypeSpec::object("Line Item"))),
                     response(401, TypeSpec::object("Line Item"), "Nope"),
                     response(422, std::nullopt, "Designed validation error")};
    put.auth = AuthRequirement::Bearer;

    Endpoint brew = put;
    brew.id = "brew";
    brew.method = "BREW";

    Endpoint again = put;
    again.id = "replace_items_again";

    Endpoint head;
    head.id = "head_items";
    head.method = "HEAD";
    head.path = "/items/{item_id}";
    head.parameters.push_back(parameter("item_id", ParamLocation::Path, string(1, 10), true));
    head.responses = {response(200, std::nullopt)};
    project.endpoints = {put, brew, again, head};
    return project;
}

}  // namespace loadstar::openapi::testing
