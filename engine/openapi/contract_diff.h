#pragma once

#include <string>
#include <vector>

#include "engine/model/project.h"

namespace loadstar::openapi {

// What a change means for a client written against the old contract.
enum class ChangeClass {
    Breaking,     // such a client can fail: a request it sends is refused, or a response surprises it
    NonBreaking,  // such a client keeps working; new clients can do more
    DocsOnly,     // descriptions, summaries, examples, titles: nothing on the wire changes
};

// One change between two designs. Pointers are design pointers into each side's
// project ("/endpoints/3/parameters/1", "/models/2/fields/0"); empty on the side
// where the thing does not exist. A change inside a model names every operation
// whose requests or responses carry it.
struct Change {
    ChangeClass kind = ChangeClass::NonBreaking;
    std::string id;       // a stable name for the rule, e.g. "request-property-required-added"
    std::string message;  // for a person: "request property \"title\" of BookCreate: maxLength lowered from
                          // 100 to 50"
    std::string oldPointer;
    std::string newPointer;
    std::vector<std::string> operations;  // "GET /books/{book_id}", in the new design's order

    bool operator==(const Change&) const = default;
};

// Every change from `before` to `after` that a client of the API can see or
// read: operations (matched by method and path, path parameters by position, so
// renaming one is no change), parameters, request bodies, responses per status,
// auth, and the models they carry (compared structurally wherever they are used,
// so renaming a model is no change). A model used in requests and responses is
// judged once per direction: a tighter maxLength breaks requests, a looser one
// breaks responses. Models no operation uses are not part of the contract. The
// rules follow oasdiff's where the issue leaves them open (see docs/openapi.md).
std::vector<Change> diffContracts(const model::Project& before, const model::Project& after);

const char* toString(ChangeClass kind);  // "breaking", "non-breaking", "docs-only"

}  // namespace loadstar::openapi
