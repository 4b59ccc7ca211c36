#include "engine/openapi/importer.h"

#include <charconv>

#include "engine/model/json_reader.h"
#include "engine/model/target_url.h"
#include "engine/openapi/document_census.h"
#include "engine/openapi/import_context.h"
#include "engine/openapi/operation_importer.h"
#include "engine/openapi/schema_importer.h"
#include "engine/openapi/security_importer.h"
#include "engine/schema/project_check.h"

namespace loadstar::openapi {

using detail::ImportContext;
using detail::OpenApiVersion;

namespace {

std::variant<ImportResult, ImportFailure> importChecked(const std::string& location, Json document,
                                                        const ImportOptions& options);

ImportFailure failure(const std::string& document, std::string where, std::string message) {
    return ImportFailure{{ImportIssue{document, std::move(where), std::move(message)}}};
}

// "3.0.3" -> 3.0, "3.1.0" -> 3.1; anything else is refused by the caller.
std::optional<OpenApiVersion> supportedVersion(const std::string& version) {
    const auto family = [&](std::string_view prefix) {
        if (!version.starts_with(prefix)) return false;
        const std::string_view rest = std::string_view(version).substr(prefix.size());
        if (rest.empty()) return true;
        if (rest.front() != '.' || rest.size() == 1) return false;
        for (const char c : rest.substr(1)) {
            if (c < '0' || c > '9') return false;
        }
        return true;
    };
    if (family("3.0")) return OpenApiVersion::V30;
    if (family("3.1")) return OpenApiVersion::V31;
    return std::nullopt;
}

std::variant<OpenApiVersion, ImportFailure> checkVersion(const std::string& location, const Json& document) {
    if (!document.is_object()) {
        return failure(location, "",
                       "not an OpenAPI document: the top level must be a map (openapi, info, paths)");
    }
    if (document.contains("swagger")) {
        return failure(
            location, "/swagger",
            "this is a Swagger 2.0 document; Loadstar imports OpenAPI 3.0 and 3.1 (convert it first, "
            "for example with swagger2openapi or editor.swagger.io's \"Convert to OpenAPI 3\")");
    }
    if (!document.contains("openapi")) {
        if (document.contains("asyncapi")) {
            return failure(location, "/asyncapi", "this is an AsyncAPI document, not OpenAPI");
        }
        return failure(location, "",
                       "not an OpenAPI document: there is no \"openapi\" version at the top (an OpenAPI 3 "
                       "document starts with openapi: 3.0.x or 3.1.x)");
    }
    const Json& version = document.at("openapi");
    if (!version.is_string()) {
        return failure(
            location, "/openapi",
            "the OpenAPI version must be text such as \"3.1.0\" (in YAML, quote it or write all three "
            "parts: 3.1.0), not " +
                version.dump());
    }
    const std::optional<OpenApiVersion> supported = supportedVersion(version.get<std::string>());
    if (!supported) {
        return failure(
            location, "/openapi",
            "OpenAPI " + version.get<std::string>() + " is not supported; Loadstar imports 3.0.x and 3.1.x");
    }
    return *supported;
}

void importInfo(ImportContext& context) {
    const Place root = context.documents().root();
    if (!root.value().contains("info") || !root.value().at("info").is_object()) {
        context.loss(root, "info",
                     "the document has no info (title, version); the design keeps its defaults");
        return;
    }
    const Place info = root.child("info");
    model::Project& project = context.project();
    for (const auto& [key, value] : info.value().items()) {
        if (key == "title" && value.is_string()) {
            project.name = value.get<std::string>();
        } else if (key == "version" && value.is_string()) {
            project.version = value.get<std::string>();
        } else if (key == "version" && value.is_number()) {
            project.version = value.dump();
        } else if (key == "description" && value.is_string()) {
            project.description = value.get<std::string>();
        } else {
            context.loss(info, key,
                         key.starts_with("x-") ? "the extension " + key + " is not kept"
                                               : "the " + key + " of the API is not kept");
        }
    }
}

// A lone plain http address on this machine (what the exporter writes for the
// embedded server) is where the design listens; other servers are the API's
// declared servers (url and description).
void importServers(ImportContext& context, const Place& servers) {
    if (!servers.value().is_array()) {
        context.loss(servers, "servers must be a list; not kept");
        return;
    }
    const Json& list = servers.value();
    if (list.size() == 1 && list.at(0).is_object() && list.at(0).size() == 1 && list.at(0).contains("url") &&
        list.at(0).at("url").is_string()) {
        const std::string url = list.at(0).at("url").get<std::string>();
        const auto parsed = model::parseHttpUrl(url);
        if (const auto* target = std::get_if<model::TargetUrl>(&parsed);
            target && !target->tls && target->target == "/" && !url.ends_with("/") &&
            model::isLoopbackLiteral(target->host) && url.find(':', 7) != std::string::npos) {
            context.project().server.host = target->host;
            context.project().server.port = target->port;
            return;
        }
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Place server = servers.at(i);
        const Json& value = server.value();
        if (!value.is_object() || !value.contains("url") || !value.at("url").is_string() ||
            value.at("url").get<std::string>().empty()) {
            context.loss(server, "a server needs a url; not kept");
            continue;
        }
        model::ApiServer kept{value.at("url").get<std::string>(), {}};
        for (const auto& [key, field] : value.items()) {
            if (key == "url") continue;
            if (key == "description" && field.is_string()) {
                kept.description = field.get<std::string>();
            } else if (key == "variables") {
                context.loss(server, key,
                             "server variables are not kept: the url keeps its {placeholders} as written");
            } else {
                context.loss(server, key,
                             key.starts_with("x-") ? "the extension " + key + " is not kept"
                                                   : "the keyword \"" + key + "\" is not kept");
            }
        }
        context.project().servers.push_back(std::move(kept));
    }
}

void reportTopLevel(ImportContext& context) {
    const Place root = context.documents().root();
    for (const auto& [key, value] : root.value().items()) {
        if (key == "openapi" || key == "info" || key == "paths" || key == "components" || key == "security")
            continue;
        if (key == "servers") {
            importServers(context, root.child(key));
        } else if (key == "webhooks" && value.is_object()) {
            const Place webhooks = root.child(key);
            for (const auto& [name, ignored] : value.items()) {
                context.loss(webhooks, name,
                             "webhooks are not kept: the design serves requests, it sends none");
            }
        } else if (key == "tags" && value.is_array()) {
            const Place tags = root.child(key);
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (value.at(i).is_object() && value.at(i).size() > 1) {
                    context.loss(tags.at(i),
                                 "the tag's description is not kept (operations keep their tags)");
                }
            }
        } else {
            context.loss(root, key,
                         key.starts_with("x-") ? "the extension " + key + " is not kept"
                                               : "the " + key + " of the document is not kept");
        }
    }
    if (!root.value().contains("components") || !root.value().at("components").is_object()) return;
    const Place components = root.child("components");
    for (const auto& [key, value] : components.value().items()) {
        if (key == "callbacks" || key == "links" || key == "pathItems" || key.starts_with("x-")) {
            if (value.is_object() && !value.empty())
                context.loss(components, key, "components/" + key + " are not kept");
        }
    }
}

// Where each part of the design came from, keyed by design pointer.
OriginMap designOrigins(const model::Project& project, std::unordered_map<std::string, Origin> byKey) {
    OriginMap out;
    const auto put = [&](const std::string& key, const std::string& pointer) {
        if (auto node = byKey.extract(key)) out.emplace(pointer, std::move(node.mapped()));
    };
    for (std::size_t m = 0; m < project.models.size(); ++m) {
        const model::Model& model = project.models[m];
        const std::string at = "/models/" + std::to_string(m);
        put("model:" + model.name, at);
        for (std::size_t f = 0; f < model.fields.size(); ++f)
            put("field:" + model.name + "/" + model.fields[f].name, at + "/fields/" + std::to_string(f));
    }
    for (std::size_t e = 0; e < project.endpoints.size(); ++e) {
        const model::Endpoint& endpoint = project.endpoints[e];
        const std::string at = "/endpoints/" + std::to_string(e);
        put("endpoint:" + endpoint.id, at);
        for (std::size_t p = 0; p < endpoint.parameters.size(); ++p) {
            const model::Parameter& parameter = endpoint.parameters[p];
            put("param:" + endpoint.id + "/" + model::toString(parameter.in) + "/" + parameter.name,
                at + "/parameters/" + std::to_string(p));
        }
        put("body:" + endpoint.id, at + "/request_body");
        for (std::size_t r = 0; r < endpoint.responses.size(); ++r) {
            put("response:" + endpoint.id + "/" + std::to_string(endpoint.responses[r].status),
                at + "/responses/" + std::to_string(r));
        }
    }
    return out;
}

// Examples and defaults that their own schema refuses would fail the design's
// checks; they are dropped and reported.
void dropInvalidValues(model::Project& project, const OriginMap& origins, std::vector<ImportIssue>& losses) {
    for (const model::Problem& problem : schema::checkDesignValues(project)) {
        if (problem.severity != model::Severity::Error) continue;
        const std::size_t slash = problem.location.rfind('/');
        const std::string owner = problem.location.substr(0, slash);
        const std::string what = problem.location.substr(slash + 1);
        std::vector<std::size_t> index;
        std::vector<std::string> parts;
        for (std::size_t start = 1; start <= owner.size();) {
            const std::size_t end = std::min(owner.find('/', start), owner.size());
            parts.push_back(owner.substr(start, end - start));
            start = end + 1;
        }
        const auto number = [](const std::string& text) {
            std::size_t n = 0;
            std::from_chars(text.data(), text.data() + text.size(), n);
            return n;
        };
        std::optional<Json>* value = nullptr;
        if (parts.size() == 4 && parts[0] == "models" && parts[2] == "fields") {
            model::Field& field = project.models[number(parts[1])].fields[number(parts[3])];
            value = what == "example" ? &field.example : &field.defaultValue;
        } else if (parts.size() == 4 && parts[0] == "endpoints" && parts[2] == "parameters") {
            model::Parameter& parameter = project.endpoints[number(parts[1])].parameters[number(parts[3])];
            value = what == "example" ? &parameter.example : &parameter.defaultValue;
        } else if (parts.size() == 4 && parts[0] == "endpoints" && parts[2] == "responses" &&
                   what == "example") {
            value = &project.endpoints[number(parts[1])].responses[number(parts[3])].example;
        }
        if (!value) continue;
        value->reset();
        const auto origin = origins.find(owner);
        losses.push_back(ImportIssue{origin == origins.end() ? std::string() : origin->second.document,
                                     origin == origins.end() ? owner : origin->second.pointer,
                                     problem.message + "; not kept"});
    }
}

ImportStatistics statistics(ImportContext& context, const detail::OperationImporter& operations) {
    detail::DocumentCensus census;
    census.skipped = context.excludedFromStatistics();
    census.countDocument(context.documents().root());
    for (const Place& schema : context.externalSchemas())
        census.countSchema(schema);
    // Whatever was kept was found, even where the census does not look.
    census.properties.insert(context.keptProperties().begin(), context.keptProperties().end());
    census.constraints.insert(context.keptConstraints().begin(), context.keptConstraints().end());

    ImportStatistics stats;
    stats.found.operations = operations.operationsFound();
    stats.found.parameters = operations.parametersFound();
    stats.found.properties = census.properties.size();
    stats.found.constraints = census.constraints.size();
    const model::Project& project = context.project();
    stats.kept.operations = project.endpoints.size();
    for (const model::Endpoint& endpoint : project.endpoints)
        stats.kept.parameters += endpoint.parameters.size();
    stats.kept.properties = context.keptProperties().size();
    stats.kept.constraints = context.keptConstraints().size();
    return stats;
}

}  // namespace

