#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/model/json.h"
#include "engine/model/project.h"
#include "engine/openapi/document_parser.h"
#include "engine/openapi/document_set.h"

namespace loadstar::openapi {

// One finding of an import: a place in one of the documents (its location as
// the loader named it, and a JSON pointer or "line L, column C") and what
// happened there.
struct ImportIssue {
    std::string document;
    std::string where;
    std::string message;

    bool operator==(const ImportIssue&) const = default;
};

// What a document holds and how much of it the design keeps. Operations and
// parameters count per operation (path-level parameters once for each operation
// they apply to); properties and constraints count where they are written (a
// component used ten times counts once), over every schema of every document read.
struct ImportCounts {
    std::size_t operations = 0;
    std::size_t parameters = 0;
    std::size_t properties = 0;
    std::size_t constraints = 0;  // validation keywords: bounds, lengths, pattern, format, enum, ...

    bool operator==(const ImportCounts&) const = default;
};

struct ImportStatistics {
    ImportCounts found;
    ImportCounts kept;
};

// Where a part of the design came from: design pointer ("/models/2/fields/0",
// "/endpoints/4/parameters/1", "/endpoints/4/responses/0", ...) -> the place in
// a document.
struct Origin {
    std::string document;
    std::string pointer;

    bool operator==(const Origin&) const = default;
};
using OriginMap = std::map<std::string, Origin>;

struct ImportResult {
    model::Project project;
    std::string openapiVersion;       // as the document states it, e.g. "3.0.3"
    std::vector<ImportIssue> losses;  // what the design cannot hold, one per place
    ImportStatistics statistics;
    OriginMap origins;
};

// Why nothing was imported: the text is not JSON/YAML, the document is not
// OpenAPI 3.0/3.1 (Swagger 2.0 is named as such), or references do not resolve.
struct ImportFailure {
    std::vector<ImportIssue> errors;

    std::string toString() const;  // one "DOCUMENT:WHERE: message" line per error
};

// How a refusal that is a bug in Loadstar, not in the document, begins.
inline constexpr const char* kInternalError = "internal error while importing (please report it): ";

struct ImportOptions {
    DocumentLoader loader;  // for $refs to other documents; empty: only local ones
    ParseLimits limits;
};

// Imports an OpenAPI 3.0.x or 3.1.x document (JSON or YAML text) into a design.
// `location` names the document in issues and is the base of its relative
// $refs. Everything the model represents is imported; everything else is listed
// in `losses`, never dropped silently. Normalised on the way in (so that
// export(import(export(p))) == export(p)): models come in the document's
// order of components, the descriptions, summaries and responses FastAPI adds on
// its own (the 422 "Validation Error", 401 "Not authenticated", "Successful
// Response") are left to the exporter to add again, and a null default is no
// default.
std::variant<ImportResult, ImportFailure> importOpenApi(const std::string& location, std::string_view text,
                                                        const ImportOptions& options = {});
std::variant<ImportResult, ImportFailure> importOpenApiDocument(const std::string& location, Json document,
                                                                const ImportOptions& options = {});

}  // namespace loadstar::openapi
