#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace loadstar::load {

// An incremental HTTP/1.x response parser for the load generator. It keeps the
// head only until it is parsed and never keeps the body: body bytes are counted
// and dropped, so a connection needs one fixed read buffer and the parser's
// reused head buffer, and parsing allocates nothing once warm. Handles
// Content-Length, chunked bodies (with trailers), bodies ended by close, 1xx
// interim answers, and answers without a body (HEAD, 204, 304).
class ResponseParser {
  public:
    enum class Result { NeedMore, Complete, Error };

    // Before each request. `noBody`: the request was HEAD.
    void reset(bool noBody = false);

    // Consumes bytes of the answer; `consumed` tells how many were used (after
    // Complete the rest belongs to no answer we asked for).
    Result feed(const char* data, std::size_t size, std::size_t& consumed);
    // The peer closed the connection: Complete when the body runs until close.
    Result finishAtEof();

    int status() const { return status_; }
    bool keepAlive() const { return keepAlive_; }
    bool started() const { return started_; }  // any byte of the answer seen
    std::uint64_t bytes() const { return bytes_; }
    std::string_view error() const { return error_; }

    static constexpr std::size_t kMaxHeadBytes = 64 * 1024;

  private:
    enum class State { Head, Body, UntilClose, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Done, Failed };

    Result fail(const char* message);
    bool parseHead(std::string_view head);
    Result headInPieces(const char*& p, const char* end);
    Result chunkSizeLine(const char*& p, const char* end);
    // Accumulates one CRLF-terminated line into line_; true when complete.
    bool takeLine(const char*& p, const char* end);

    State state_ = State::Head;
    bool noBody_ = false;
    bool started_ = false;
    bool keepAlive_ = true;
    int status_ = 0;
    std::uint64_t remaining_ = 0;
    std::uint64_t bytes_ = 0;
    std::string head_;
    std::string line_;
    const char* error_ = "";
};

}  // namespace loadstar::load
