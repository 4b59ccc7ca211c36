#include "widgets/designer/request_preview.h"

#include <QCoreApplication>

#include "engine/openapi/exporter.h"
#include "engine/schema/sample_generator.h"

namespace loadstar::widgets {

PreviewPane::Result sampleRequestText(const std::shared_ptr<const model::Project>& project,
                                      const model::Endpoint& e) {
    schema::SampleGenerator samples(project, 1, schema::SampleOptions{});
    std::string path = e.path;
    std::string query;
    std::string headers;
    for (const model::Parameter& p : e.parameters) {
        if (!p.required && p.in != model::ParamLocation::Path && !p.example) continue;
        const Json value = samples.parameterValue(p);
        const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
        switch (p.in) {
            case model::ParamLocation::Path: {
                const std::string placeholder = "{" + p.name + "}";
                if (const auto at = path.find(placeholder); at != std::string::npos)
                    path.replace(at, placeholder.size(), text);
                break;
            }
            case model::ParamLocation::Query:
                query += (query.empty() ? "?" : "&") + p.name + "=" + text;
                break;
            case model::ParamLocation::Header:
                headers += p.name + ": " + text + "\n";
                break;
            case model::ParamLocation::Cookie:
                headers += "Cookie: " + p.name + "=" + text + "\n";
                break;
        }
    }
    const model::Auth& auth = project->server.auth;
    if (e.auth == model::AuthRequirement::ApiKey) {
        switch (auth.apiKeyIn) {
            case model::ApiKeyLocation::Header:
                headers += auth.apiKeyName + ": <key>\n";
                break;
            case model::ApiKeyLocation::Query:
                query += (query.empty() ? "?" : "&") + auth.apiKeyName + "=<key>";
                break;
            case model::ApiKeyLocation::Cookie:
                headers += "Cookie: " + auth.apiKeyName + "=<key>\n";
                break;
        }
    }
    if (e.auth == model::AuthRequirement::Bearer) headers += "Authorization: Bearer <token>\n";
    if (e.auth == model::AuthRequirement::Basic)
        headers += "Authorization: Basic <user:password in base64>\n";
    std::string text = e.method + " " + path + query + " HTTP/1.1\nHost: " + project->server.host + ":" +
                       std::to_string(project->server.port) + "\n" + headers;
    if (e.requestBody) {
        if (!samples.canGenerate(e.requestBody->type)) {
            return {{},
                    QCoreApplication::translate(
                        "EndpointEditor",
                        "No valid request body can be generated for this design (see Problems).")};
        }
        text +=
            "Content-Type: application/json\n\n" + openapi::toJsonText(samples.value(e.requestBody->type));
    }
    return {QString::fromStdString(text), {}};
}

}  // namespace loadstar::widgets
