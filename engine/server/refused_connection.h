#pragma once

// Private to engine/server.

#include <array>
#include <cstddef>
#include <memory>
#include <string>

#include <boost/asio/steady_timer.hpp>

#include "engine/server/net.h"

namespace loadstar::server {

// A connection over the limit: answered 503 with `Connection: close` without reading
// its request, so that the client learns why instead of seeing a bare close; then
// half-closed and drained briefly, so that closing does not reset the answer away.
class RefusedConnection : public std::enable_shared_from_this<RefusedConnection> {
  public:
    RefusedConnection(tcp::socket socket, std::string answer);

    void start();

  private:
    void drain();
    void close();

    tcp::socket socket_;
    net::steady_timer timer_;
    std::string answer_;
    std::array<char, 1024> scratch_{};
    std::size_t drained_ = 0;
};

}  // namespace loadstar::server
