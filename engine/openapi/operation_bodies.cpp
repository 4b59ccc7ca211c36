// OperationImporter's half that reads request bodies and responses.
#include <charconv>

#include "engine/openapi/exporter.h"
#include "engine/openapi/operation_importer.h"

namespace loadstar::openapi::detail {

using model::Endpoint;
using model::Response;

namespace {

std::string lower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

bool isJsonMediaType(std::string_view type) {
    std::string essence = lower(std::string(type.substr(0, type.find(';'))));
    while (!essence.empty() && essence.back() == ' ')
        essence.pop_back();
    return essence == "application/json" ||
           (essence.starts_with("application/") && essence.ends_with("+json"));
}

std::string text(const Json& object, const char* key) {
    return object.contains(key) && object.at(key).is_string() ? object.at(key).get<std::string>()
                                                              : std::string();
}

bool isFastApiValidationError(const Json& response) {
    if (!response.is_object() || text(response, "description") != "Validation Error") return false;
    if (!response.contains("content") || !response.at("content").is_object()) return false;
    const Json& content = response.at("content");
    if (content.size() != 1 || !content.contains("application/json")) return false;
    const Json& media = content.at("application/json");
    if (!media.is_object() || media.size() != 1 || !media.contains("schema")) return false;
    return text(media.at("schema"), "$ref").ends_with("/HTTPValidationError");
}

bool isNotAuthenticated(const Json& response) {
    return response.is_object() && response.size() == 1 &&
           text(response, "description") == "Not authenticated";
}

std::optional<int> statusCode(std::string_view key) {
    int status = 0;
    const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), status);
    if (ec != std::errc() || end != key.data() + key.size() || key.size() != 3 || status < 100 ||
        status > 599)
        return std::nullopt;
    return status;
}

}  // namespace

std::optional<Place> OperationImporter::jsonMedia(const Place& content, const std::string& what) {
    if (!content.value().is_object()) {
        context_.loss(content, "content must be a map of media types; not kept");
        return std::nullopt;
    }
    std::optional<Place> chosen;
    for (const auto& [type, value] : content.value().items()) {
        const Place media = content.entry(type, value);
        if (isJsonMediaType(type) && !chosen) {
            chosen = media;
            continue;
        }
        context_.loss(
            media, isJsonMediaType(type)
                       ? "a second JSON media type is not kept; the first is"
                       : "the " + type + " " + what + " is not kept: the design takes and answers JSON only");
    }
    return chosen;
}

std::optional<Json> OperationImporter::mediaExample(const Place& media) {
    const Json& value = media.value();
    if (value.contains("example")) return value.at("example");
    if (!value.contains("examples") || !value.at("examples").is_object() || value.at("examples").empty())
        return std::nullopt;
    const Place examples = media.child("examples");
    if (examples.value().size() > 1) context_.loss(examples, "only the first example is kept");
    const Place first = examples.child(examples.value().begin().key());
    auto resolved = context_.documents().resolve(first);
    if (const auto* failure = std::get_if<std::string>(&resolved)) {
        context_.error(first.child("$ref"), *failure);
        return std::nullopt;
    }
    const Place example = std::get<Place>(std::move(resolved));
    if (example.value().is_object() && example.value().contains("value")) return example.value().at("value");
    if (example.value().is_object() && example.value().contains("externalValue")) {
        context_.loss(example, "externalValue", "an example in another file (externalValue) is not kept");
    }
    return std::nullopt;
}

