#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <variant>

namespace loadstar::load {

struct HttpGetOptions {
    std::chrono::milliseconds timeout{10000};  // for the whole exchange, redirects included
    std::size_t maxBodyBytes = std::size_t(64) << 20;
    int maxRedirects = 3;
    bool insecureTls = false;  // accept self-signed certificates (a local server)
};

// Why a GET failed, for a person ("timed out after 2s", "the server answered
// 404 Not Found", "connection refused").
struct HttpGetFailure {
    std::string message;
};

// One GET of an http:// or https:// URL (certificates checked against the
// system's store, host name verified), following a few redirects, with a
// deadline for everything and a cap on the body. For reading a document such as
// a server's /openapi.json; it sends no load, so any host may be asked.
std::variant<std::string, HttpGetFailure> httpGet(const std::string& url, const HttpGetOptions& options = {});

}  // namespace loadstar::load
