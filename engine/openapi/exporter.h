#pragma once

#include <string>
#include <vector>

#include "engine/model/json.h"
#include "engine/model/project.h"

namespace loadstar::openapi {

struct ExportOptions {
    // Server URLs for the document, e.g. {"http://127.0.0.1:8000"}. Empty: one
    // server built from the project's host and port.
    std::vector<std::string> servers;
};

// The OpenAPI 3.1.0 document FastAPI (Pydantic v2) would serve for the same
// design: titles derived from names, a 422 "Validation Error" response on every
// operation that takes input, HTTPValidationError/ValidationError components,
// security schemes for API keys and bearer tokens. The same project always gives
// the same document, key for key.
Json exportDocument(const model::Project& project, const ExportOptions& options = {});

// A JSON Schema fragment for a value type, as it would appear inside
// components/schemas (model references become "$ref"s). For GUI previews.
Json typeSchema(const model::Project& project, const model::TypeSpec& type);

// The components/schemas entry for one model.
Json modelSchema(const model::Project& project, const model::Model& model);

// One operation under its path: {"/books/{book_id}": {"get": {...}}}.
Json operationFragment(const model::Project& project, const model::Endpoint& endpoint);

// The description FastAPI gives a response that has none of its own: "Successful
// Response" for 2xx, else the status's reason phrase, else "Additional Response".
std::string defaultResponseDescription(int status);

// Pretty JSON text (two-space indent) ending with a newline. Invalid UTF-8 in
// user strings is replaced rather than thrown on.
std::string toJsonText(const Json& document);

}  // namespace loadstar::openapi
