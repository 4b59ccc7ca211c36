#include "engine/server/prepared_response.h"

namespace loadstar::server {

std::string_view reasonPhrase(int status) {
    switch (status) {
        case 100:
            return "Continue";
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 202:
            return "Accepted";
        case 204:
            return "No Content";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 304:
            return "Not Modified";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 413:
            return "Content Too Large";
        case 414:
            return "URI Too Long";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Content";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        case 505:
            return "HTTP Version Not Supported";
        default:
            return "Unknown";
    }
}

bool statusHasBody(int status) {
    return status >= 200 && status != 204 && status != 304;
}

std::shared_ptr<const PreparedResponse> prepareResponse(int status, std::string_view contentType,
                                                        std::string body, const Headers& headers) {
    auto response = std::make_shared<PreparedResponse>();
    response->status = status;
    std::string& head = response->head;
    head.reserve(128);
    head += "HTTP/1.1 ";
    head += std::to_string(status);
    head += ' ';
    head += reasonPhrase(status);
    head += "\r\nServer: loadstar\r\n";
    if (statusHasBody(status)) {
        if (!contentType.empty()) {
            head += "Content-Type: ";
            head += contentType;
            head += "\r\n";
        }
        head += "Content-Length: ";
        head += std::to_string(body.size());
        head += "\r\n";
        response->body = std::move(body);
    }
    for (const auto& [name, value] : headers) {
        head += name;
        head += ": ";
        head += value;
        head += "\r\n";
    }
    return response;
}

}  // namespace loadstar::server
