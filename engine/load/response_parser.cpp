#include "engine/load/response_parser.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace loadstar::load {

namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
        if (x != b[i]) return false;
    }
    return true;
}

bool containsToken(std::string_view value, std::string_view token) {
    while (!value.empty()) {
        const std::size_t comma = value.find(',');
        std::string_view item = value.substr(0, comma);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t'))
            item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t'))
            item.remove_suffix(1);
        if (equalsIgnoringCase(item, token)) return true;
        if (comma == std::string_view::npos) break;
        value.remove_prefix(comma + 1);
    }
    return false;
}

}  // namespace

void ResponseParser::reset(bool noBody) {
    state_ = State::Head;
    noBody_ = noBody;
    started_ = false;
    keepAlive_ = true;
    status_ = 0;
    remaining_ = 0;
    bytes_ = 0;
    head_.clear();
    line_.clear();
    error_ = "";
}

ResponseParser::Result ResponseParser::fail(const char* message) {
    state_ = State::Failed;
    error_ = message;
    return Result::Error;
}

bool ResponseParser::takeLine(const char*& p, const char* end) {
    const char* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* stop = newline ? newline + 1 : end;
    line_.append(p, stop);
    p = stop;
    if (!newline) return false;
    line_.pop_back();
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    return true;
}

bool ResponseParser::parseHead(std::string_view head) {
    // Status line: HTTP/1.x SSS reason
    if (head.size() < 12 || head.substr(0, 7) != "HTTP/1." || head[8] != ' ') return false;
    const bool http10 = head[7] == '0';
    int status = 0;
    const auto [end, ec] = std::from_chars(head.data() + 9, head.data() + 12, status);
    if (ec != std::errc{} || end != head.data() + 12 || status < 100 || status > 999) return false;
    status_ = status;
    keepAlive_ = !http10;
    bool chunked = false;
    bool haveLength = false;
    std::uint64_t length = 0;

    std::size_t pos = head.find('\n') + 1;
    while (pos < head.size()) {
        std::size_t eol = head.find('\n', pos);
        if (eol == std::string_view::npos) eol = head.size();
        std::string_view line = head.substr(pos, eol - pos);
        pos = eol + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) break;
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) return false;
        const std::string_view name = line.substr(0, colon);
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix(1);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
            value.remove_suffix(1);
        if (equalsIgnoringCase(name, "content-length")) {
            std::uint64_t n = 0;
            const auto [vend, vec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (vec != std::errc{} || vend != value.data() + value.size()) return false;
            if (haveLength && n != length) return false;
            haveLength = true;
            length = n;
        } else if (equalsIgnoringCase(name, "transfer-encoding")) {
            chunked = containsToken(value, "chunked");
        } else if (equalsIgnoringCase(name, "connection")) {
            if (containsToken(value, "close")) keepAlive_ = false;
            if (containsToken(value, "keep-alive")) keepAlive_ = true;
        }
    }
    if (noBody_ || status_ == 204 || status_ == 304 || status_ < 200) {
        state_ = State::Done;
    } else if (chunked) {
        state_ = State::ChunkSize;
    } else if (haveLength) {
        remaining_ = length;
        state_ = length == 0 ? State::Done : State::Body;
    } else {
        keepAlive_ = false;
        state_ = State::UntilClose;
    }
    return true;
}

// The head split over reads (or an interim answer's head): gathered in head_ until
// its blank line. NeedMore: go on with the state it left.
ResponseParser::Result ResponseParser::headInPieces(const char*& p, const char* end) {
    const std::size_t before = head_.size();
    const std::size_t take = std::min<std::size_t>(static_cast<std::size_t>(end - p),
                                                   kMaxHeadBytes - std::min(before, kMaxHeadBytes));
    head_.append(p, take);
    const std::size_t from = before >= 3 ? before - 3 : 0;
    const std::size_t terminator = head_.find("\r\n\r\n", from);
    if (terminator == std::string::npos) {
        p += take;
        if (head_.size() >= kMaxHeadBytes) return fail("response head too large");
        if (head_.size() >= 5 && head_.compare(0, 5, "HTTP/") != 0) return fail("not an HTTP response");
        return Result::NeedMore;
    }
    const std::size_t headEnd = terminator + 4;
    p += headEnd - before;
    head_.resize(headEnd);
    if (!parseHead(head_)) return fail("malformed response head");
    bytes_ += headEnd;
    if (status_ < 200 && status_ != 101) {  // interim answer: the real one follows
        head_.clear();
        state_ = State::Head;
    }
    return Result::NeedMore;
}

