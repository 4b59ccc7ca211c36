#include "engine/server/schema_services.h"

#include "engine/openapi/exporter.h"

namespace loadstar::server {

SchemaServices projectSchemaServices(std::shared_ptr<const model::Project> project) {
    SchemaServices services;
    // A relative server URL: the document describes whichever address served it,
    // which with port 0 is only known after binding.
    services.openapiDocument = [project] {
        return openapi::exportDocument(*project, openapi::ExportOptions{{"/"}});
    };
    return services;
}

}  // namespace loadstar::server
