#include "engine/load/response_parser.h"

#include <gtest/gtest.h>

namespace loadstar::load {
namespace {

using Result = ResponseParser::Result;

struct Parsed {
    Result result = Result::NeedMore;
    std::size_t consumed = 0;
    int status = 0;
    bool keepAlive = false;
    std::uint64_t bytes = 0;
};

// Feeds `text` in pieces of `step` bytes, as a socket might deliver it.
Parsed parse(const std::string& text, std::size_t step, bool head = false) {
    ResponseParser p;
    p.reset(head);
    Parsed out;
    for (std::size_t at = 0; at < text.size(); at += step) {
        std::size_t used = 0;
        const std::size_t n = std::min(step, text.size() - at);
        out.result = p.feed(text.data() + at, n, used);
        if (out.result != Result::NeedMore) {
            out.consumed = at + used;
            break;
        }
    }
    out.status = p.status();
    out.keepAlive = p.keepAlive();
    out.bytes = p.bytes();
    return out;
}

TEST(ResponseParser, ParsesWholeAndSplitAnswers) {
    struct Case {
        const char* name;
        std::string text;
        int status;
        bool keepAlive;
    };
    const Case cases[] = {
        {"content-length", "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n{\"msg\":\"hi\"}", 200, true},
        {"no body", "HTTP/1.1 204 No Content\r\n\r\n", 204, true},
        {"close", "HTTP/1.1 503 Busy\r\nconnection: Close\r\ncontent-length: 0\r\n\r\n", 503, false},
        {"http/1.0", "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, false},
        {"http/1.0 keep-alive", "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok",
         200, true},
        {"chunked",
         "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;x=y\r\n, world\r\n0\r\n\r\n",
         200, true},
        {"chunked trailers",
         "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\nA\r\n0123456789\r\n0\r\nX-T: 1\r\nY: "
         "2\r\n\r\n",
         200, true},
        {"interim 100", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", 201,
         true},
        {"422", "HTTP/1.1 422 Unprocessable Entity\r\nContent-Length: 3\r\n\r\n{ }", 422, true},
    };
    for (const Case& c : cases) {
        for (const std::size_t step : {c.text.size(), std::size_t{1}, std::size_t{7}}) {
            const Parsed p = parse(c.text, step);
            EXPECT_EQ(p.result, Result::Complete) << c.name << " step " << step;
            EXPECT_EQ(p.consumed, c.text.size()) << c.name << " step " << step;
            EXPECT_EQ(p.status, c.status) << c.name;
            EXPECT_EQ(p.keepAlive, c.keepAlive) << c.name;
            EXPECT_EQ(p.bytes, c.text.size()) << c.name;
        }
    }
}

TEST(ResponseParser, StopsAtTheEndOfOneAnswer) {
    const std::string two = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 200 OK\r\n";
    const Parsed p = parse(two, two.size());
    EXPECT_EQ(p.result, Result::Complete);
    EXPECT_EQ(p.consumed, 39u);
}

TEST(ResponseParser, HeadAnswersHaveNoBody) {
    const Parsed p = parse("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", 5, true);
    EXPECT_EQ(p.result, Result::Complete);
}

TEST(ResponseParser, BodyUntilCloseEndsAtEof) {
    ResponseParser p;
    p.reset();
    const std::string text = "HTTP/1.1 200 OK\r\n\r\nsome body";
    std::size_t used = 0;
    EXPECT_EQ(p.feed(text.data(), text.size(), used), Result::NeedMore);
    EXPECT_FALSE(p.keepAlive());
    EXPECT_EQ(p.finishAtEof(), Result::Complete);
    EXPECT_EQ(p.bytes(), text.size());
}

TEST(ResponseParser, EofBeforeTheEndIsAnError) {
    ResponseParser p;
    p.reset();
    EXPECT_EQ(p.finishAtEof(), Result::Error);
    EXPECT_EQ(p.error(), "connection closed before a response");
    const std::string text = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc";
    std::size_t used = 0;
    p.reset();
    EXPECT_EQ(p.feed(text.data(), text.size(), used), Result::NeedMore);
    EXPECT_EQ(p.finishAtEof(), Result::Error);
    EXPECT_EQ(p.error(), "connection closed mid-response");
}

TEST(ResponseParser, RefusesGarbage) {
    const char* bad[] = {
        "SSH-2.0-OpenSSH_9.2\r\n\r\n",
        "HTTP/1.1 2x0 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY",
        "<html>",
    };
    for (const char* text : bad) {
        for (const std::size_t step : {std::string(text).size(), std::size_t{1}}) {
            EXPECT_EQ(parse(text, step).result, Result::Error) << text << " step " << step;
        }
    }
}

TEST(ResponseParser, RefusesAnEndlessHead) {
    ResponseParser p;
    p.reset();
    const std::string line = "X-Filler: " + std::string(1000, 'x') + "\r\n";
    std::size_t used = 0;
    std::string start = "HTTP/1.1 200 OK\r\n";
    EXPECT_EQ(p.feed(start.data(), start.size(), used), Result::NeedMore);
    Result r = Result::NeedMore;
    for (int i = 0; i < 100 && r == Result::NeedMore; ++i)
        r = p.feed(line.data(), line.size(), used);
    EXPECT_EQ(r, Result::Error);
    EXPECT_EQ(p.error(), "response head too large");
}

}  // namespace
}  // namespace loadstar::load
