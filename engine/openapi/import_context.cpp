#include "engine/openapi/import_context.h"

namespace loadstar::openapi::detail {

void ImportContext::loss(const Place& place, std::string message) {
    // A schema read twice (a path-level parameter in two operations, a named type
    // written inline at each use) reports its losses once.
    if (!reported_.emplace(place.document, place.pointer + "\n" + message).second) return;
    losses_.push_back(ImportIssue{documents_.location(place.document), place.pointer, std::move(message)});
}

void ImportContext::loss(const Place& place, std::string_view key, std::string message) {
    loss(Place{place.node, place.document, place.pointer + "/" + escapePointerToken(key)},
         std::move(message));
}

void ImportContext::error(const Place& place, std::string message) {
    for (const ImportIssue& known : errors_) {
        if (known.where == place.pointer && known.document == documents_.location(place.document)) return;
    }
    errors_.push_back(ImportIssue{documents_.location(place.document), place.pointer, std::move(message)});
}

void ImportContext::origin(std::string designKey, const Place& place) {
    origins_.try_emplace(std::move(designKey), Origin{documents_.location(place.document), place.pointer});
}

}  // namespace loadstar::openapi::detail
