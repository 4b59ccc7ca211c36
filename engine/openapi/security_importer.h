#pragma once

#include <map>
#include <optional>
#include <string>

#include "engine/model/endpoint.h"
#include "engine/model/server_settings.h"
#include "engine/openapi/import_context.h"

namespace loadstar::openapi::detail {

// components/securitySchemes and the security requirements of the document and
// its operations -> each endpoint's auth requirement and the server's auth
// settings. An API key (in a header, a query parameter or a cookie), an HTTP
// bearer token and HTTP basic credentials are what the design checks; OAuth2 and
// OpenID Connect send a bearer token too, so they come in as one (their flows and
// scopes are reported as not kept).
class SecurityImporter {
  public:
    explicit SecurityImporter(ImportContext& context) : context_(context) {}

    // Reads components/securitySchemes and the document's default requirement.
    void importSchemes();

    // The requirement of an operation (its own `security`, else the document's).
    model::AuthRequirement operationAuth(const Place& operation);

  private:
    struct Scheme {
        std::optional<model::AuthRequirement> auth;  // none: the design cannot check it
        model::ApiKeyLocation apiKeyIn = model::ApiKeyLocation::Header;
        std::string apiKeyName;
    };

    model::AuthRequirement requirement(const Place& securityList);

    ImportContext& context_;
    std::map<std::string, Scheme> schemes_;
    std::optional<Place> documentSecurity_;
    bool apiKeyChosen_ = false;  // the server's API key settings come from the first scheme used
};

}  // namespace loadstar::openapi::detail
