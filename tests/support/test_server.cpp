#include "support/test_server.h"

#include <arpa/inet.h>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace loadstar::testing {

namespace {

bool sendAll(int fd, const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

std::size_t contentLength(const std::string& head) {
    std::string lower = head;
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::size_t at = lower.find("\r\ncontent-length:");
    if (at == std::string::npos) return 0;
    return static_cast<std::size_t>(std::stoul(lower.substr(at + 17)));
}

}  // namespace

TestServer::TestServer(Options options) : options_(std::move(options)) {
    const int family = options_.ipv6 ? AF_INET6 : AF_INET;
    listener_ = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener_ < 0) throw std::runtime_error("socket failed");
    const int one = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    int bound = -1;
    if (options_.ipv6) {
        sockaddr_in6 a{};
        a.sin6_family = AF_INET6;
        a.sin6_addr = in6addr_loopback;
        bound = ::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    } else {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bound = ::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    }
    if (bound != 0 || ::listen(listener_, 1024) != 0) throw std::runtime_error("bind/listen failed");
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(options_.ipv6 ? reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port
                                : reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
    acceptor_ = std::thread([this] { acceptLoop(); });
}

TestServer::~TestServer() {
    kill();
    if (acceptor_.joinable()) acceptor_.join();
    std::vector<std::thread> threads;
    {
        const std::lock_guard lock(mutex_);
        threads.swap(threads_);
    }
    for (auto& t : threads)
        t.join();
}

std::string TestServer::url(const std::string& path) const {
    return std::string(options_.ipv6 ? "http://[::1]:" : "http://127.0.0.1:") + std::to_string(port_) + path;
}

std::string TestServer::received() const {
    const std::lock_guard lock(mutex_);
    return received_;
}

void TestServer::kill() {
    if (killed_.exchange(true)) return;
    // Shut the listener down before the accept loop may see stopping_ and close it.
    ::shutdown(listener_, SHUT_RDWR);
    stopping_ = true;
    const std::lock_guard lock(mutex_);
    for (const int fd : clients_)
        ::shutdown(fd, SHUT_RDWR);
}

void TestServer::acceptLoop() {
    while (!stopping_) {
        pollfd p{listener_, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        ++connections_;
        const std::lock_guard lock(mutex_);
        if (stopping_) {
            ::close(fd);
            break;
        }
        clients_.push_back(fd);
        threads_.emplace_back([this, fd] { serve(fd); });
    }
    ::close(listener_);
}

void TestServer::serve(int fd) {
    std::string buffer;
    char chunk[16384];
    std::uint64_t served = 0;
    // One request and its answer; false when the connection is to close.
    auto serveOne = [&]() -> bool {
        // One request: the head, then Content-Length bytes of body.
        std::size_t headEnd = std::string::npos;
        while ((headEnd = buffer.find("\r\n\r\n")) == std::string::npos) {
            const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
            if (n <= 0) return false;
            buffer.append(chunk, static_cast<std::size_t>(n));
        }
        {
            const std::size_t total = headEnd + 4 + contentLength(buffer.substr(0, headEnd + 2));
            while (buffer.size() < total) {
                const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
                if (n <= 0) return false;
                buffer.append(chunk, static_cast<std::size_t>(n));
            }
            {
                const std::lock_guard lock(mutex_);
                if (received_.size() < (1 << 20)) received_.append(buffer, 0, total);
            }
            buffer.erase(0, total);
        }
        {
            const std::uint64_t number = ++requests_;
            ++served;
            const bool faulty = options_.fault != Fault::None && options_.fault != Fault::StallOnce &&
                                options_.fault != Fault::Slow && options_.faultEvery > 0 &&
                                number % options_.faultEvery == 0;
            if (faulty) ++faults_;
            {
                // Every request passes the stall gate; the stalling one holds it.
                std::unique_lock gate(stallMutex_);
                if (options_.fault == Fault::StallOnce && number == options_.faultAt)
                    std::this_thread::sleep_for(options_.stall);
            }
            if (options_.fault == Fault::Slow) std::this_thread::sleep_for(options_.stall);
            if (faulty && options_.fault == Fault::Stall) {
                while (!stopping_ && ::recv(fd, chunk, sizeof chunk, 0) > 0) {
                }
                return false;
            }
            if (faulty && options_.fault == Fault::Reset) {
                linger l{1, 0};  // close with RST
                ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
                return false;
            }
            if (faulty && options_.fault == Fault::Garbage) {
                sendAll(fd, "SSH-2.0-OpenSSH_9.2\r\n\r\nthis is not http\r\n\r\n");
                return false;
            }
            const bool closeAfter = options_.keepAliveRequests > 0 && served >= options_.keepAliveRequests;
            std::string response =
                "HTTP/1.1 " + std::to_string(options_.status) + " X\r\nContent-Type: application/json\r\n";
            if (closeAfter) response += "Connection: close\r\n";
            if (options_.chunked) {
                const std::string& b = options_.body;
                const std::size_t half = b.size() / 2;
                char size1[32];
                char size2[32];
                std::snprintf(size1, sizeof size1, "%zx", half);
                std::snprintf(size2, sizeof size2, "%zx", b.size() - half);
                response += "Transfer-Encoding: chunked\r\n\r\n" + std::string(size1) + "\r\n" +
                            b.substr(0, half) + "\r\n" + size2 + ";ext=1\r\n" + b.substr(half) +
                            "\r\n0\r\nX-Trailer: t\r\n\r\n";
            } else {
                response +=
                    "Content-Length: " + std::to_string(options_.body.size()) + "\r\n\r\n" + options_.body;
            }
            if (faulty && options_.fault == Fault::CloseMidResponse) {
                sendAll(fd, response.substr(0, response.size() - 4));
                return false;
            }
            return sendAll(fd, response) && !closeAfter;
        }
    };
    while (serveOne()) {
    }
    {
        const std::lock_guard lock(mutex_);
        std::erase(clients_, fd);
    }
    ::close(fd);
}

}  // namespace loadstar::testing
