#include "engine/model/target_url.h"

#include <algorithm>
#include <arpa/inet.h>
#include <charconv>
#include <cstring>
#include <optional>

namespace loadstar::model {

std::string TargetUrl::hostHeader() const {
    std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (port != (tls ? 443 : 80)) h += ":" + std::to_string(port);
    return h;
}

std::string TargetUrl::origin() const {
    return std::string(tls ? "https://" : "http://") + hostHeader();
}

std::variant<TargetUrl, std::string> parseTargetUrl(std::string_view url) {
    return parseHttpUrl(url);
}

std::variant<TargetUrl, std::string> parseHttpUrl(std::string_view url) {
    TargetUrl out;
    if (url.starts_with("http://")) {
        url.remove_prefix(7);
    } else if (url.starts_with("https://")) {
        url.remove_prefix(8);
        out.tls = true;
        out.port = 443;
    } else {
        return std::string("expected a URL starting with http:// or https://");
    }
    const std::size_t pathStart = url.find_first_of("/?#");
    std::string_view authority = url.substr(0, pathStart);
    std::string_view rest = pathStart == std::string_view::npos ? std::string_view{} : url.substr(pathStart);
    if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
    if (authority.find('@') != std::string_view::npos)
        return std::string("user information in URLs is not supported");

    std::optional<std::string_view> portText;
    if (authority.starts_with("[")) {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return std::string("unclosed '[' in an IPv6 address");
        out.host = std::string(authority.substr(1, close - 1));
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return std::string("expected ':' and a port after the IPv6 address");
            portText = after.substr(1);
        }
    } else {
        const std::size_t colon = authority.rfind(':');
        out.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) portText = authority.substr(colon + 1);
    }
    if (out.host.empty()) return std::string("the URL has no host");
    if (portText) {
        unsigned port = 0;
        const auto [end, ec] = std::from_chars(portText->data(), portText->data() + portText->size(), port);
        if (portText->empty() || ec != std::errc{} || end != portText->data() + portText->size() ||
            port == 0 || port > 65535) {
            return "bad port \"" + std::string(*portText) + "\"";
        }
        out.port = static_cast<std::uint16_t>(port);
    }
    if (rest.empty()) {
        out.target = "/";
    } else if (rest.front() == '?') {
        out.target = "/" + std::string(rest);
    } else {
        out.target = std::string(rest);
    }
    return out;
}

bool isLoopbackLiteral(std::string_view address) {
    const std::string text(address);
    unsigned char v4[4];
    if (::inet_pton(AF_INET, text.c_str(), v4) == 1) return v4[0] == 127;
    unsigned char v6[16];
    if (::inet_pton(AF_INET6, text.c_str(), v6) != 1) return false;
    static constexpr unsigned char kLoopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static constexpr unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(v6, kLoopback, sizeof v6) == 0) return true;
    return std::memcmp(v6, kMappedPrefix, sizeof kMappedPrefix) == 0 && v6[12] == 127;
}

namespace {

std::string_view withoutBrackets(std::string_view host) {
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') return host.substr(1, host.size() - 2);
    return host;
}

}  // namespace

bool sameHost(std::string_view a, std::string_view b) {
    a = withoutBrackets(a);
    b = withoutBrackets(b);
    unsigned char v6a[16];
    unsigned char v6b[16];
    if (::inet_pton(AF_INET6, std::string(a).c_str(), v6a) == 1 &&
        ::inet_pton(AF_INET6, std::string(b).c_str(), v6b) == 1) {
        return std::memcmp(v6a, v6b, sizeof v6a) == 0;
    }
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

std::optional<std::string> loopbackRefusal(std::string_view host, std::string_view allowedHost) {
    const std::string text(host);
    unsigned char any[16];
    const bool literal =
        ::inet_pton(AF_INET, text.c_str(), any) == 1 || ::inet_pton(AF_INET6, text.c_str(), any) == 1;
    if (!literal || isLoopbackLiteral(host)) return std::nullopt;
    if (!allowedHost.empty() && sameHost(host, allowedHost)) return std::nullopt;
    std::string refusal = text + " is not a loopback address; " + std::string(kLoopbackOnly);
    if (!allowedHost.empty()) refusal += " (the host allowed is " + std::string(allowedHost) + ")";
    return refusal;
}

}  // namespace loadstar::model
