#include "engine/model/target_url.h"

#include <gtest/gtest.h>

namespace loadstar::model {
namespace {

TEST(TargetUrl, SplitsUrls) {
    struct Case {
        const char* text;
        bool tls;
        const char* host;
        std::uint16_t port;
        const char* target;
        const char* hostHeader;
    };
    const Case cases[] = {
        {"http://127.0.0.1:8080/hello", false, "127.0.0.1", 8080, "/hello", "127.0.0.1:8080"},
        {"http://localhost", false, "localhost", 80, "/", "localhost"},
        {"https://example.test/a/b?x=1&y=2#frag", true, "example.test", 443, "/a/b?x=1&y=2", "example.test"},
        {"https://example.test:8443", true, "example.test", 8443, "/", "example.test:8443"},
        {"http://[::1]:9000/v1", false, "::1", 9000, "/v1", "[::1]:9000"},
        {"http://[::1]/", false, "::1", 80, "/", "[::1]"},
        {"http://h?q=1", false, "h", 80, "/?q=1", "h"},
    };
    for (const Case& c : cases) {
        const auto parsed = parseTargetUrl(c.text);
        ASSERT_TRUE(std::holds_alternative<TargetUrl>(parsed))
            << c.text << ": " << std::get<std::string>(parsed);
        const TargetUrl& u = std::get<TargetUrl>(parsed);
        EXPECT_EQ(u.tls, c.tls) << c.text;
        EXPECT_EQ(u.host, c.host) << c.text;
        EXPECT_EQ(u.port, c.port) << c.text;
        EXPECT_EQ(u.target, c.target) << c.text;
        EXPECT_EQ(u.hostHeader(), c.hostHeader) << c.text;
    }
}

TEST(TargetUrl, RefusesWhatItCannotDrive) {
    const std::pair<const char*, const char*> cases[] = {
        {"ftp://x/", "expected a URL starting with http:// or https://"},
        {"127.0.0.1:80", "expected a URL starting with http:// or https://"},
        {"http:///path", "the URL has no host"},
        {"http://h:0/", "bad port \"0\""},
        {"http://h:70000/", "bad port \"70000\""},
        {"http://h:/", "bad port \"\""},
        {"http://[::1/", "unclosed '[' in an IPv6 address"},
        {"http://u:p@h/", "user information in URLs is not supported"},
    };
    for (const auto& [text, message] : cases) {
        const auto parsed = parseTargetUrl(text);
        ASSERT_TRUE(std::holds_alternative<std::string>(parsed)) << text;
        EXPECT_EQ(std::get<std::string>(parsed), message) << text;
    }
}

TEST(TargetUrl, LiteralAddressesOutsideLoopbackAreRefusedUnlessAllowedByName) {
    for (const char* text :
         {"http://10.1.2.3/", "https://192.168.0.10:8443/x", "http://0.0.0.0:8000/", "http://[2001:db8::1]/",
          "http://[::]/", "http://[::ffff:10.0.0.1]/", "http://128.0.0.1/"}) {
        const auto parsed = parseTargetUrl(text);
        ASSERT_TRUE(std::holds_alternative<TargetUrl>(parsed)) << text << ": parsing applies no policy";
        const std::string& host = std::get<TargetUrl>(parsed).host;
        const auto refusal = loopbackRefusal(host);
        ASSERT_TRUE(refusal.has_value()) << text;
        EXPECT_EQ(*refusal, host + " is not a loopback address; " + std::string(kLoopbackOnly));
        EXPECT_FALSE(loopbackRefusal(host, host).has_value()) << text << ": allowed by name";
    }
    EXPECT_EQ(
        loopbackRefusal("10.1.2.3"),
        "10.1.2.3 is not a loopback address; Loadstar sends load only to this machine (127.0.0.0/8, ::1) "
        "or to a host allowed by name");
    EXPECT_EQ(loopbackRefusal("10.1.2.3", "10.1.2.4"), "10.1.2.3 is not a loopback address; " +
                                                           std::string(kLoopbackOnly) +
                                                           " (the host allowed is 10.1.2.4)");
    EXPECT_FALSE(loopbackRefusal("2001:db8::1", "[2001:DB8:0::1]").has_value());
    for (const char* host :
         {"127.0.0.1", "127.255.0.9", "::1", "::ffff:127.0.0.2", "localhost", "some-name"}) {
        EXPECT_FALSE(loopbackRefusal(host).has_value()) << host << ": names are checked when resolved";
    }
}

TEST(TargetUrl, SameHostComparesAsAPersonMeansIt) {
    EXPECT_TRUE(sameHost("Staging.Example.com", "staging.example.COM"));
    EXPECT_TRUE(sameHost("::1", "[0:0:0:0:0:0:0:1]"));
    EXPECT_TRUE(sameHost("[2001:db8::7]", "2001:db8:0:0::7"));
    EXPECT_TRUE(sameHost("10.0.0.8", "10.0.0.8"));
    EXPECT_FALSE(sameHost("10.0.0.8", "10.0.0.80"));
    EXPECT_FALSE(sameHost("staging.example.com", "staging.example.com.evil"));
    EXPECT_FALSE(sameHost("2001:db8::7", "2001:db8::8"));
    EXPECT_FALSE(sameHost("", "x"));
}

TEST(TargetUrl, LoopbackLiterals) {
    EXPECT_TRUE(isLoopbackLiteral("127.0.0.1"));
    EXPECT_TRUE(isLoopbackLiteral("127.1.2.3"));
    EXPECT_TRUE(isLoopbackLiteral("::1"));
    EXPECT_TRUE(isLoopbackLiteral("0:0:0:0:0:0:0:1"));
    EXPECT_TRUE(isLoopbackLiteral("::ffff:127.0.0.1"));
    EXPECT_FALSE(isLoopbackLiteral("126.255.255.255"));
    EXPECT_FALSE(isLoopbackLiteral("::2"));
    EXPECT_FALSE(isLoopbackLiteral("::ffff:10.0.0.1"));
    EXPECT_FALSE(isLoopbackLiteral("localhost")) << "a name, not a literal";
    EXPECT_FALSE(isLoopbackLiteral("127.1")) << "not a dotted quad";
    EXPECT_FALSE(loopbackRefusal("127.1").has_value()) << "left to resolution, like any name";
}

}  // namespace
}  // namespace loadstar::model
