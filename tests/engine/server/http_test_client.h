#pragma once

#include <arpa/inet.h>
#include <chrono>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <poll.h>
#include <string>
#include <string_view>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace loadstar::server::testing {

struct HttpResponse {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    std::string header(std::string_view name) const {
        for (const auto& [key, value] : headers) {
            if (key.size() == name.size() &&
                std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
                    return std::tolower(static_cast<unsigned char>(a)) ==
                           std::tolower(static_cast<unsigned char>(b));
                })) {
                return value;
            }
        }
        return {};
    }
};

// A raw-socket HTTP/1.1 client for tests: sends exactly the bytes given (hostile ones
// included) and parses responses with Content-Length bodies.
class HttpTestClient {
  public:
    explicit HttpTestClient(int port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
        const int one = 1;
        ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    ~HttpTestClient() {
        if (fd_ >= 0) ::close(fd_);
    }
    HttpTestClient(const HttpTestClient&) = delete;
    HttpTestClient& operator=(const HttpTestClient&) = delete;

    bool connected() const { return connected_; }

    // False when the server has closed or reset the connection.
    bool send(std::string_view bytes) {
        while (!bytes.empty()) {
            const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (sent <= 0) return false;
            bytes.remove_prefix(static_cast<std::size_t>(sent));
        }
        return true;
    }

    // The next response, or nullopt when the connection closes first or `timeout` passes.
    std::optional<HttpResponse> read(std::chrono::milliseconds timeout = std::chrono::seconds(5),
                                     bool headOnly = false) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        std::size_t headerEnd;
        while ((headerEnd = buffer_.find("\r\n\r\n")) == std::string::npos) {
            if (!fill(deadline)) return std::nullopt;
        }
        HttpResponse response;
        const std::string head = buffer_.substr(0, headerEnd);
        std::size_t lineEnd = head.find("\r\n");
        const std::string statusLine = head.substr(0, lineEnd);
        if (statusLine.size() < 12) return std::nullopt;
        response.status = std::stoi(statusLine.substr(9, 3));
        while (lineEnd != std::string::npos && lineEnd < head.size()) {
            const std::size_t next = head.find("\r\n", lineEnd + 2);
            const std::string line =
                head.substr(lineEnd + 2, next == std::string::npos ? std::string::npos : next - lineEnd - 2);
            const std::size_t colon = line.find(':');
            if (colon != std::string::npos) {
                std::size_t valueStart = colon + 1;
                while (valueStart < line.size() && line[valueStart] == ' ')
                    ++valueStart;
                response.headers.emplace_back(line.substr(0, colon), line.substr(valueStart));
            }
            lineEnd = next;
        }
        buffer_.erase(0, headerEnd + 4);
        const std::string length = response.header("Content-Length");
        const std::size_t bodySize = headOnly || length.empty() ? 0 : std::stoul(length);
        while (buffer_.size() < bodySize) {
            if (!fill(deadline)) return std::nullopt;
        }
        response.body = buffer_.substr(0, bodySize);
        buffer_.erase(0, bodySize);
        return response;
    }

    // True when the server closes (EOF or reset) within `timeout` without sending more.
    bool closedWithin(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            if (!fill(deadline)) return closed_;
        }
        return closed_;
    }

    std::string_view unread() const { return buffer_; }

  private:
    bool fill(std::chrono::steady_clock::time_point deadline) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
        char chunk[16384];
        const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
        if (got <= 0) {
            closed_ = true;
            return false;
        }
        buffer_.append(chunk, static_cast<std::size_t>(got));
        return true;
    }

    int fd_ = -1;
    bool connected_ = false;
    bool closed_ = false;
    std::string buffer_;
};

}  // namespace loadstar::server::testing
