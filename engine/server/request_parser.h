#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/beast/http/basic_parser.hpp>

namespace loadstar::server {

// One request's bytes, kept in buffers a connection reuses from request to request,
// so that parsing allocates nothing once they have grown to the traffic's size
// (a Beast message would allocate every header field and the body afresh).
// Fields are offsets into `text`, so a copy (handed to a worker thread) stays valid.
struct ParsedRequest {
    std::string text;  // method, target, then every field name and value, back to back
    std::size_t methodSize = 0;
    std::size_t targetSize = 0;
    std::vector<std::array<std::size_t, 4>> fields;  // name offset, name size, value offset, value size
    std::string body;
    int version = 11;
    bool keepAlive = true;
    bool hasBody = false;  // a Content-Length or chunked body was announced

    void clear();
    std::string_view method() const { return std::string_view(text).substr(0, methodSize); }
    std::string_view target() const { return std::string_view(text).substr(methodSize, targetSize); }
    // Replaces `out` with (name, value) views into this request.
    void headerViews(std::vector<std::pair<std::string_view, std::string_view>>& out) const;
};

// Beast's HTTP/1.1 request parser (limits, chunked bodies, pipelining, strictness)
// writing into a ParsedRequest instead of a message. One parser per request; the
// ParsedRequest outlives it and is cleared when the parser is made.
class RequestParser : public boost::beast::http::basic_parser<true> {
  public:
    explicit RequestParser(ParsedRequest& request) : request_(request) { request_.clear(); }

  private:
    using error_code = boost::beast::error_code;
    using string_view = boost::beast::string_view;

    void on_request_impl(boost::beast::http::verb, string_view method, string_view target, int version,
                         error_code&) override;
    void on_response_impl(int, string_view, int, error_code&) override {}
    void on_field_impl(boost::beast::http::field, string_view name, string_view value, error_code&) override;
    void on_header_impl(error_code&) override;
    void on_body_init_impl(const boost::optional<std::uint64_t>& contentLength, error_code&) override;
    std::size_t on_body_impl(string_view body, error_code&) override;
    void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
    std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code&) override;
    void on_finish_impl(error_code&) override;

    ParsedRequest& request_;
};

}  // namespace loadstar::server
