#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/model/json.h"
#include "engine/openapi/contract_diff.h"
#include "engine/openapi/contract_source.h"

namespace loadstar::openapi {

struct ChangeCounts {
    std::size_t breaking = 0;
    std::size_t nonBreaking = 0;
    std::size_t docsOnly = 0;
};
ChangeCounts countChanges(const std::vector<Change>& changes);

// One line per change, compiler style, at its place in the new source (the old
// one for what was removed), breaking changes first:
//   new.yaml:/paths/~1books/post/requestBody: breaking: request body is now required [POST /books]
// then a summary line.
std::string diffText(const std::vector<Change>& changes, const Contract& before, const Contract& after);

// {"summary": {...}, "changes": [{"class", "id", "message", "operations", "old": {document, pointer}, "new":
// ...}]}
Json diffJson(const std::vector<Change>& changes, const Contract& before, const Contract& after);

// A pull-request comment: a verdict line, then the changes grouped by class.
std::string diffMarkdown(const std::vector<Change>& changes, const Contract& before, const Contract& after);

}  // namespace loadstar::openapi
