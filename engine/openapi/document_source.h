#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <variant>

#include "engine/openapi/document_set.h"

namespace loadstar::openapi {

// Fetches the body of an http:// or https:// URL. The engine's layers below the
// load engine speak no HTTP, so the caller hands one in (the CLI and the
// workbench pass load::httpGet).
using FetchUrl = std::function<std::variant<std::string, LoadFailure>(const std::string& url)>;

// Documents larger than this are refused before they are read (a real API's
// document is a few MB; the largest public ones stay well under this).
inline constexpr std::size_t kMaxDocumentBytes = std::size_t(64) << 20;

bool isUrl(std::string_view source);

// The text of the document a person named: a file, or an http(s):// URL read
// through `fetch` (empty `fetch`: URLs are refused).
std::variant<std::string, LoadFailure> readDocumentSource(const std::string& source, const FetchUrl& fetch,
                                                          std::size_t maxBytes = kMaxDocumentBytes);

// The loader for the $refs of a document: from a file, to other files by
// relative path (never to a URL: a local document does not reach out to the
// network); from a URL, to other documents on the same server (scheme, host and
// port) through `fetch`.
DocumentLoader documentLoader(FetchUrl fetch, std::size_t maxBytes = kMaxDocumentBytes);

// `reference` resolved against `base` (a URL), with "." and ".." segments
// removed, or nullopt-like "" when either is not an http(s) URL.
std::string resolveUrl(const std::string& base, const std::string& reference);

}  // namespace loadstar::openapi
