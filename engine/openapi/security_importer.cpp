#include "engine/openapi/security_importer.h"

#include <algorithm>

namespace loadstar::openapi::detail {

using model::AuthRequirement;

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string stringAt(const Json& object, const char* key) {
    return object.contains(key) && object.at(key).is_string() ? object.at(key).get<std::string>()
                                                              : std::string();
}

}  // namespace

void SecurityImporter::importSchemes() {
    const Place root = context_.documents().root();
    const Json& document = root.value();
    if (document.contains("security")) documentSecurity_ = root.child("security");
    if (!document.contains("components") || !document.at("components").is_object() ||
        !document.at("components").contains("securitySchemes")) {
        return;
    }
    const Place schemes = root.child("components").child("securitySchemes");
    if (!schemes.value().is_object()) {
        context_.loss(schemes, "securitySchemes must be a map; not kept");
        return;
    }
    for (const auto& [name, ignored] : schemes.value().items()) {
        auto resolved = context_.documents().resolve(schemes.child(name));
        if (const auto* failure = std::get_if<std::string>(&resolved)) {
            context_.error(schemes.child(name).child("$ref"), *failure);
            continue;
        }
        const Place place = std::get<Place>(std::move(resolved));
        const Json& scheme = place.value();
        Scheme imported;
        if (!scheme.is_object()) {
            context_.loss(place, "a security scheme must be an object; not kept");
            schemes_[name] = imported;
            continue;
        }
        const std::string type = stringAt(scheme, "type");
        if (type == "apiKey") {
            const std::string in = stringAt(scheme, "in");
            const std::optional<model::ApiKeyLocation> location = model::parseApiKeyLocation(in);
            if (!location) {
                context_.loss(place, "in",
                              "an API key in the " + (in.empty() ? std::string("(unnamed place)") : in) +
                                  " is not checked by the design (a header, a query parameter or a cookie)");
            } else if (stringAt(scheme, "name").empty()) {
                context_.loss(place, "name", "an API key needs the name it travels under; not kept");
            } else {
                imported.auth = AuthRequirement::ApiKey;
                imported.apiKeyIn = *location;
                imported.apiKeyName = stringAt(scheme, "name");
            }
        } else if (type == "http") {
            const std::string scheme_ = lower(stringAt(scheme, "scheme"));
            if (scheme_ == "bearer") {
                imported.auth = AuthRequirement::Bearer;
            } else if (scheme_ == "basic") {
                imported.auth = AuthRequirement::Basic;
            } else {
                context_.loss(
                    place, "scheme",
                    "HTTP " + (scheme_.empty() ? std::string("(no scheme)") : scheme_) +
                        " authentication is not checked by the design (bearer tokens and basic are)");
            }
        } else if (type == "oauth2" || type == "openIdConnect") {
            imported.auth = AuthRequirement::Bearer;
            context_.loss(place, type == "oauth2" ? "flows" : "openIdConnectUrl",
                          "the " + type + " flows are not kept; the design checks the bearer token it sends");
        } else {
            context_.loss(place, "type",
                          "the security scheme type \"" + type + "\" is not checked by the design; not kept");
        }
        for (const auto& [key, value] : scheme.items()) {
            if (key == "type" || key == "in" || key == "name" || key == "scheme" || key == "flows" ||
                key == "openIdConnectUrl") {
                continue;
            }
            context_.loss(place, key,
                          key == "description" || key == "bearerFormat"
                              ? "the " + key + " of a security scheme is not kept"
                              : "the keyword \"" + key + "\" is not kept");
        }
        schemes_[name] = imported;
    }
}

AuthRequirement SecurityImporter::operationAuth(const Place& operation) {
    if (operation.value().contains("security")) return requirement(operation.child("security"));
    if (documentSecurity_) return requirement(*documentSecurity_);
    return AuthRequirement::None;
}

AuthRequirement SecurityImporter::requirement(const Place& securityList) {
    const Json& list = securityList.value();
    if (!list.is_array()) {
        context_.loss(securityList, "security must be a list of requirements; not kept");
        return AuthRequirement::None;
    }
    std::optional<AuthRequirement> chosen;
    bool anonymous = false;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Place alternative = securityList.at(i);
        if (!alternative.value().is_object()) {
            context_.loss(alternative, "a security requirement must be an object; not kept");
            continue;
        }
        if (alternative.value().empty()) {
            anonymous = true;
            continue;
        }
        std::size_t schemesInAlternative = 0;
        for (const auto& [name, scopes] : alternative.value().items()) {
            ++schemesInAlternative;
            const auto scheme = schemes_.find(name);
            if (scheme == schemes_.end()) {
                context_.loss(alternative, name, "\"" + name + "\" names no security scheme; not kept");
                continue;
            }
            if (scopes.is_array() && !scopes.empty()) {
                context_.loss(alternative, name, "the scopes are not kept");
            }
            if (!scheme->second.auth) continue;
            if (chosen && schemesInAlternative > 1) {
                context_.loss(
                    alternative, name,
                    "several schemes required together: only the first the design can check is kept");
                continue;
            }
            if (chosen) {
                if (*chosen != *scheme->second.auth) {
                    context_.loss(
                        alternative,
                        "alternative security requirements: only the first the design can check is kept");
                }
                continue;
            }
            chosen = scheme->second.auth;
            if (*chosen == AuthRequirement::ApiKey) {
                const Scheme& key = scheme->second;
                model::Auth& auth = context_.project().server.auth;
                // Header names ignore case; query parameters and cookies do not.
                const auto same = [&](const std::string& a, const std::string& b) {
                    return key.apiKeyIn == model::ApiKeyLocation::Header ? lower(a) == lower(b) : a == b;
                };
                if (!apiKeyChosen_) {
                    apiKeyChosen_ = true;
                    auth.apiKeyIn = key.apiKeyIn;
                    auth.apiKeyName = key.apiKeyName;
                } else if (key.apiKeyIn != auth.apiKeyIn || !same(key.apiKeyName, auth.apiKeyName)) {
                    context_.loss(alternative, name,
                                  std::string("the API key in the ") + model::toString(key.apiKeyIn) + " " +
                                      key.apiKeyName + " is not kept: the design checks one key (in the " +
                                      model::toString(auth.apiKeyIn) + " " + auth.apiKeyName + ")");
                }
            }
        }
    }
    if (anonymous && chosen) {
        context_.loss(securityList, "calls without credentials are allowed too, so the design checks none");
        return AuthRequirement::None;
    }
    return chosen.value_or(AuthRequirement::None);
}

}  // namespace loadstar::openapi::detail
