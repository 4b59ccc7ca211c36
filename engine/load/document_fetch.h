#pragma once

#include <chrono>

#include "engine/openapi/document_source.h"

namespace loadstar::load {

// How an OpenAPI document at an http(s):// URL is read, by `loadstar import`,
// `loadstar diff` and the workbench alike: one GET through httpGet, bounded by
// `timeout`, its body capped at the importer's document limit.
openapi::FetchUrl documentFetcher(std::chrono::milliseconds timeout, bool insecureTls = false);

}  // namespace loadstar::load
