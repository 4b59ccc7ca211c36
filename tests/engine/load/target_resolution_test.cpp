#include "engine/load/target_resolution.h"

#include <gtest/gtest.h>

// Only literals and "localhost" (from /etc/hosts): resolving them sends no packet,
// and nothing here connects to anything.

namespace loadstar::load {
namespace {

model::TargetUrl url(const std::string& text) {
    return std::get<model::TargetUrl>(model::parseTargetUrl(text));
}

TEST(ResolveTarget, LoopbackNeedsNoConsent) {
    const auto v4 = resolveTarget(url("http://127.0.0.1:8000/"), "");
    ASSERT_TRUE(std::holds_alternative<ResolvedTarget>(v4)) << std::get<std::string>(v4);
    EXPECT_EQ(std::get<ResolvedTarget>(v4).addresses, std::vector<std::string>{"127.0.0.1"});
    EXPECT_FALSE(std::get<ResolvedTarget>(v4).remote);
    const auto named = resolveTarget(url("http://localhost:8000/"), "");
    ASSERT_TRUE(std::holds_alternative<ResolvedTarget>(named)) << std::get<std::string>(named);
    for (const std::string& address : std::get<ResolvedTarget>(named).addresses)
        EXPECT_TRUE(model::isLoopbackLiteral(address)) << address;
}

TEST(ResolveTarget, AnAddressOutsideLoopbackIsRefusedUntilItsHostIsAllowed) {
    const auto refused = resolveTarget(url("http://192.0.2.10:8080/"), "");
    ASSERT_TRUE(std::holds_alternative<std::string>(refused));
    EXPECT_EQ(std::get<std::string>(refused),
              "192.0.2.10 is not a loopback address; " + std::string(model::kLoopbackOnly));
    EXPECT_TRUE(std::holds_alternative<std::string>(resolveTarget(url("http://192.0.2.10/"), "192.0.2.11")))
        << "consent names one host";

    const auto allowed = resolveTarget(url("http://192.0.2.10:8080/"), "192.0.2.10");
    ASSERT_TRUE(std::holds_alternative<ResolvedTarget>(allowed)) << std::get<std::string>(allowed);
    EXPECT_EQ(std::get<ResolvedTarget>(allowed).addresses, std::vector<std::string>{"192.0.2.10"});
    EXPECT_TRUE(std::get<ResolvedTarget>(allowed).remote);

    const auto v6 = resolveTarget(url("http://[2001:db8::7]/"), "[2001:DB8:0::7]");
    ASSERT_TRUE(std::holds_alternative<ResolvedTarget>(v6)) << std::get<std::string>(v6);
    EXPECT_EQ(std::get<ResolvedTarget>(v6).addresses, std::vector<std::string>{"2001:db8::7"});
}

TEST(ResolveTarget, ANameIsCheckedByEveryAddressItStandsFor) {
    // "10.1" is a name to the URL parser and 10.0.0.1 to the resolver (inet_aton's
    // short form), resolved without a lookup.
    const auto refused = resolveTarget(url("http://10.1:8080/"), "");
    ASSERT_TRUE(std::holds_alternative<std::string>(refused));
    EXPECT_EQ(std::get<std::string>(refused),
              "\"10.1\" resolves to 10.0.0.1, not a loopback address; " + std::string(model::kLoopbackOnly));
    const auto allowed = resolveTarget(url("http://10.1:8080/"), "10.1");
    ASSERT_TRUE(std::holds_alternative<ResolvedTarget>(allowed)) << std::get<std::string>(allowed);
    EXPECT_EQ(std::get<ResolvedTarget>(allowed).addresses, std::vector<std::string>{"10.0.0.1"});
    EXPECT_TRUE(std::get<ResolvedTarget>(allowed).remote);
    const auto shortLoopback = resolveTarget(url("http://127.1/"), "");
    ASSERT_TRUE(std::holds_alternative<ResolvedTarget>(shortLoopback));
    EXPECT_EQ(std::get<ResolvedTarget>(shortLoopback).addresses, std::vector<std::string>{"127.0.0.1"});
}

}  // namespace
}  // namespace loadstar::load
