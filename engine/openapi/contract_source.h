#pragma once

#include <string>
#include <variant>
#include <vector>

#include "engine/model/project.h"
#include "engine/openapi/document_source.h"
#include "engine/openapi/importer.h"

namespace loadstar::openapi {

// One side of a comparison: a design read from a project file, or imported
// from an OpenAPI document (file or URL).
struct Contract {
    std::string source;  // as the person named it
    model::Project project;
    bool fromOpenApi = false;
    OriginMap origins;  // OpenAPI sources: design pointer -> place in the document
};

// Reads SOURCE as a Loadstar project when it is one (a JSON object with a
// "loadstar" format version), else imports it as OpenAPI 3.0/3.1.
std::variant<Contract, ImportFailure> loadContract(const std::string& source, const FetchUrl& fetch);

// A contract made from a design in memory (the workbench's open project).
Contract contractFromProject(std::string source, model::Project project);

// Where a design pointer of this side is in its own source: itself for a
// project; for a document, the place the nearest imported part came from
// ("/models/2/fields/0" -> "/components/schemas/Book/properties/title").
Origin sourcePlace(const Contract& contract, const std::string& designPointer);

}  // namespace loadstar::openapi
