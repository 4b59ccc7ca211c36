#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "engine/server/prepared_response.h"

namespace loadstar::server {

// The API documentation FastAPI serves, from files embedded at build time
// (resources/api-docs): Swagger UI at /docs, ReDoc at /redoc, their scripts, styles
// and icon under kDocsAssetsPath. Nothing comes from a CDN: the pages work offline.

inline constexpr std::string_view kDocsAssetsPath = "/_loadstar/static/";

// Sent with both pages: the browser loads nothing from any other origin. ReDoc's
// menu links its logo from cdn.redoc.ly; this keeps that request from being made
// (the image hides itself when it fails), so the pages are offline by construction.
inline constexpr std::string_view kDocsContentSecurityPolicy =
    "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:";

struct DocsAsset {
    std::string_view name;  // the file name under kDocsAssetsPath, e.g. "swagger-ui-bundle.js"
    std::string_view contentType;
    std::string_view bytes;
};

// Every file served under kDocsAssetsPath; an index into this list names one.
std::span<const DocsAsset> docsAssets();

// The response for docsAssets()[index], built once per process and kept for its life.
const std::shared_ptr<const PreparedResponse>& docsAssetResponse(std::size_t index);

// The versions of swagger-ui-dist and redoc embedded (resources/api-docs/package-lock.json).
std::string_view swaggerUiVersion();
std::string_view redocVersion();

// The pages, titled after the design, reading the OpenAPI document at `openapiUrl`
// (a path on the same server, so that "Try it out" sends to the server itself).
std::string swaggerUiPage(std::string_view title, std::string_view openapiUrl);
std::string redocPage(std::string_view title, std::string_view openapiUrl);

}  // namespace loadstar::server
