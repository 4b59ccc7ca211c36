#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "engine/model/json.h"
#include "engine/model/project.h"
#include "engine/model/type_spec.h"
#include "engine/schema/validation_error.h"

namespace loadstar::schema {

// One HTTP request as the router hands it over, without copying anything.
struct RequestParts {
    std::vector<std::pair<std::string_view, std::string_view>> pathParams;  // name -> percent-decoded value
    std::string_view query;  // raw query string after '?', still percent-encoded ('+' means space)
    std::vector<std::pair<std::string_view, std::string_view>> headers;  // as received (names any case)
    std::string_view body;
    bool hasBody = false;  // false: the request carried no body at all
};

// Coerced values with defaults applied: what a FastAPI handler would receive.
// An optional parameter or field that is absent and has no default is null
// (FastAPI's `x: T | None = None`), so every declared name is present.
struct ValidatedRequest {
    Json path = Json::object();
    Json query = Json::object();
    Json headers = Json::object();
    Json cookies = Json::object();
    std::optional<Json> body;  // nullopt: the endpoint takes no body, or an optional body was absent
};

struct ValidatorOptions {
    int maxJsonDepth = 64;  // deeper bodies are refused as json_invalid before a DOM is built
};

// Validates requests against a project's endpoints the way FastAPI with
// Pydantic v2 does, answering FastAPI's 422 error list. Everything that can be
// prepared is prepared in the constructor (models indexed, RE2 patterns compiled
// once per distinct pattern), so validate() only walks the request.
//
// Behaviour worth knowing (FastAPI's unless said otherwise):
// - A body that does not decode as JSON is answered with its json_invalid error
//   alone; otherwise errors come in the order path, query, header, cookie, body, and
//   within a model in field declaration order, then extra keys.
// - No body, an empty body and a JSON `null` body are all "missing" at ["body"]
//   when the body is required. A Content-Type other than application/json or
//   application/*+json hands the raw text to the body type (a model then answers
//   model_attributes_type); no Content-Type at all is read as JSON.
// - Query scalars take the last of repeated keys, headers the first; array
//   parameters collect all. Header names match case-insensitively, with '_' in
//   the declared name matching '-'; loc always uses the declared name. Cookies
//   are read from every Cookie header as Starlette reads them (split at ';',
//   quoted values unquoted, the last of a repeated name wins).
// - A JSON null is accepted only by optional fields without a default.
// - Deviations, kept deliberately: numeric strings such as "inf" or "nan" are
//   refused (a JSON response could not carry them back), integers beyond 64 bits
//   given as text are int_parsing_size, numbers (Unix timestamps) are refused for
//   date and date-time formats (datetime_type / date_type), and date-times are
//   kept as given rather than re-serialised (uuids are canonicalised, midnight
//   date-times given for a date become the date).
class RequestValidator {
  public:
    explicit RequestValidator(std::shared_ptr<const model::Project> project, ValidatorOptions options = {});
    ~RequestValidator();
    RequestValidator(const RequestValidator&) = delete;
    RequestValidator& operator=(const RequestValidator&) = delete;
    RequestValidator(RequestValidator&&) noexcept;
    RequestValidator& operator=(RequestValidator&&) noexcept;

    // Thread-safe, const; `endpoint` is one of the project's endpoints (another
    // endpoint works too, prepared on the fly). Never throws.
    std::variant<ValidatedRequest, std::vector<ValidationError>> validate(const model::Endpoint& endpoint,
                                                                          const RequestParts& request) const;

    // The fast path for echo endpoints: when the endpoint validates nothing but a JSON
    // body and that body is valid and already canonical (see canonical_body.h), the
    // compact text validate() would produce for it, found without building a DOM.
    // nullopt: not certain; call validate(). Thread-safe, never throws.
    std::optional<std::string> canonicalBody(const model::Endpoint& endpoint,
                                             const RequestParts& request) const;

    // One value against one type (JSON input, lax mode as FastAPI body
    // validation); appends errors; returns the coerced value (null where invalid).
    Json validateValue(const model::TypeSpec& type, const Json& value, const Json& loc,
                       std::vector<ValidationError>& errors) const;

    class Compiled;

  private:
    std::unique_ptr<const Compiled> compiled_;
};

}  // namespace loadstar::schema