std::optional<model::RequestBody> OperationImporter::requestBody(const Place& body,
                                                                 const std::string& nameHint) {
    const Json& value = body.value();
    if (!value.is_object()) {
        context_.loss(body, "a request body must be an object; not kept");
        return std::nullopt;
    }
    for (const auto& [key, ignored] : value.items()) {
        if (key != "content" && key != "required" && key != "description") {
            context_.loss(body, key,
                          key.starts_with("x-") ? "the extension " + key + " is not kept"
                                                : "the keyword \"" + key + "\" is not kept");
        }
    }
    if (!value.contains("content")) {
        context_.loss(body, "a request body without content is not kept");
        return std::nullopt;
    }
    const std::optional<Place> media = jsonMedia(body.child("content"), "request body");
    if (!media) return std::nullopt;
    if (!media->value().is_object() || !media->value().contains("schema")) {
        context_.loss(*media, "a JSON request body without a schema is not kept");
        return std::nullopt;
    }
    for (const auto& [key, ignored] : media->value().items()) {
        if (key == "schema") continue;
        context_.loss(*media, key,
                      key == "example" || key == "examples" ? "examples of a request body are not kept"
                      : key == "encoding"                   ? "encoding is not kept"
                                                            : "the keyword \"" + key + "\" is not kept");
    }
    std::optional<model::TypeSpec> type = schemas_.type(media->child("schema"), nameHint, Annotated::No);
    if (!type) return std::nullopt;
    model::RequestBody imported;
    imported.type = std::move(*type);
    // OpenAPI's default is an optional body.
    imported.required = value.contains("required") && value.at("required") == true;
    imported.description = text(value, "description");
    return imported;
}

void OperationImporter::responses(const Place& place, Endpoint& endpoint, bool takesInput) {
    if (!place.value().is_object()) {
        context_.loss(place, "responses must be a map of statuses; not kept");
        return;
    }
    for (const auto& [key, value] : place.value().items()) {
        const Place entry = place.entry(key, value);
        const std::optional<int> status = statusCode(key);
        if (!status) {
            context_.loss(
                entry, key == "default" ? "a default response is not kept: the design answers given statuses"
                       : key.starts_with("x-")
                           ? "the extension " + key + " is not kept"
                           : "the status range " + key + " is not kept: the design answers given statuses");
            continue;
        }
        auto resolved = context_.documents().resolve(entry);
        if (const auto* failure = std::get_if<std::string>(&resolved)) {
            context_.error(entry.child("$ref"), *failure);
            continue;
        }
        const Place target = std::get<Place>(std::move(resolved));
        if (*status == 422 && takesInput && isFastApiValidationError(target.value())) continue;
        if (*status == 401 && endpoint.auth != model::AuthRequirement::None &&
            isNotAuthenticated(target.value()))
            continue;
        std::optional<Response> imported = response(target, *status, endpoint, takesInput);
        if (!imported) continue;
        context_.origin("response:" + endpoint.id + "/" + key, target);
        endpoint.responses.push_back(std::move(*imported));
    }
}

std::optional<Response> OperationImporter::response(const Place& place, int status, const Endpoint& endpoint,
                                                    bool /*takesInput*/) {
    const Json& value = place.value();
    if (!value.is_object()) {
        context_.loss(place, "a response must be an object; not kept");
        return std::nullopt;
    }
    Response response;
    response.status = status;
    response.description = text(value, "description");
    // The description FastAPI writes when the route gives none; the exporter writes it again.
    if (response.description == defaultResponseDescription(status)) response.description.clear();
    for (const auto& [key, ignored] : value.items()) {
        if (key == "description" || key == "content") continue;
        context_.loss(place, key,
                      key == "headers"        ? "response headers are not kept"
                      : key == "links"        ? "links are not kept"
                      : key.starts_with("x-") ? "the extension " + key + " is not kept"
                                              : "the keyword \"" + key + "\" is not kept");
    }
    if (!value.contains("content")) return response;
    const std::optional<Place> media = jsonMedia(place.child("content"), "response");
    if (!media) return response;
    if (!media->value().is_object()) {
        context_.loss(*media, "a media type must be an object; not kept");
        return response;
    }
    for (const auto& [key, ignored] : media->value().items()) {
        if (key != "schema" && key != "example" && key != "examples") {
            context_.loss(*media, key, "the keyword \"" + key + "\" is not kept");
        }
    }
    if (!media->value().contains("schema")) {
        if (media->value().contains("example") || media->value().contains("examples")) {
            context_.loss(*media, "a JSON response without a schema is not kept, nor its example");
        }
        return response;
    }
    std::string hint = SchemaImporter::pascalCase(endpoint.id) + "Response";
    if (status < 200 || status >= 300) hint += std::to_string(status);
    response.body = schemas_.type(media->child("schema"), hint, Annotated::No);
    if (!response.body) return response;
    response.example = mediaExample(*media);
    return response;
}

}  // namespace loadstar::openapi::detail
