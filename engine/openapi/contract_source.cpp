#include "engine/openapi/contract_source.h"

#include "engine/model/project_file.h"

namespace loadstar::openapi {

std::variant<Contract, ImportFailure> loadContract(const std::string& source, const FetchUrl& fetch) {
    auto text = readDocumentSource(source, fetch);
    if (const auto* failure = std::get_if<LoadFailure>(&text)) {
        return ImportFailure{{ImportIssue{source, "", failure->message}}};
    }
    auto parsed = parseDocumentText(std::get<std::string>(text));
    if (const auto* error = std::get_if<SyntaxError>(&parsed)) {
        return ImportFailure{{ImportIssue{source, error->where(), error->message}}};
    }
    Json document = std::get<Json>(std::move(parsed));
    if (document.is_object() && document.contains("loadstar")) {
        auto project = model::projectFromJson(document);
        if (const auto* error = std::get_if<model::ProjectError>(&project)) {
            return ImportFailure{{ImportIssue{source, error->where, error->message}}};
        }
        return contractFromProject(source, std::get<model::Project>(std::move(project)));
    }
    ImportOptions options;
    options.loader = documentLoader(fetch);
    auto imported = importOpenApiDocument(source, std::move(document), options);
    if (auto* failure = std::get_if<ImportFailure>(&imported)) return std::move(*failure);
    ImportResult& result = std::get<ImportResult>(imported);
    Contract contract;
    contract.source = source;
    contract.project = std::move(result.project);
    contract.fromOpenApi = true;
    contract.origins = std::move(result.origins);
    return contract;
}

Contract contractFromProject(std::string source, model::Project project) {
    Contract contract;
    contract.source = std::move(source);
    contract.project = std::move(project);
    return contract;
}

Origin sourcePlace(const Contract& contract, const std::string& designPointer) {
    if (!contract.fromOpenApi) return Origin{contract.source, designPointer};
    if (designPointer == "/name") return Origin{contract.source, "/info/title"};
    if (designPointer == "/version") return Origin{contract.source, "/info/version"};
    if (designPointer == "/description") return Origin{contract.source, "/info/description"};
    if (designPointer == "/server/auth") return Origin{contract.source, "/components/securitySchemes"};
    std::string pointer = designPointer;
    while (!pointer.empty()) {
        if (const auto found = contract.origins.find(pointer); found != contract.origins.end())
            return found->second;
        pointer = pointer.substr(0, pointer.rfind('/'));
    }
    return Origin{contract.source, ""};
}

}  // namespace loadstar::openapi
