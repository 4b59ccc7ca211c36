#pragma once

// Private to engine/server: the short names its Asio code uses and what its
// connections share.

#include <chrono>
#include <cstddef>

#include <boost/asio/ip/tcp.hpp>

namespace loadstar::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// After an error response, unread input is drained briefly so that closing does not
// reset the connection before the client has read the response.
constexpr std::size_t kDrainLimit = 1 << 20;
constexpr auto kDrainTimeout = std::chrono::seconds(1);

}  // namespace loadstar::server
