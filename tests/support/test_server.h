#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace loadstar::testing {

// A small scripted HTTP/1.1 server on loopback (port 0) for the load engine's
// tests: one thread per connection, keep-alive, and faults on demand. Plain POSIX
// sockets so that a fault can be exactly what it says (a reset is an RST, a stall
// holds every connection).
class TestServer {
  public:
    enum class Fault {
        None,
        StallOnce,         // request number `faultAt` holds the whole server for `stall`
        Stall,             // every `faultEvery`-th request never gets an answer
        Reset,             // every `faultEvery`-th request: RST instead of an answer
        Slow,              // every answer waits `stall` first (this connection only)
        Garbage,           // every `faultEvery`-th request: bytes that are not HTTP
        CloseMidResponse,  // every `faultEvery`-th request: half an answer, then close
    };
    struct Options {
        Fault fault = Fault::None;
        std::uint64_t faultAt = 0;
        std::uint64_t faultEvery = 1;
        std::chrono::milliseconds stall{500};
        bool ipv6 = false;
        bool chunked = false;
        int status = 200;
        std::string body = R"({"msg":"hi"})";
        std::uint64_t keepAliveRequests = 0;  // close after this many per connection (0: never)
    };

    explicit TestServer(Options options);
    TestServer() : TestServer(Options{}) {}
    ~TestServer();
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    std::uint16_t port() const { return port_; }
    std::string url(const std::string& path = "/hello") const;
    std::uint64_t requests() const { return requests_.load(); }
    std::uint64_t connections() const { return connections_.load(); }
    std::uint64_t faults() const { return faults_.load(); }  // faulty answers given
    // Everything the server has read, for checking what clients sent (bounded).
    std::string received() const;

    // The target dies: the listener and every connection close at once.
    void kill();

  private:
    void acceptLoop();
    void serve(int fd);

    Options options_;
    int listener_ = -1;
    std::uint16_t port_ = 0;
    std::atomic<bool> killed_{false};
    std::atomic<bool> stopping_{false};
    std::atomic<std::uint64_t> requests_{0};
    std::atomic<std::uint64_t> connections_{0};
    std::atomic<std::uint64_t> faults_{0};
    std::mutex stallMutex_;  // held by a StallOnce request; every request passes through it
    mutable std::mutex mutex_;
    std::vector<int> clients_;
    std::vector<std::thread> threads_;
    std::string received_;
    std::thread acceptor_;
};

}  // namespace loadstar::testing
