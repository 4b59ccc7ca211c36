#include "engine/server/listener.h"

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include "engine/server/http_date.h"
#include "engine/server/refused_connection.h"
#include "engine/server/server_impl.h"
#include "engine/server/session.h"

namespace loadstar::server {

Listener::Listener(Server::Impl& server, net::io_context& context)
    : server_(server),
      acceptor_(net::make_strand(context)),
      retryTimer_(acceptor_.get_executor()),
      tooManyConnections_(prepareResponse(503, "application/json",
                                          R"({"detail":"Server busy: too many connections"})",
                                          {{"Retry-After", "1"}, {"Connection", "close"}})) {}

std::optional<std::string> Listener::listen(const std::string& host, unsigned short port) {
    boost::system::error_code ec;
    tcp::endpoint endpoint;
    const net::ip::address address = net::ip::make_address(host, ec);
    if (!ec) {
        endpoint = tcp::endpoint(address, port);
    } else {
        tcp::resolver resolver(acceptor_.get_executor());
        const auto results = resolver.resolve(host, std::to_string(port), ec);
        if (ec || results.empty()) return "cannot resolve host '" + host + "': " + ec.message();
        endpoint = results.begin()->endpoint();
    }
    const std::string where = host + ":" + std::to_string(port);
    acceptor_.open(endpoint.protocol(), ec);
    if (ec) return "cannot listen on " + where + ": " + ec.message();
    acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        boost::system::error_code ignored;
        acceptor_.close(ignored);
        return "cannot listen on " + where + ": " + ec.message();
    }
    return std::nullopt;
}

tcp::endpoint Listener::localEndpoint() const {
    boost::system::error_code ignored;
    return acceptor_.local_endpoint(ignored);
}

void Listener::start() {
    accept();
}

void Listener::close() {
    net::post(acceptor_.get_executor(), [this] {
        boost::system::error_code ignored;
        acceptor_.close(ignored);
        retryTimer_.cancel();
    });
}

void Listener::accept() {
    // Each loop is run by one thread, so a connection's handlers already run in order:
    // no strand.
    acceptor_.async_accept(server_.nextLoop(), [this](boost::system::error_code ec, tcp::socket socket) {
        if (ec) {
            if (!acceptor_.is_open() || server_.stopping) return;
            // Out of file descriptors or a transient failure: try again shortly rather
            // than spinning.
            retryTimer_.expires_after(std::chrono::milliseconds(50));
            retryTimer_.async_wait([this](boost::system::error_code timerError) {
                if (!timerError && acceptor_.is_open()) accept();
            });
            return;
        }
        if (server_.stopping) {
            boost::system::error_code ignored;
            socket.close(ignored);
        } else if (server_.metrics.connectionsOpen() >= server_.settings.limits.maxConnections) {
            server_.metrics.connectionRejected();
            std::make_shared<RefusedConnection>(
                std::move(socket),
                tooManyConnections_->head + dateHeaderLine() + "\r\n" + tooManyConnections_->body)
                ->start();
        } else {
            startSession(std::move(socket), server_);
        }
        accept();
    });
}

}  // namespace loadstar::server
