#include "engine/server/schema_services.h"

namespace loadstar::server {

SchemaServices projectSchemaServices(std::shared_ptr<const model::Project>) {
    return {};
}

}  // namespace loadstar::server