// A chunk's size line (hex size, perhaps extensions). NeedMore: go on with the
// state it left.
ResponseParser::Result ResponseParser::chunkSizeLine(const char*& p, const char* end) {
    const char* lineStart = p;
    const bool complete = takeLine(p, end);
    bytes_ += static_cast<std::uint64_t>(p - lineStart);
    if (line_.size() > 1024) return fail("chunk size line too long");
    if (!complete) return Result::NeedMore;
    std::string_view sizeText(line_);
    sizeText = sizeText.substr(0, sizeText.find(';'));
    while (!sizeText.empty() && (sizeText.back() == ' ' || sizeText.back() == '\t'))
        sizeText.remove_suffix(1);
    std::uint64_t chunk = 0;
    const auto [cend, cec] = std::from_chars(sizeText.data(), sizeText.data() + sizeText.size(), chunk, 16);
    if (sizeText.empty() || cec != std::errc{} || cend != sizeText.data() + sizeText.size())
        return fail("malformed chunk size");
    line_.clear();
    remaining_ = chunk;
    state_ = chunk == 0 ? State::Trailer : State::ChunkData;
    return Result::NeedMore;
}

ResponseParser::Result ResponseParser::feed(const char* data, std::size_t size, std::size_t& consumed) {
    const char* p = data;
    const char* const end = data + size;
    if (size > 0) started_ = true;
    while (p < end || state_ == State::Done) {
        switch (state_) {
            case State::Head: {
                // The common case: the whole head in this read. Parsed where it lies, not copied.
                if (head_.empty()) {
                    const std::string_view chunk(
                        p, std::min<std::size_t>(static_cast<std::size_t>(end - p), kMaxHeadBytes));
                    const std::size_t terminator = chunk.find("\r\n\r\n");
                    if (terminator != std::string_view::npos) {
                        const std::size_t headEnd = terminator + 4;
                        if (!parseHead(chunk.substr(0, headEnd))) return fail("malformed response head");
                        p += headEnd;
                        bytes_ += headEnd;
                        if (status_ < 200 && status_ != 101)
                            state_ = State::Head;  // interim: the real one follows
                        break;
                    }
                }
                if (headInPieces(p, end) == Result::Error) return Result::Error;
                break;
            }
            case State::Body: {
                const std::uint64_t take =
                    std::min<std::uint64_t>(remaining_, static_cast<std::uint64_t>(end - p));
                p += take;
                remaining_ -= take;
                bytes_ += take;
                if (remaining_ == 0) state_ = State::Done;
                break;
            }
            case State::UntilClose:
                bytes_ += static_cast<std::uint64_t>(end - p);
                p = end;
                break;
            case State::ChunkSize:
                if (chunkSizeLine(p, end) == Result::Error) return Result::Error;
                break;
            case State::ChunkData: {
                const std::uint64_t take =
                    std::min<std::uint64_t>(remaining_, static_cast<std::uint64_t>(end - p));
                p += take;
                remaining_ -= take;
                bytes_ += take;
                if (remaining_ == 0) state_ = State::ChunkDataEnd;
                break;
            }
            case State::ChunkDataEnd: {
                const char* lineStart = p;
                const bool complete = takeLine(p, end);
                bytes_ += static_cast<std::uint64_t>(p - lineStart);
                if (!complete) {
                    if (!line_.empty() && line_ != "\r") return fail("chunk not followed by CRLF");
                    break;
                }
                if (!line_.empty()) return fail("chunk not followed by CRLF");
                state_ = State::ChunkSize;
                break;
            }
            case State::Trailer: {
                const char* lineStart = p;
                const bool complete = takeLine(p, end);
                bytes_ += static_cast<std::uint64_t>(p - lineStart);
                if (line_.size() > kMaxHeadBytes) return fail("trailer too large");
                if (!complete) break;
                if (line_.empty()) state_ = State::Done;
                line_.clear();
                break;
            }
            case State::Done:
                consumed = static_cast<std::size_t>(p - data);
                return Result::Complete;
            case State::Failed:
                return Result::Error;
        }
    }
    consumed = size;
    return Result::NeedMore;
}

ResponseParser::Result ResponseParser::finishAtEof() {
    if (state_ == State::UntilClose || state_ == State::Done) {
        state_ = State::Done;
        return Result::Complete;
    }
    return fail(started_ ? "connection closed mid-response" : "connection closed before a response");
}

}  // namespace loadstar::load
