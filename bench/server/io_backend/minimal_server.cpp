// The I/O pattern of loadstar's session (engine/server/session.cpp) reduced to its
// syscalls: one single-threaded io_context, a read into a per-connection buffer, every
// complete request in it answered with one prepared response, one gathered write per
// batch of answers. Built twice by io_backend.sh, once with Asio's default epoll
// reactor and once with its io_uring backend (BOOST_ASIO_HAS_IO_URING +
// BOOST_ASIO_DISABLE_EPOLL), so that the two backends are compared on the same code.
// Not part of the product: it answers every request with the same bytes.
#include <array>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/write.hpp>

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

const std::string kResponse =
    "HTTP/1.1 200 OK\r\nServer: loadstar\r\nContent-Type: application/json\r\nContent-Length: 12\r\n"
    "Date: Wed, 25 Nov 2026 12:32:20 GMT\r\n\r\n{\"msg\":\"hi\"}";

class Connection : public std::enable_shared_from_this<Connection> {
  public:
    explicit Connection(tcp::socket socket) : socket_(std::move(socket)) {}

    void read() {
        socket_.async_read_some(net::buffer(buffer_.data() + used_, buffer_.size() - used_),
                                [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                                    if (!ec) self->onRead(n);
                                });
    }

  private:
    void onRead(std::size_t n) {
        used_ += n;
        std::size_t answers = 0;
        std::size_t consumed = 0;
        const std::string_view data(buffer_.data(), used_);
        for (std::size_t end; (end = data.find("\r\n\r\n", consumed)) != std::string_view::npos;) {
            consumed = end + 4;
            ++answers;
        }
        std::memmove(buffer_.data(), buffer_.data() + consumed, used_ - consumed);
        used_ -= consumed;
        if (answers == 0) return read();
        out_.clear();
        for (std::size_t i = 0; i < answers; ++i)
            out_ += kResponse;
        net::async_write(socket_, net::buffer(out_),
                         [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                             if (!ec) self->read();
                         });
    }

    tcp::socket socket_;
    std::array<char, 4096> buffer_{};
    std::size_t used_ = 0;
    std::string out_;
};

void accept(tcp::acceptor& acceptor) {
    acceptor.async_accept([&acceptor](boost::system::error_code ec, tcp::socket socket) {
        if (!ec) {
            socket.set_option(tcp::no_delay(true));
            std::make_shared<Connection>(std::move(socket))->read();
        }
        accept(acceptor);
    });
}

}  // namespace

int main(int argc, char** argv) {
    const unsigned short port = argc > 1 ? static_cast<unsigned short>(std::atoi(argv[1])) : 0;
    net::io_context context(1);
    tcp::acceptor acceptor(context, tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    std::printf("listening on %u\n", acceptor.local_endpoint().port());
    std::fflush(stdout);
    net::signal_set signals(context, SIGINT, SIGTERM);
    signals.async_wait([&context](boost::system::error_code, int) { context.stop(); });
    accept(acceptor);
    context.run();
}
