#include "engine/model/design_check.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <re2/re2.h>

#include "engine/model/discriminator.h"
#include "engine/model/json_reader.h"

namespace loadstar::model {

namespace {

std::string at(const std::string& base, std::size_t index) {
    return base + "/" + std::to_string(index);
}

std::string inQuotes(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

std::string numberText(double v) {
    if (static_cast<double>(static_cast<long long>(v)) == v) return std::to_string(static_cast<long long>(v));
    std::string s = std::to_string(v);
    while (!s.empty() && s.back() == '0')
        s.pop_back();
    return s;
}

// What a path, query, header or cookie value can be: text parsed as a scalar, or a
// union of such (FastAPI's `q: int | str`).
bool isScalar(const TypeSpec& type) {
    switch (type.kind) {
        case TypeKind::String:
        case TypeKind::Integer:
        case TypeKind::Number:
        case TypeKind::Boolean:
        case TypeKind::Enum:
        case TypeKind::Literal:
            return true;
        case TypeKind::Union:
            return !type.variants.empty() &&
                   std::all_of(type.variants.begin(), type.variants.end(), isScalar);
        case TypeKind::Array:
        case TypeKind::Object:
        case TypeKind::Map:
        case TypeKind::Any:
            return false;
    }
    return false;
}

class DesignChecker {
  public:
    explicit DesignChecker(const Project& project) : project_(project) {}

    std::vector<Problem> run() {
        checkProject();
        checkModels();
        checkCycles();
        checkEndpoints();
        checkScenarios();
        return std::move(problems_);
    }

  private:
    void error(std::string location, std::string message) {
        problems_.push_back({Severity::Error, std::move(location), std::move(message)});
    }
    void warning(std::string location, std::string message) {
        problems_.push_back({Severity::Warning, std::move(location), std::move(message)});
    }

    void checkProject() {
        if (project_.name.empty()) warning("/name", "the project has no name");
        const std::string& host = project_.server.host;
        if (host != "127.0.0.1" && host != "localhost" && host != "::1" && !host.starts_with("127.")) {
            warning("/server/host", "the server will listen on " + host +
                                        ", not only on this machine (loopback is 127.0.0.1)");
        }
    }

    // Checks one type wherever it appears; `where` is the JSON pointer of the object holding its keys.
    void checkType(const TypeSpec& type, const std::string& where) {
        checkConstraints(type, where);
        switch (type.kind) {
            case TypeKind::Object:
                if (!project_.model(type.modelRef))
                    error(where + "/model", "unknown model " + inQuotes(type.modelRef));
                break;
            case TypeKind::Enum: {
                std::set<std::string> seen;
                for (const Json& v : type.enumValues) {
                    if (!seen.insert(v.dump()).second)
                        warning(where + "/values", "duplicate enum value " + v.dump());
                }
                break;
            }
            case TypeKind::Literal:
                checkLiteral(type, where);
                break;
            case TypeKind::Array:
            case TypeKind::Map:
                if (!type.items) {
                    error(where,
                          std::string("a") + (type.kind == TypeKind::Map ? " map needs a value type"
                                                                         : "n array needs an item type"));
                } else {
                    checkType(*type.items, where + "/items");
                }
                break;
            case TypeKind::Union:
                checkUnion(type, where);
                break;
            case TypeKind::String:
            case TypeKind::Integer:
            case TypeKind::Number:
            case TypeKind::Boolean:
            case TypeKind::Any:
                break;
        }
    }

    void checkLiteral(const TypeSpec& type, const std::string& where) {
        if (type.enumValues.size() != 1) {
            error(where + "/value", "a literal holds exactly one value");
            return;
        }
        const Json& value = type.enumValues.front();
        if (value.is_object() || value.is_array()) {
            error(where + "/value", "a literal must be a string, number, boolean or null, not " +
                                        std::string(value.type_name()));
        }
    }

    void checkUnion(const TypeSpec& type, const std::string& where) {
        if (type.variants.empty()) {
            error(where + "/variants", "a union needs at least one variant");
            return;
        }
        if (type.variants.size() == 1) {
            warning(where + "/variants", "a union of one variant is that variant; give it directly");
        }
        std::set<std::string> seen;
        for (std::size_t i = 0; i < type.variants.size(); ++i) {
            const TypeSpec& variant = type.variants[i];
            const std::string variantAt = at(where + "/variants", i);
            if (!seen.insert(describe(variant)).second)
                warning(variantAt, "the union already has a variant " + describe(variant));
            checkType(variant, variantAt);
        }
        if (type.discriminator) checkDiscriminator(type, where);
    }

    // Pydantic's tagged union: every variant a model that carries the tag field,
    // every tag naming one variant.
    void checkDiscriminator(const TypeSpec& type, const std::string& where) {
        const Discriminator& d = *type.discriminator;
        const std::string dAt = where + "/discriminator";
        if (d.property.empty()) {
            error(dAt + "/property", "the discriminator names no property");
            return;
        }
        for (std::size_t i = 0; i < type.variants.size(); ++i) {
            const TypeSpec& variant = type.variants[i];
            const std::string variantAt = at(where + "/variants", i);
            if (variant.kind != TypeKind::Object) {
                error(variantAt, "a union with a discriminator takes only models, not " + describe(variant));
                continue;
            }
            const Model* m = project_.model(variant.modelRef);
            if (!m) continue;  // reported as an unknown model
            const Field* tagField = m->field(d.property);
            if (!tagField) {
                error(variantAt, "model " + m->name + " has no field " + inQuotes(d.property) +
                                     ", the union's discriminator");
            } else if (!tagField->required) {
                warning(variantAt, "the discriminator field " + inQuotes(d.property) + " of model " +
                                       m->name + " is optional; a value without it matches no variant");
            } else if (tagField->type.kind != TypeKind::String && tagField->type.kind != TypeKind::Literal &&
                       tagField->type.kind != TypeKind::Enum) {
                error(variantAt, "the discriminator field " + inQuotes(d.property) + " of model " + m->name +
                                     " is " + describe(tagField->type) + "; a tag must be a string");
            }
        }
        std::set<std::string> tags;
        for (std::size_t i = 0; i < d.mapping.size(); ++i) {
            // Named copies, not structured bindings: clang (clang-tidy) does not capture those in C++20.
            const std::string& tag = d.mapping[i].first;
            const std::string& modelName = d.mapping[i].second;
            const std::string entryAt = dAt + "/mapping/" + JsonReader::escape(tag);
            if (!tags.insert(tag).second) error(entryAt, "tag " + inQuotes(tag) + " is mapped twice");
            const bool isVariant = std::any_of(
                type.variants.begin(), type.variants.end(),
                [&](const TypeSpec& v) { return v.kind == TypeKind::Object && v.modelRef == modelName; });
            if (!isVariant) {
                error(entryAt, "tag " + inQuotes(tag) + " maps to " + inQuotes(modelName) +
                                   ", which is not a variant of the union");
            }
        }
        const std::vector<DiscriminatorTag> effective = discriminatorTags(project_, type);
        for (std::size_t i = 0; i < type.variants.size(); ++i) {
            if (type.variants[i].kind != TypeKind::Object) continue;
            const bool tagged = std::any_of(effective.begin(), effective.end(),
                                            [&](const DiscriminatorTag& t) { return t.variant == i; });
            if (!tagged) {
                error(at(where + "/variants", i),
                      "no tag selects this variant: its tags all belong to an earlier one");
            }
        }
    }

    // Constraints that do not apply to the type's kind, and impossible ones.
    void checkConstraints(const TypeSpec& type, const std::string& where) {
        const Constraints& c = type.constraints;
        const bool numeric = type.kind == TypeKind::Integer || type.kind == TypeKind::Number;
        const bool text = type.kind == TypeKind::String;
        const bool array = type.kind == TypeKind::Array;
        const auto wrongKind = [&](bool present, const char* key, const char* forKinds) {
            if (present) {
                warning(where + "/" + key, std::string(key) + " applies only to " + forKinds + ", not to " +
                                               describe(type) + "; it is ignored");
            }
        };
        wrongKind(!numeric && (c.ge || c.gt || c.le || c.lt),
                  c.ge   ? "ge"
                  : c.gt ? "gt"
                  : c.le ? "le"
                         : "lt",
                  "integers and numbers");
        wrongKind(!numeric && c.multipleOf.has_value(), "multiple_of", "integers and numbers");
        wrongKind(!text && (c.minLength || c.maxLength), c.minLength ? "min_length" : "max_length",
                  "strings");
        wrongKind(!text && c.pattern.has_value(), "pattern", "strings");
        wrongKind(!text && c.format != StringFormat::None, "format", "strings");
        wrongKind(!array && (c.minItems || c.maxItems), c.minItems ? "min_items" : "max_items", "arrays");
        wrongKind(!array && c.uniqueItems, "unique_items", "arrays");

        if (numeric) {
            const std::optional<double> low = c.ge ? c.ge : c.gt;
            const std::optional<double> high = c.le ? c.le : c.lt;
            if (c.ge && c.gt) warning(where + "/gt", "both ge and gt are set; give one lower bound");
            if (c.le && c.lt) warning(where + "/lt", "both le and lt are set; give one upper bound");
            if (low && high) {
                const bool inclusive = c.ge.has_value() && c.le.has_value();
                if (*low > *high || (!inclusive && *low >= *high)) {
                    error(where + (c.ge ? "/ge" : "/gt"),
                          "impossible bounds: no value is " + std::string(c.ge ? ">= " : "> ") +
                              numberText(*low) + " and " + (c.le ? "<= " : "< ") + numberText(*high));
                } else if (type.kind == TypeKind::Integer) {
                    // Integers: e.g. gt 1 and lt 2 leave nothing.
                    const double lo = c.ge ? std::ceil(*c.ge) : std::floor(*c.gt) + 1;
                    const double hi = c.le ? std::floor(*c.le) : std::ceil(*c.lt) - 1;
                    if (lo > hi) error(where + (c.ge ? "/ge" : "/gt"), "impossible bounds: no integer fits");
                }
            }
        }
        if (c.minLength && c.maxLength && *c.minLength > *c.maxLength) {
            error(where + "/min_length", "impossible lengths: min_length " + std::to_string(*c.minLength) +
                                             " > max_length " + std::to_string(*c.maxLength));
        }
        if (c.minItems && c.maxItems && *c.minItems > *c.maxItems) {
            error(where + "/min_items", "impossible item counts: min_items " + std::to_string(*c.minItems) +
                                            " > max_items " + std::to_string(*c.maxItems));
        }
        if (c.pattern) {
            RE2::Options options;
            options.set_log_errors(false);
            const RE2 re(*c.pattern, options);
            if (!re.ok()) error(where + "/pattern", "invalid pattern: " + re.error());
        }
    }

    void checkModels() {
        std::set<std::string> names;
        for (std::size_t i = 0; i < project_.models.size(); ++i) {
            const Model& m = project_.models[i];
            const std::string where = at("/models", i);
            if (m.name.empty()) error(where + "/name", "a model needs a name");
            if (!names.insert(m.name).second)
                error(where + "/name", "duplicate model name " + inQuotes(m.name));
            std::set<std::string> fieldNames;
            for (std::size_t f = 0; f < m.fields.size(); ++f) {
                const Field& field = m.fields[f];
                const std::string fieldAt = at(where + "/fields", f);
                if (!fieldNames.insert(field.name).second) {
                    error(fieldAt + "/name",
                          "duplicate field " + inQuotes(field.name) + " in model " + m.name);
                }
                if (field.required && field.defaultValue) {
                    warning(fieldAt + "/default", "a required field never uses its default");
                }
                checkType(field.type, fieldAt);
            }
        }
    }

    // Models reachable from a type, with whether reaching them is forced (required and
    // not through an array that may be empty). A cycle of forced edges has no finite value.
    // A nullable type ends a chain (null is a finite value); so do a map (it may be
    // empty) and a union with another way out.
    static void references(const TypeSpec& type, bool forced,
                           std::vector<std::pair<std::string, bool>>& out) {
        forced = forced && !type.nullable;
        if (type.kind == TypeKind::Object) out.emplace_back(type.modelRef, forced);
        if (type.kind == TypeKind::Array && type.items) {
            const bool nonEmpty = type.constraints.minItems.value_or(0) > 0;
            references(*type.items, forced && nonEmpty, out);
        }
        if (type.kind == TypeKind::Map && type.items) references(*type.items, false, out);
        if (type.kind == TypeKind::Union) {
            for (const TypeSpec& variant : type.variants)
                references(variant, forced && type.variants.size() == 1, out);
        }
    }

    void checkCycles() {
        std::map<std::string, std::vector<std::pair<std::string, bool>>> edges;
        std::map<std::string, std::size_t> indexOf;
        for (std::size_t i = 0; i < project_.models.size(); ++i) {
            const Model& m = project_.models[i];
            indexOf.emplace(m.name, i);
            for (const Field& f : m.fields)
                references(f.type, f.required, edges[m.name]);
        }
        // Depth-first search; each cycle is reported once, at its first model in file order.
        std::set<std::string> reported;
        for (const Model& start : project_.models) {
            std::vector<std::string> path{start.name};
            std::vector<bool> forcedPath;
            std::function<void(const std::string&)> visit = [&](const std::string& node) {
                for (const auto& [next, forced] : edges[node]) {
                    if (!indexOf.count(next)) continue;
                    if (next == start.name) {
                        std::vector<std::string> cycle = path;
                        const bool allForced = forced && std::all_of(forcedPath.begin(), forcedPath.end(),
                                                                     [](bool b) { return b; });
                        std::vector<std::string> key = cycle;
                        std::sort(key.begin(), key.end());
                        std::string keyText;
                        for (const std::string& k : key)
                            keyText += k + "\n";
                        if (!reported.insert(keyText).second) continue;
                        std::string chain;
                        for (const std::string& n : cycle)
                            chain += n + " -> ";
                        chain += start.name;
                        const std::string where = at("/models", indexOf[start.name]);
                        if (allForced) {
                            error(where, "reference cycle " + chain +
                                             " through required fields: no finite value can satisfy it");
                        } else {
                            warning(where, "recursive model (" + chain +
                                               "); generated samples stop descending after a few levels");
                        }
                        continue;
                    }
                    if (std::find(path.begin(), path.end(), next) != path.end()) continue;
                    path.push_back(next);
                    forcedPath.push_back(forced);
                    visit(next);
                    path.pop_back();
                    forcedPath.pop_back();
                }
            };
            visit(start.name);
        }
    }

    void checkEndpoints() {
        std::map<std::string, std::size_t> ids;
        std::map<std::pair<std::string, std::string>, std::size_t> routes;
        const BuiltinPaths& builtins = project_.server.builtins;
        const std::string builtinPaths[] = {builtins.openapi, builtins.docs, builtins.redoc, builtins.metrics,
                                            builtins.health};
        for (std::size_t i = 0; i < project_.endpoints.size(); ++i) {
            const Endpoint& e = project_.endpoints[i];
            const std::string where = at("/endpoints", i);
            if (e.id.empty()) {
                error(where + "/id", "an endpoint needs an id (its operationId)");
            } else if (const auto [it, fresh] = ids.emplace(e.id, i); !fresh) {
                error(where + "/id", "duplicate endpoint id " + inQuotes(e.id) + " (also endpoint " +
                                         std::to_string(it->second) + ")");
            }
            const std::optional<std::vector<std::string>> templateParams = pathTemplateParams(e.path);
            if (!templateParams) {
                error(where + "/path",
                      "malformed path template " + inQuotes(e.path) + " (unbalanced or empty {})");
            } else {
                const std::string shape = pathTemplateShape(e.path);
                if (const auto [it, fresh] = routes.emplace(std::pair{e.method, shape}, i); !fresh) {
                    error(where + "/path", "duplicate route: " + e.method + " " + e.path +
                                               " is the same route as " +
                                               project_.endpoints[it->second].method + " " +
                                               project_.endpoints[it->second].path + " (endpoint " +
                                               project_.endpoints[it->second].id + ")");
                }
                std::set<std::string> seen;
                for (const std::string& name : *templateParams) {
                    if (!seen.insert(name).second)
                        error(where + "/path", "path parameter {" + name + "} appears twice");
                    if (!e.parameter(name, ParamLocation::Path)) {
                        error(where + "/path",
                              "path parameter {" + name + "} is not declared in the parameters");
                    }
                }
                for (std::size_t p = 0; p < e.parameters.size(); ++p) {
                    const Parameter& param = e.parameters[p];
                    if (param.in == ParamLocation::Path &&
                        std::find(templateParams->begin(), templateParams->end(), param.name) ==
                            templateParams->end()) {
                        error(at(where + "/parameters", p), "path parameter " + inQuotes(param.name) +
                                                                " does not appear in the path " + e.path);
                    }
                }
            }
            for (const std::string& builtin : builtinPaths) {
                if (e.path == builtin) {
                    warning(where + "/path", e.path +
                                                 " is also a built-in route; move the built-in in the server "
                                                 "settings, or the design's endpoint wins");
                }
            }
            checkParameters(e, where);
            if (e.requestBody) {
                checkType(e.requestBody->type, where + "/request_body");
                if (e.method == "GET" || e.method == "HEAD") {
                    warning(where + "/request_body", e.method +
                                                         " requests with a body are unusual; many clients "
                                                         "and proxies drop it");
                }
            }
            checkResponses(e, where);
            checkBehaviour(e, where);
            if (e.auth == AuthRequirement::ApiKey && project_.server.auth.apiKeys.empty()) {
                warning(where + "/auth",
                        "requires an API key but the server settings list none: every call gets 401");
            }
            if (e.auth == AuthRequirement::Bearer && project_.server.auth.bearerTokens.empty()) {
                warning(where + "/auth",
                        "requires a bearer token but the server settings list none: every call gets 401");
            }
            if (e.auth == AuthRequirement::Basic && project_.server.auth.basicUsers.empty()) {
                warning(where + "/auth",
                        "requires HTTP basic credentials but the server settings list no users: every call "
                        "gets 401");
            }
        }
    }

    void checkParameters(const Endpoint& e, const std::string& where) {
        std::set<std::pair<ParamLocation, std::string>> seen;
        for (std::size_t p = 0; p < e.parameters.size(); ++p) {
            const Parameter& param = e.parameters[p];
            const std::string paramAt = at(where + "/parameters", p);
            std::string key = param.name;
            if (param.in == ParamLocation::Header)
                std::transform(key.begin(), key.end(), key.begin(), ::tolower);
            if (!seen.emplace(param.in, key).second) {
                error(paramAt + "/name",
                      std::string("duplicate ") + toString(param.in) + " parameter " + inQuotes(param.name));
            }
            if (param.in == ParamLocation::Path && !param.required) {
                error(paramAt + "/required", "path parameters are always required");
            }
            const bool scalar = isScalar(param.type);
            const bool queryArray = param.in == ParamLocation::Query && param.type.kind == TypeKind::Array &&
                                    param.type.items && isScalar(*param.type.items);
            if (!scalar && !queryArray) {
                error(paramAt + "/type",
                      std::string("a ") + toString(param.in) + " parameter must be a scalar" +
                          (param.in == ParamLocation::Query ? " or an array of scalars" : "") + ", not " +
                          describe(param.type));
            }
            checkTextLiteral(param.type, paramAt);
            checkType(param.type, paramAt);
        }
    }

    // Path, query, header and cookie values arrive as text, and Pydantic matches a
    // Literal[1] or Literal[True] only against an int or a bool.
    void checkTextLiteral(const TypeSpec& type, const std::string& where) {
        if (type.kind == TypeKind::Literal && !type.literalValue().is_string()) {
            warning(where + "/value",
                    "the literal " + type.literalValue().dump() +
                        " never matches a parameter: parameters arrive as text; use a string "
                        "literal or an enum");
        }
        for (std::size_t i = 0; i < type.variants.size(); ++i)
            checkTextLiteral(type.variants[i], at(where + "/variants", i));
        if (type.items) checkTextLiteral(*type.items, where + "/items");
    }

    void checkResponses(const Endpoint& e, const std::string& where) {
        if (e.responses.empty()) {
            warning(where + "/responses", "no responses declared; the server answers 200 with an empty body");
            return;
        }
        std::set<int> statuses;
        for (std::size_t r = 0; r < e.responses.size(); ++r) {
            const Response& resp = e.responses[r];
            const std::string respAt = at(where + "/responses", r);
            if (!statuses.insert(resp.status).second) {
                error(respAt + "/status", "duplicate response status " + std::to_string(resp.status));
            }
            if (resp.body) checkType(*resp.body, respAt + "/body");
        }
        const Response* success = e.successResponse();
        if (!success)
            warning(where + "/responses", "no 2xx response: every successful call has nothing to answer");
        if (e.behaviour.response == ResponseSource::Example && success && !success->example) {
            error(where + "/behaviour/response", "answers with the example, but the " +
                                                     std::to_string(success->status) + " response has none");
        }
        if (e.behaviour.response == ResponseSource::Echo && !e.requestBody) {
            warning(where + "/behaviour/response", "echoes the request body, but the endpoint takes none");
        }
    }

    void checkBehaviour(const Endpoint& e, const std::string& where) {
        const Behaviour& b = e.behaviour;
        const std::string at = where + "/behaviour";
        if (b.latency.kind == Latency::Kind::Distribution) {
            if (b.latency.p50.count() <= 0) error(at + "/latency/p50", "p50 must be greater than 0");
            if (b.latency.p99 < b.latency.p50) error(at + "/latency/p99", "p99 must not be below p50");
        }
        if (b.batching.enabled && b.batching.maxBatch < 1)
            error(at + "/batching/max_batch", "must be at least 1");
        if (b.batching.enabled && b.batching.window.count() == 0 && b.batching.maxBatch > 1) {
            warning(at + "/batching/window", "a zero window never lets requests gather into a batch");
        }
    }

    void checkScenarios() {
        std::set<std::string> names;
        for (std::size_t i = 0; i < project_.scenarios.size(); ++i) {
            const Scenario& s = project_.scenarios[i];
            const std::string where = at("/scenarios", i);
            if (!names.insert(s.name).second)
                error(where + "/name", "duplicate scenario name " + inQuotes(s.name));
            for (std::size_t m = 0; m < s.mix.size(); ++m) {
                if (!project_.endpoint(s.mix[m].endpoint)) {
                    error(at(where + "/mix", m) + "/endpoint",
                          "unknown endpoint " + inQuotes(s.mix[m].endpoint));
                }
            }
            if (s.mix.empty() && project_.endpoints.empty() && s.target.kind == Target::Kind::Embedded) {
                error(where + "/mix", "the design has no endpoints to load");
            }
            if (s.bodyMode == BodyMode::Fixed && !s.fixedBody) {
                error(where + "/fixed_body", "body mode \"fixed\" needs a fixed_body");
            }
            if (s.bodyMode == BodyMode::InvalidShare && s.invalidShare <= 0) {
                warning(where + "/invalid_share",
                        "body mode \"invalid_share\" with a share of 0 sends only valid bodies");
            }
            for (std::size_t st = 0; st < s.stages.size(); ++st) {
                if (s.stages[st].duration.count() <= 0) {
                    error(at(where + "/stages", st) + "/duration", "a stage needs a duration greater than 0");
                }
            }
            if (s.stages.empty() && s.duration.count() <= 0 && s.maxRequests == 0) {
                error(where + "/duration", "the scenario needs a duration or a request count to stop");
            }
            if (s.warmup >= s.duration && s.stages.empty() && s.duration.count() > 0) {
                error(where + "/warmup",
                      "the warm-up is as long as the whole run; nothing would be measured");
            }
        }
    }

    const Project& project_;
    std::vector<Problem> problems_;
};

}  // namespace

std::vector<Problem> checkDesign(const Project& project) {
    return DesignChecker(project).run();
}

const char* toString(Severity severity) {
    return severity == Severity::Error ? "error" : "warning";
}

}  // namespace loadstar::model
