#include "engine/server/schema_services.h"

#include "engine/openapi/exporter.h"
#include "engine/schema/sample_generator.h"
#include "engine/schema/validation_error.h"

namespace loadstar::server {

SchemaServices projectSchemaServices(std::shared_ptr<const model::Project> project) {
    SchemaServices services;
    auto validator = std::make_shared<const schema::RequestValidator>(
        project, schema::ValidatorOptions{project->server.limits.maxJsonDepth});
    services.validate = [validator](const model::Endpoint& endpoint,
                                    const RequestParts& parts) -> std::variant<ValidatedParts, Json> {
        auto outcome = validator->validate(endpoint, parts);
        if (auto* errors = std::get_if<std::vector<schema::ValidationError>>(&outcome)) {
            return schema::errorBody(*errors);
        }
        return std::get<schema::ValidatedRequest>(std::move(outcome));
    };
    services.canonicalBody = [validator](const model::Endpoint& endpoint, const RequestParts& parts) {
        return validator->canonicalBody(endpoint, parts);
    };
    // Generated responses are prepared once per endpoint, so a generator per call
    // costs nothing per request and keeps each endpoint's body a function of its seed.
    services.sample = [project](const model::TypeSpec& type, std::uint64_t seed) {
        schema::SampleGenerator generator(project, seed);
        return generator.value(type);
    };
    // A relative server URL: the document describes whichever address served it,
    // which with port 0 is only known after binding.
    services.openapiDocument = [project] {
        return openapi::exportDocument(*project, openapi::ExportOptions{{"/"}});
    };
    return services;
}

}  // namespace loadstar::server
