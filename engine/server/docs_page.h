#pragma once

#include <string>
#include <string_view>

#include "engine/model/json.h"
#include "engine/model/server_settings.h"

namespace loadstar::server {

// The /docs page: one self-contained HTML document (no CDN, no network beyond the
// server itself) that lists every operation of `openapi` with its parameters and
// schemas, and lets the user fill in a request, send it and read the response.
std::string docsPage(std::string_view title, const Json& openapi, const model::BuiltinPaths& builtins);

}  // namespace loadstar::server
