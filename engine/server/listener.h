#pragma once

// Private to engine/server.

#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "engine/server/net.h"
#include "engine/server/prepared_response.h"
#include "engine/server/server.h"

namespace loadstar::server {

// The listening socket: accepts connections and hands each to a new session, or,
// over the connection limit, to a RefusedConnection that answers 503.
class Listener {
  public:
    Listener(Server::Impl& server, net::io_context& context);

    // Resolves, binds and listens; an error comes back as the message to show.
    std::optional<std::string> listen(const std::string& host, unsigned short port);
    tcp::endpoint localEndpoint() const;

    void start();  // accepts until close()
    void close();  // from any thread: posted to the listener's executor

  private:
    void accept();

    Server::Impl& server_;
    tcp::acceptor acceptor_;
    net::steady_timer retryTimer_;
    const std::shared_ptr<const PreparedResponse> tooManyConnections_;
};

}  // namespace loadstar::server
