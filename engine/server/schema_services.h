#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "engine/model/json.h"
#include "engine/model/project.h"
#include "engine/schema/request_validator.h"

namespace loadstar::server {

// The router hands validation views into the session's buffers (path parameters
// percent-decoded, the query raw); validation answers the coerced values.
using RequestParts = schema::RequestParts;
using ValidatedParts = schema::ValidatedRequest;

// The schema work the server delegates to engine/schema and engine/openapi, behind
// plain functions so that the request handler can be tested with stand-ins and the
// server never depends on how validation is written.
struct SchemaServices {
    // The validated request, or the 422 body ({"detail": [...]}).
    std::function<std::variant<ValidatedParts, Json>(const model::Endpoint&, const RequestParts&)> validate;
    // Optional fast path for echo endpoints: the body's compact text when it is valid
    // and validate() would echo it unchanged; nullopt to fall back to validate().
    std::function<std::optional<std::string>(const model::Endpoint&, const RequestParts&)> canonicalBody;
    // A valid value of `type`, the same for the same seed.
    std::function<Json(const model::TypeSpec& type, std::uint64_t seed)> sample;
    // The project's OpenAPI document; called once when the server starts.
    std::function<Json()> openapiDocument;
};

// The real services for `project`: engine/schema's validator (with the server's JSON
// depth limit) and sample generator, and engine/openapi's export.
SchemaServices projectSchemaServices(std::shared_ptr<const model::Project> project);

}  // namespace loadstar::server
