#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace loadstar::server {

// A response serialized once and shared by every request that answers with it:
// `head` is the status line and the fixed headers (each ending in CRLF, without the
// blank line), `body` the bytes after it. The session adds per-request headers
// (Date, Server-Timing, Connection, CORS) between the two.
struct PreparedResponse {
    int status = 200;
    std::string head;
    std::string body;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// Content-Length is set from the body, except for statuses that never carry one.
std::shared_ptr<const PreparedResponse> prepareResponse(int status, std::string_view contentType,
                                                        std::string body, const Headers& headers = {});

// "OK", "Not Found", ... ("Unknown" for codes HTTP does not name).
std::string_view reasonPhrase(int status);

// 1xx, 204 and 304 responses have no body and no Content-Length.
bool statusHasBody(int status);

}  // namespace loadstar::server
