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

// Odd corners in one design: a model name OpenAPI does not allow, mixed and
// numeric enums, array bodies and responses, an optional body, a declared 401
// and 422, a method OpenAPI has no place for, a duplicate route, a model no
// endpoint uses, unicode and multi-line text.
model::Project oddCornersDesign();

}  // namespace loadstar::openapi::testing
