#include "engine/server/refused_connection.h"

#include <boost/asio/write.hpp>

namespace loadstar::server {

RefusedConnection::RefusedConnection(tcp::socket socket, std::string answer)
    : socket_(std::move(socket)), timer_(socket_.get_executor()), answer_(std::move(answer)) {}

void RefusedConnection::start() {
    timer_.expires_after(kDrainTimeout);
    timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (!ec) self->close();
    });
    net::async_write(socket_, net::buffer(answer_),
                     [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                         if (ec) return self->close();
                         self->socket_.shutdown(tcp::socket::shutdown_send, ec);
                         self->drain();
                     });
}

void RefusedConnection::drain() {
    socket_.async_read_some(net::buffer(scratch_),
                            [self = shared_from_this()](boost::system::error_code ec, std::size_t bytes) {
                                self->drained_ += bytes;
                                if (ec || self->drained_ > kDrainLimit) return self->close();
                                self->drain();
                            });
}

void RefusedConnection::close() {
    boost::system::error_code ignored;
    socket_.close(ignored);
    timer_.cancel();
}

}  // namespace loadstar::server
