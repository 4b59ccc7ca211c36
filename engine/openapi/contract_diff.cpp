#include "engine/openapi/contract_diff.h"

#include <algorithm>
#include <map>

#include "engine/openapi/type_comparer.h"

namespace loadstar::openapi {

using detail::Direction;
using detail::Subject;
using detail::TypeComparer;
using model::Endpoint;
using model::Parameter;
using model::ParamLocation;

namespace {

std::string quoted(const std::string& text) {
    return "\"" + text + "\"";
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string at(const std::string& base, std::size_t index) {
    return base + "/" + std::to_string(index);
}

class OperationDiff {
  public:
    OperationDiff(const model::Project& before, const model::Project& after, std::vector<Change>& changes)
        : before_(before), after_(after), changes_(changes), types_(before, after, changes) {}

    void run() {
        info();
        std::map<std::pair<std::string, std::string>, std::size_t> old;
        for (std::size_t i = 0; i < before_.endpoints.size(); ++i) {
            const Endpoint& e = before_.endpoints[i];
            old.emplace(std::pair{e.method, model::pathTemplateShape(e.path)}, i);
        }
        std::vector<bool> matched(before_.endpoints.size(), false);
        for (std::size_t j = 0; j < after_.endpoints.size(); ++j) {
            const Endpoint& e = after_.endpoints[j];
            const auto found = old.find({e.method, model::pathTemplateShape(e.path)});
            if (found == old.end()) {
                attach(add(ChangeClass::NonBreaking, "endpoint-added", "operation added", "",
                           at("/endpoints", j)),
                       e);
                continue;
            }
            matched[found->second] = true;
            operation(found->second, j);
        }
        for (std::size_t i = 0; i < before_.endpoints.size(); ++i) {
            if (matched[i]) continue;
            attach(
                add(ChangeClass::Breaking, "endpoint-removed", "operation removed", at("/endpoints", i), ""),
                before_.endpoints[i]);
        }
    }

  private:
    std::size_t add(ChangeClass kind, std::string id, std::string message, std::string oldPointer,
                    std::string newPointer) {
        return types_.add(kind, std::move(id), std::move(message), std::move(oldPointer),
                          std::move(newPointer));
    }

    void attach(std::size_t index, const Endpoint& endpoint) {
        std::vector<std::string>& operations = changes_[index].operations;
        const std::string name = endpoint.method + " " + endpoint.path;
        if (std::find(operations.begin(), operations.end(), name) == operations.end())
            operations.push_back(name);
    }

    void attach(const std::vector<std::size_t>& indices, const Endpoint& endpoint) {
        for (const std::size_t index : indices)
            attach(index, endpoint);
    }

    void info() {
        if (before_.name != after_.name) {
            add(ChangeClass::DocsOnly, "api-title-changed",
                "the API's title changed from " + quoted(before_.name) + " to " + quoted(after_.name),
                "/name", "/name");
        }
        if (before_.version != after_.version) {
            add(ChangeClass::DocsOnly, "api-version-changed",
                "the API's version changed from " + before_.version + " to " + after_.version, "/version",
                "/version");
        }
        if (before_.description != after_.description) {
            add(ChangeClass::DocsOnly, "api-description-changed", "the API's description changed",
                "/description", "/description");
        }
    }

    // The parameter of `after` that `parameter` of `before` became: path
    // parameters by their position in the template (renaming one changes no
    // request), the others by place and name (header names ignore case).
    const Parameter* counterpart(const Parameter& parameter, const Endpoint& from, const Endpoint& to) const {
        if (parameter.in == ParamLocation::Path) {
            const auto names = model::pathTemplateParams(from.path);
            const auto targets = model::pathTemplateParams(to.path);
            if (names && targets && names->size() == targets->size()) {
                for (std::size_t k = 0; k < names->size(); ++k) {
                    if ((*names)[k] == parameter.name)
                        return to.parameter((*targets)[k], ParamLocation::Path);
                }
            }
            return to.parameter(parameter.name, ParamLocation::Path);
        }
        for (const Parameter& candidate : to.parameters) {
            if (candidate.in != parameter.in) continue;
            const bool same = parameter.in == ParamLocation::Header
                                  ? lower(candidate.name) == lower(parameter.name)
                                  : candidate.name == parameter.name;
            if (same) return &candidate;
        }
        return nullptr;
    }

    void operation(std::size_t i, std::size_t j) {
        const Endpoint& a = before_.endpoints[i];
        const Endpoint& b = after_.endpoints[j];
        const std::string oldAt = at("/endpoints", i);
        const std::string newAt = at("/endpoints", j);
        parameters(a, b, oldAt, newAt);
        body(a, b, oldAt, newAt);
        responses(a, b, oldAt, newAt);
        if (a.auth != b.auth) {
            const bool added = a.auth == model::AuthRequirement::None;
            const bool removed = b.auth == model::AuthRequirement::None;
            attach(add(removed ? ChangeClass::NonBreaking : ChangeClass::Breaking,
                       added     ? "security-added"
                       : removed ? "security-removed"
                                 : "security-changed",
                       std::string("auth ") +
                           (added ? std::string("added: ") + model::toString(b.auth) + " now required"
                            : removed
                                ? std::string("removed: ") + model::toString(a.auth) + " no longer required"
                                : std::string("changed from ") + model::toString(a.auth) + " to " +
                                      model::toString(b.auth)),
                       oldAt + "/auth", newAt + "/auth"),
                   b);
        } else if (a.auth == model::AuthRequirement::ApiKey &&
                   lower(before_.server.auth.apiKeyName) != lower(after_.server.auth.apiKeyName)) {
            attach(add(ChangeClass::Breaking, "security-api-key-header-changed",
                       "the API key is now read from " + after_.server.auth.apiKeyName + ", not " +
                           before_.server.auth.apiKeyName,
                       "/server/auth", "/server/auth"),
                   b);
        }
        if (a.id != b.id) {
            attach(add(ChangeClass::NonBreaking, "operation-id-changed",
                       "operationId changed from " + a.id + " to " + b.id +
                           " (generated clients rename the call)",
                       oldAt + "/id", newAt + "/id"),
                   b);
        }
        const auto docs = [&](bool differs, const char* id, const std::string& what, const char* key) {
            if (differs) attach(add(ChangeClass::DocsOnly, id, what, oldAt + key, newAt + key), b);
        };
        docs(a.summary != b.summary, "operation-summary-changed", "summary changed", "/summary");
        docs(a.description != b.description, "operation-description-changed", "description changed",
             "/description");
        docs(a.tags != b.tags, "operation-tags-changed", "tags changed", "/tags");
    }

    void parameters(const Endpoint& a, const Endpoint& b, const std::string& oldAt,
                    const std::string& newAt) {
        for (std::size_t p = 0; p < a.parameters.size(); ++p) {
            const Parameter& old = a.parameters[p];
            const Parameter* now = counterpart(old, a, b);
            const std::string where = model::toString(old.in);
            if (!now) {
                attach(add(ChangeClass::Breaking, "request-parameter-removed",
                           where + " parameter " + quoted(old.name) + " removed",
                           at(oldAt + "/parameters", p), newAt),
                       b);
                continue;
            }
            const std::string nowAt =
                at(newAt + "/parameters", static_cast<std::size_t>(now - b.parameters.data()));
            const std::string thenAt = at(oldAt + "/parameters", p);
            const std::string name = where + " parameter " + quoted(now->name);
            if (old.required != now->required) {
                attach(add(now->required ? ChangeClass::Breaking : ChangeClass::NonBreaking,
                           now->required ? "request-parameter-became-required"
                                         : "request-parameter-became-optional",
                           name + (now->required ? " is now required" : " is now optional"), thenAt, nowAt),
                       b);
            }
            if (old.defaultValue != now->defaultValue && !now->required) {
                attach(add(ChangeClass::Breaking, "request-parameter-default-changed",
                           name + ": default changed from " +
                               (old.defaultValue ? old.defaultValue->dump() : "none") + " to " +
                               (now->defaultValue ? now->defaultValue->dump() : "none") +
                               " (a client that leaves it out gets another value)",
                           thenAt, nowAt),
                       b);
            }
            attach(types_.compare(old.type, now->type, Direction::Request, Subject{name, thenAt, nowAt}), b);
            if (old.description != now->description) {
                attach(add(ChangeClass::DocsOnly, "request-parameter-description-changed",
                           name + ": description changed", thenAt, nowAt),
                       b);
            }
            if (old.example != now->example) {
                attach(add(ChangeClass::DocsOnly, "request-parameter-example-changed",
                           name + ": example changed", thenAt, nowAt),
                       b);
            }
        }
        for (std::size_t p = 0; p < b.parameters.size(); ++p) {
            const Parameter& added = b.parameters[p];
            if (counterpart(added, b, a)) continue;
            const std::string name =
                std::string(model::toString(added.in)) + " parameter " + quoted(added.name);
            attach(add(added.required ? ChangeClass::Breaking : ChangeClass::NonBreaking,
                       added.required ? "new-required-request-parameter" : "new-optional-request-parameter",
                       name + (added.required ? " added, required" : " added, optional"), oldAt,
                       at(newAt + "/parameters", p)),
                   b);
        }
    }

    void body(const Endpoint& a, const Endpoint& b, const std::string& oldAt, const std::string& newAt) {
        const std::string oldBody = oldAt + "/request_body";
        const std::string newBody = newAt + "/request_body";
        if (!a.requestBody && !b.requestBody) return;
        if (!b.requestBody) {
            attach(add(ChangeClass::Breaking, "request-body-removed", "request body removed", oldBody, newAt),
                   b);
            return;
        }
        if (!a.requestBody) {
            const bool required = b.requestBody->required;
            attach(add(required ? ChangeClass::Breaking : ChangeClass::NonBreaking,
                       required ? "request-body-added-required" : "request-body-added-optional",
                       required ? "request body added, required" : "request body added, optional", oldAt,
                       newBody),
                   b);
            return;
        }
        if (a.requestBody->required != b.requestBody->required) {
            const bool required = b.requestBody->required;
            attach(add(required ? ChangeClass::Breaking : ChangeClass::NonBreaking,
                       required ? "request-body-became-required" : "request-body-became-optional",
                       required ? "request body is now required" : "request body is now optional", oldBody,
                       newBody),
                   b);
        }
        attach(types_.compare(a.requestBody->type, b.requestBody->type, Direction::Request,
                              Subject{"request body", oldBody, newBody}),
               b);
        if (a.requestBody->description != b.requestBody->description) {
            attach(add(ChangeClass::DocsOnly, "request-body-description-changed",
                       "request body: description changed", oldBody, newBody),
                   b);
        }
    }

    void responses(const Endpoint& a, const Endpoint& b, const std::string& oldAt, const std::string& newAt) {
        const auto find = [](const Endpoint& e, int status) -> const model::Response* {
            for (const model::Response& r : e.responses) {
                if (r.status == status) return &r;
            }
            return nullptr;
        };
        const auto index = [](const Endpoint& e, const model::Response* r) {
            return static_cast<std::size_t>(r - e.responses.data());
        };
        for (const model::Response& old : a.responses) {
            const std::string thenAt = at(oldAt + "/responses", index(a, &old));
            const std::string status = std::to_string(old.status);
            const model::Response* now = find(b, old.status);
            if (!now) {
                // A documented error that no longer happens breaks no client; a success that goes away does.
                const bool success = old.status < 400;
                attach(
                    add(success ? ChangeClass::Breaking : ChangeClass::NonBreaking,
                        success ? "response-success-status-removed" : "response-non-success-status-removed",
                        "response " + status + " removed", thenAt, newAt),
                    b);
                continue;
            }
            const std::string nowAt = at(newAt + "/responses", index(b, now));
            if (old.body && !now->body) {
                attach(add(ChangeClass::Breaking, "response-body-removed",
                           "response " + status + ": body removed", thenAt, nowAt),
                       b);
            } else if (!old.body && now->body) {
                attach(add(ChangeClass::NonBreaking, "response-body-added",
                           "response " + status + ": body added", thenAt, nowAt),
                       b);
            } else if (old.body && now->body) {
                attach(types_.compare(*old.body, *now->body, Direction::Response,
                                      Subject{"response " + status + " body", thenAt, nowAt}),
                       b);
            }
            if (old.description != now->description) {
                attach(add(ChangeClass::DocsOnly, "response-description-changed",
                           "response " + status + ": description changed", thenAt, nowAt),
                       b);
            }
            if (old.example != now->example) {
                attach(add(ChangeClass::DocsOnly, "response-example-changed",
                           "response " + status + ": example changed", thenAt, nowAt),
                       b);
            }
        }
        for (const model::Response& added : b.responses) {
            if (find(a, added.status)) continue;
            attach(add(ChangeClass::NonBreaking, "response-status-added",
                       "response " + std::to_string(added.status) + " added", oldAt,
                       at(newAt + "/responses", index(b, &added))),
                   b);
        }
    }

    const model::Project& before_;
    const model::Project& after_;
    std::vector<Change>& changes_;
    TypeComparer types_;
};

}  // namespace

const char* toString(ChangeClass kind) {
    switch (kind) {
        case ChangeClass::Breaking:
            return "breaking";
        case ChangeClass::NonBreaking:
            return "non-breaking";
        case ChangeClass::DocsOnly:
            return "docs-only";
    }
    return "";
}

std::vector<Change> diffContracts(const model::Project& before, const model::Project& after) {
    std::vector<Change> changes;
    OperationDiff(before, after, changes).run();
    return changes;
}

}  // namespace loadstar::openapi
