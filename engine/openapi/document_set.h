#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <variant>

#include "engine/model/json.h"
#include "engine/openapi/document_parser.h"

namespace loadstar::openapi {

// Why a document that a $ref names could not be had, for a person to read.
struct LoadFailure {
    std::string message;
};

// How the importer reaches the documents that `$ref`s name beside the one being
// imported. The caller decides what may be followed (files next to a local
// document, the same server for a fetched one) and how to read it; without a
// loader only references inside the document resolve.
struct DocumentLoader {
    // The canonical location of `reference` (a $ref's part before '#') seen from
    // the document at `base`, or why it is not followed.
    std::function<std::variant<std::string, LoadFailure>(const std::string& base,
                                                         const std::string& reference)>
        locate;
    // The text at a location that locate() returned.
    std::function<std::variant<std::string, LoadFailure>(const std::string& location)> read;
};

// A value in one of the documents, and where it is.
struct Place {
    const Json* node = nullptr;
    std::size_t document = 0;  // index in the DocumentSet; 0 is the imported document
    std::string pointer;       // JSON pointer inside that document ("" for its root)

    const Json& value() const { return *node; }
    Place child(std::string_view key) const;  // requires an object holding `key`
    // The member `key` whose value is already at hand (iterating an object):
    // no lookup, which is linear in an ordered object.
    Place entry(std::string_view key, const Json& member) const;
    Place at(std::size_t index) const;  // requires an array
};

// A place as a number, for counting distinct places without keeping their
// pointers (a large document has millions of them).
std::uint64_t placeHash(std::size_t document, std::string_view pointer);

// JSON pointer escaping of one reference token (~ -> ~0, / -> ~1).
std::string escapePointerToken(std::string_view token);

// The imported document and the ones its `$ref`s reach, loaded once each.
class DocumentSet {
  public:
    DocumentSet(std::string location, Json root, DocumentLoader loader, ParseLimits limits);

    Place root() const;
    const std::string& location(std::size_t document) const { return documents_[document].location; }
    std::size_t size() const { return documents_.size(); }
    const Json& document(std::size_t index) const { return documents_[index].root; }

    // Follows `$ref`s from `place` until a value that is not a reference, or says
    // why it cannot (a missing target, an unreadable file, a cycle of references).
    // A place without "$ref" comes back as it is.
    std::variant<Place, std::string> resolve(const Place& place);

    // The target of one reference string seen from `document`, without following
    // a reference found there.
    std::variant<Place, std::string> target(std::size_t document, const std::string& reference);

  private:
    struct Document {
        std::string location;
        Json root;
    };

    std::variant<std::size_t, std::string> load(std::size_t from, const std::string& reference);

    std::deque<Document> documents_;  // a deque: Places point into it while it grows
    std::map<std::string, std::variant<std::size_t, std::string>> byLocation_;
    DocumentLoader loader_;
    ParseLimits limits_;
};

}  // namespace loadstar::openapi
