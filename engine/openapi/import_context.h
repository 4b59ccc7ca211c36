#pragma once

#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "engine/model/project.h"
#include "engine/openapi/document_set.h"
#include "engine/openapi/importer.h"

namespace loadstar::openapi::detail {

enum class OpenApiVersion { V30, V31 };

// What the parts of one import share: the documents, the design being built, the
// findings, and the record of what was kept (for the statistics) and where each
// part of the design came from.
class ImportContext {
  public:
    ImportContext(DocumentSet& documents, OpenApiVersion version)
        : documents_(documents), version_(version) {}

    DocumentSet& documents() { return documents_; }
    OpenApiVersion version() const { return version_; }
    bool v31() const { return version_ == OpenApiVersion::V31; }
    model::Project& project() { return project_; }

    // Something the design cannot hold; the import goes on without it.
    void loss(const Place& place, std::string message);
    void loss(const Place& place, std::string_view key, std::string message);
    // Something that makes the document unusable (a $ref that does not resolve);
    // the import goes on to find the others, then fails.
    void error(const Place& place, std::string message);

    void keptProperty(const Place& property) {
        keptProperties_.insert(placeHash(property.document, property.pointer));
    }
    void keptConstraint(const Place& schema, std::string_view key) {
        keptConstraints_.insert(placeHash(schema.document, schema.pointer + "/" + escapePointerToken(key)));
    }
    const std::unordered_set<std::uint64_t>& keptProperties() const { return keptProperties_; }
    const std::unordered_set<std::uint64_t>& keptConstraints() const { return keptConstraints_; }

    // Schemas read from documents other than the imported one (their properties
    // and keywords count in the statistics).
    void schemaRead(const Place& schema) {
        if (schema.document != 0) externalSchemas_.push_back(schema);
    }
    const std::vector<Place>& externalSchemas() const { return externalSchemas_; }

    // Framework boilerplate the exporter writes again by itself (FastAPI's
    // validation error schemas): not counted as found (nor, unless something else
    // uses them and they are built, as kept).
    void excludeFromStatistics(const Place& schema) {
        excluded_.emplace_back(schema.document, schema.pointer);
    }
    const std::vector<std::pair<std::size_t, std::string>>& excludedFromStatistics() const {
        return excluded_;
    }

    void origin(std::string designKey, const Place& place);
    std::unordered_map<std::string, Origin> takeOrigins() { return std::move(origins_); }

    std::vector<ImportIssue> takeLosses() { return std::move(losses_); }
    const std::vector<ImportIssue>& errors() const { return errors_; }

  private:
    DocumentSet& documents_;
    OpenApiVersion version_;
    model::Project project_;
    std::vector<ImportIssue> losses_;
    std::vector<ImportIssue> errors_;
    std::set<std::pair<std::size_t, std::string>> reported_;
    std::unordered_set<std::uint64_t> keptProperties_;
    std::unordered_set<std::uint64_t> keptConstraints_;
    std::unordered_map<std::string, Origin> origins_;  // by design key ("field:Book/title")
    std::vector<Place> externalSchemas_;
    std::vector<std::pair<std::size_t, std::string>> excluded_;
};

}  // namespace loadstar::openapi::detail
