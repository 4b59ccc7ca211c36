#pragma once

#include <chrono>

#include "engine/openapi/document_source.h"

namespace loadstar::cli {

// How `import` and `diff` read an http(s):// document: one GET through the load
// engine's HTTP client, bounded by `timeout`.
openapi::FetchUrl urlFetcher(std::chrono::milliseconds timeout, bool insecureTls = false);

}  // namespace loadstar::cli
