#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/model/endpoint.h"
#include "engine/openapi/import_context.h"
#include "engine/openapi/schema_importer.h"
#include "engine/openapi/security_importer.h"

namespace loadstar::openapi::detail {

// paths -> endpoints: every operation with its parameters (the path item's
// merged in), JSON request body, responses per status and auth requirement.
class OperationImporter {
  public:
    OperationImporter(ImportContext& context, SchemaImporter& schemas, SecurityImporter& security)
        : context_(context), schemas_(schemas), security_(security) {}

    void importPaths();

    std::size_t operationsFound() const { return operationsFound_; }
    std::size_t parametersFound() const { return parametersFound_; }

  private:
    struct ParameterKey {
        std::string in;
        std::string name;
        auto operator<=>(const ParameterKey&) const = default;
    };

    void importPathItem(const std::string& path, const Place& item);
    void importOperation(const std::string& path, const std::string& method, const Place& operation,
                         const std::vector<Place>& pathParameters);
    std::vector<Place> parameterList(const Place& owner);
    std::optional<ParameterKey> parameterKey(const Place& parameter);
    std::optional<model::Parameter> parameter(const Place& parameter, const std::string& nameHint);
    std::optional<model::RequestBody> requestBody(const Place& body, const std::string& nameHint);
    void responses(const Place& responses, model::Endpoint& endpoint, bool takesInput);
    std::optional<model::Response> response(const Place& response, int status,
                                            const model::Endpoint& endpoint, bool takesInput);
    std::optional<Place> jsonMedia(const Place& content, const std::string& what);
    std::optional<Json> mediaExample(const Place& media);
    std::string endpointId(const Place& operation, const std::string& method, const std::string& path);
    void checkPathTemplate(model::Endpoint& endpoint, const Place& operation);

    ImportContext& context_;
    SchemaImporter& schemas_;
    SecurityImporter& security_;
    std::set<std::string> ids_;
    std::set<std::pair<std::string, std::string>> routes_;  // method, path shape
    std::size_t operationsFound_ = 0;
    std::size_t parametersFound_ = 0;
};

}  // namespace loadstar::openapi::detail
