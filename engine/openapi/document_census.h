#pragma once

#include <cstddef>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "engine/openapi/document_set.h"

namespace loadstar::openapi::detail {

// The properties and validation keywords a document writes, each counted once
// where it is written, whether the importer keeps it or not: the denominator of
// the import's statistics. Schemas are found by their places in OpenAPI's
// structure (parameters, bodies, responses, headers, components, callbacks,
// webhooks) and in JSON Schema's (properties, items, allOf, ...); examples,
// defaults and extensions are never mistaken for schemas.
struct DocumentCensus {
    std::unordered_set<std::uint64_t> properties;              // placeHash of each property
    std::unordered_set<std::uint64_t> constraints;             // placeHash of each keyword
    std::vector<std::pair<std::size_t, std::string>> skipped;  // schemas not to count (framework boilerplate)

    void countDocument(const Place& root);
    void countSchema(const Place& schema, int depth = 0);

  private:
    void countPathItem(const Place& item);
    void countOperation(const Place& operation);
    void countContent(const Place& content);
    void countParameterLike(const Place& parameter);  // parameters and headers
    void countEach(const Place& map, void (DocumentCensus::*count)(const Place&));
};

// The validation keywords counted as constraints.
bool isConstraintKeyword(std::string_view key, const Json& value);

}  // namespace loadstar::openapi::detail
