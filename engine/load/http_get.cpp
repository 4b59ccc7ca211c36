#include "engine/load/http_get.h"

#include <openssl/ssl.h>
#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "engine/model/target_url.h"

namespace loadstar::load {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Answer {
    unsigned status = 0;
    std::string reason;
    std::string location;  // for redirects
    std::string body;
};

std::string describe(const boost::system::error_code& ec, const HttpGetOptions& options) {
    if (ec == beast::error::timeout) {
        return "no answer within " + std::to_string(options.timeout.count()) + " ms";
    }
    if (ec == http::error::body_limit) {
        return "the document is larger than " + std::to_string(options.maxBodyBytes >> 20) + " MiB";
    }
    return ec.message();
}

template <typename Stream>
asio::awaitable<Answer> exchange(Stream& stream, const model::TargetUrl& url, const HttpGetOptions& options) {
    http::request<http::empty_body> request{http::verb::get, url.target, 11};
    request.set(http::field::host, url.hostHeader());
    request.set(http::field::user_agent, "loadstar/" LOADSTAR_VERSION);
    request.set(http::field::accept, "application/json, application/yaml;q=0.9, */*;q=0.5");
    request.set(http::field::connection, "close");
    co_await http::async_write(stream, request, asio::use_awaitable);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(options.maxBodyBytes);
    parser.header_limit(64 * 1024);
    co_await http::async_read(stream, buffer, parser, asio::use_awaitable);
    const auto& response = parser.get();
    Answer answer;
    answer.status = response.result_int();
    answer.reason = std::string(response.reason());
    if (const auto location = response.find(http::field::location); location != response.end())
        answer.location = std::string(location->value());
    answer.body = std::move(parser.release().body());
    co_return answer;
}

asio::awaitable<Answer> fetch(const model::TargetUrl& url, ssl::context* tls, Clock::time_point deadline,
                              const HttpGetOptions& options) {
    const auto executor = co_await asio::this_coro::executor;
    tcp::resolver resolver(executor);
    const auto endpoints =
        co_await resolver.async_resolve(url.host, std::to_string(url.port), asio::use_awaitable);
    if (!tls) {
        beast::tcp_stream stream(executor);
        stream.expires_at(deadline);
        co_await stream.async_connect(endpoints, asio::use_awaitable);
        co_return co_await exchange(stream, url, options);
    }
    beast::ssl_stream<beast::tcp_stream> stream(executor, *tls);
    beast::get_lowest_layer(stream).expires_at(deadline);
    co_await beast::get_lowest_layer(stream).async_connect(endpoints, asio::use_awaitable);
    boost::system::error_code notAnAddress;
    asio::ip::make_address(url.host, notAnAddress);
    if (notAnAddress) {  // SNI for host names only (SSL_set_tlsext_host_name without its C cast)
        SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(url.host.c_str()));
    }
    if (!options.insecureTls) stream.set_verify_callback(ssl::host_name_verification(url.host));
    co_await stream.async_handshake(ssl::stream_base::client, asio::use_awaitable);
    co_return co_await exchange(stream, url, options);
}

// A redirect's Location, absolute or relative to the URL that answered it.
std::string redirectTarget(const model::TargetUrl& from, const std::string& location) {
    if (location.starts_with("http://") || location.starts_with("https://")) return location;
    if (location.starts_with("//")) return (from.tls ? "https:" : "http:") + location;
    if (location.starts_with("/")) return from.origin() + location;
    std::string base = from.target.substr(0, from.target.find('?'));
    base = base.substr(0, base.rfind('/') + 1);
    return from.origin() + base + location;
}

}  // namespace

std::variant<std::string, HttpGetFailure> httpGet(const std::string& url, const HttpGetOptions& options) {
    const Clock::time_point deadline = Clock::now() + options.timeout;
    std::string current = url;
    for (int hop = 0; hop <= options.maxRedirects; ++hop) {
        auto parsed = model::parseHttpUrl(current);
        // Messages name the URL only when it is not the one asked for.
        const std::string via = current == url ? "" : "(redirected to " + current + ") ";
        if (const auto* error = std::get_if<std::string>(&parsed)) return HttpGetFailure{via + *error};
        const model::TargetUrl target = std::get<model::TargetUrl>(parsed);

        std::optional<ssl::context> tls;
        if (target.tls) {
            tls.emplace(ssl::context::tls_client);
            if (options.insecureTls) {
                tls->set_verify_mode(ssl::verify_none);
            } else {
                boost::system::error_code ignored;
                tls->set_default_verify_paths(ignored);
                tls->set_verify_mode(ssl::verify_peer);
            }
        }
        std::optional<Answer> answer;
        std::optional<std::string> failure;
        asio::io_context io;  // after what its handlers write to: destroyed first
        asio::co_spawn(io, fetch(target, tls ? &*tls : nullptr, deadline, options),
                       [&](std::exception_ptr error, Answer result) {
                           if (!error) {
                               answer = std::move(result);
                               return;
                           }
                           try {
                               std::rethrow_exception(error);
                           } catch (const boost::system::system_error& e) {
                               failure = describe(e.code(), options);
                           } catch (const std::exception& e) {
                               failure = e.what();
                           }
                       });
        // The stream's deadline covers connecting, writing and reading; this one
        // also bounds name resolution.
        io.run_until(deadline);
        if (!answer && !failure) failure = describe(beast::error::timeout, options);
        if (failure) return HttpGetFailure{via + *failure};

        if (answer->status >= 300 && answer->status < 400 && !answer->location.empty()) {
            current = redirectTarget(target, answer->location);
            continue;
        }
        if (answer->status != 200) {
            return HttpGetFailure{via + "the server answered " + std::to_string(answer->status) +
                                  (answer->reason.empty() ? "" : " " + answer->reason)};
        }
        return std::move(answer->body);
    }
    return HttpGetFailure{"more than " + std::to_string(options.maxRedirects) + " redirects"};
}

}  // namespace loadstar::load
