#pragma once

#include "engine/model/project.h"

namespace loadstar::openapi::testing {

// Designs built in code for the export tests, each standing for a kind of API.

// "Embedder API": POST /embed {"texts": [string]} -> {"vectors": [[number]]},
// plus an input-less GET /health.
model::Project embedderDesign();

// "Bookstore API": CRUD over books and authors with integer and uuid path ids,
// query filters with defaults, a header parameter, enums, formats, nested
// models, pagination, an API key on writes and a bearer token on deletes.
model::Project bookstoreDesign();

// One GET without input answering an example body.
model::Project helloDesign();

}  // namespace loadstar::openapi::testing