std::string ImportFailure::toString() const {
    std::string text;
    for (const ImportIssue& error : errors) {
        text += error.document;
        if (!error.where.empty()) text += ":" + error.where;
        text += ": " + error.message + "\n";
    }
    return text;
}

std::variant<ImportResult, ImportFailure> importOpenApi(const std::string& location, std::string_view text,
                                                        const ImportOptions& options) {
    auto parsed = parseDocumentText(text, options.limits);
    if (const auto* error = std::get_if<SyntaxError>(&parsed))
        return failure(location, error->where(), error->message);
    return importOpenApiDocument(location, std::get<Json>(std::move(parsed)), options);
}

std::variant<ImportResult, ImportFailure> importOpenApiDocument(const std::string& location, Json document,
                                                                const ImportOptions& options) {
    try {
        return importChecked(location, std::move(document), options);
    } catch (const std::exception& e) {
        // Every shape of input is meant to be handled above; reaching here is a bug, but
        // the user still gets a refusal rather than a crash (the fuzzer treats it as a finding).
        return failure(location, "", std::string(kInternalError) + e.what());
    }
}

namespace {

std::variant<ImportResult, ImportFailure> importChecked(const std::string& location, Json document,
                                                        const ImportOptions& options) {
    auto version = checkVersion(location, document);
    if (auto* refused = std::get_if<ImportFailure>(&version)) return std::move(*refused);
    const std::string versionText = document.at("openapi").get<std::string>();

    ImportResult result;
    {
        DocumentSet documents(location, std::move(document), options.loader, options.limits);
        ImportContext context(documents, std::get<OpenApiVersion>(version));
        importInfo(context);
        detail::SecurityImporter security(context);
        security.importSchemes();
        detail::SchemaImporter schemas(context);
        schemas.importComponents();
        detail::OperationImporter operations(context, schemas, security);
        operations.importPaths();
        schemas.reportNamedTypes();
        schemas.finishDiscriminators();
        reportTopLevel(context);
        if (!context.errors().empty()) return ImportFailure{context.errors()};
        result.openapiVersion = versionText;
        result.statistics = statistics(context, operations);
        result.losses = context.takeLosses();
        result.project = std::move(context.project());
        result.origins = designOrigins(result.project, context.takeOrigins());
    }  // the documents go before the design is checked, which copies it
    dropInvalidValues(result.project, result.origins, result.losses);
    return result;
}

}  // namespace

}  // namespace loadstar::openapi
