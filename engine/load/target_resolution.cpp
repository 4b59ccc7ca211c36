#include "engine/load/target_resolution.h"

#include <algorithm>
#include <arpa/inet.h>
#include <memory>
#include <netdb.h>
#include <sys/socket.h>

namespace loadstar::load {

namespace {

std::string numericAddress(const sockaddr* address) {
    char text[INET6_ADDRSTRLEN] = {};
    if (address->sa_family == AF_INET) {
        ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text, sizeof text);
    } else if (address->sa_family == AF_INET6) {
        ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text, sizeof text);
    }
    return text;
}

}  // namespace

std::variant<ResolvedTarget, std::string> resolveTarget(const model::TargetUrl& url,
                                                        std::string_view allowedRemoteHost) {
    const bool allowed = !allowedRemoteHost.empty() && model::sameHost(url.host, allowedRemoteHost);
    if (!allowed) {
        if (auto refusal = model::loopbackRefusal(url.host, allowedRemoteHost)) return *refusal;
    }
    // As Asio's resolver asks by default: TCP, both families, only those configured.
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const int status = ::getaddrinfo(url.host.c_str(), std::to_string(url.port).c_str(), &hints, &found);
    const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> owned(found, &::freeaddrinfo);
    if (status != 0) {
        return "cannot resolve \"" + url.host + "\": " + ::gai_strerror(status);
    }
    ResolvedTarget target;
    for (const addrinfo* entry = found; entry != nullptr; entry = entry->ai_next) {
        const std::string address = numericAddress(entry->ai_addr);
        if (address.empty() ||
            std::find(target.addresses.begin(), target.addresses.end(), address) != target.addresses.end())
            continue;
        if (!model::isLoopbackLiteral(address)) {
            // Every address the name stands for must be loopback, or nothing is sent.
            if (!allowed) {
                return "\"" + url.host + "\" resolves to " + address + ", not a loopback address; " +
                       std::string(model::kLoopbackOnly);
            }
            target.remote = true;
        }
        target.addresses.push_back(address);
    }
    if (target.addresses.empty()) return "cannot resolve \"" + url.host + "\": no address";
    return target;
}

}  // namespace loadstar::load
