#include "engine/server/session.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <deque>
#include <future>
#include <limits>
#include <optional>
#include <random>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>

#include "engine/server/cpu_burner.h"
#include "engine/server/http_date.h"
#include "engine/server/request_parser.h"
#include "engine/server/server_impl.h"

namespace loadstar::server {

namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// Requests read ahead of their responses on one connection (pipelining). Beyond this
// the session stops reading until responses go out.
constexpr std::size_t kMaxPipelined = 16;
constexpr std::size_t kReadChunk = 4096;

std::mt19937_64& threadRandom() {
    thread_local std::mt19937_64 random{std::random_device{}()};
    return random;
}

std::string milliseconds(model::Duration duration) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", static_cast<double>(duration.count()) / 1000.0);
    return text;
}

}  // namespace

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, Server::Impl& server)
        : socket_(std::move(socket)), timer_(socket_.get_executor()), server_(server) {
        server_.metrics.connectionOpened();
    }

    ~Session() {
        for (std::size_t i = 0; i < slots_.size(); ++i)
            server_.metrics.requestFinished();
        server_.unregisterSession(this);
    }

    void start() {
        beast::error_code ec;
        const tcp::endpoint peer = socket_.remote_endpoint(ec);
        if (!ec) {
            client_ = peer.address().to_string();
            const std::string host = peer.address().is_v6() ? "[" + client_ + "]" : client_;
            clientEndpoint_ = host + ":" + std::to_string(peer.port());
        }
        socket_.set_option(tcp::no_delay(true), ec);
        server_.registerSession(this, weak_from_this());
        net::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->pump(); });
    }

    // On the session's strand: answer what has been received, then close.
    void shutdownGracefully() {
        closing_ = true;
        maybeFinish();
    }

    void closeNow() {
        if (closed_) return;
        closed_ = true;
        closing_ = true;
        abandoned_.store(true, std::memory_order_relaxed);
        beast::error_code ec;
        socket_.shutdown(tcp::socket::shutdown_both, ec);
        socket_.close(ec);
        timer_.cancel();
        for (std::size_t i = 0; i < slots_.size(); ++i)
            server_.metrics.requestFinished();
        slots_.clear();
    }

    auto executor() { return socket_.get_executor(); }

  private:
    struct Slot {
        std::uint64_t seq = 0;
        ResponsePlan plan;
        Clock::time_point arrival;
        Clock::time_point ready;
        model::Duration queued{0};
        std::string method;  // kept for the access log only
        std::string target;
        bool keepAlive = true;
        bool http10 = false;
        bool done = false;
    };

    Slot* find(std::uint64_t seq) {
        if (closed_ || slots_.empty() || seq < slots_.front().seq) return nullptr;
        const std::uint64_t index = seq - slots_.front().seq;
        return index < slots_.size() ? &slots_[static_cast<std::size_t>(index)] : nullptr;
    }

    void newParser() {
        parser_.emplace(request_);
        parser_->header_limit(static_cast<std::uint32_t>(std::clamp<std::int64_t>(
            server_.settings.limits.maxHeaderBytes, 256, std::numeric_limits<std::uint32_t>::max())));
        parser_->body_limit(
            static_cast<std::uint64_t>(std::max<std::int64_t>(0, server_.settings.limits.maxBodyBytes)));
        parser_->eager(true);
        requestStarted_ = false;
        continueSent_ = false;
    }

    // Parses what is buffered, dispatches complete requests, and reads more when the
    // pipeline has room. Called whenever input or room may have appeared.
    void pump() {
        while (!closing_ && !reading_ && !writingContinue_ && slots_.size() < kMaxPipelined) {
            if (!parser_) newParser();
            if (buffer_.size() > 0) {
                if (!requestStarted_) {
                    requestStarted_ = true;
                    headerDeadline_ = Clock::now() + server_.settings.limits.headerTimeout;
                }
                beast::error_code ec;
                const std::size_t used = parser_->put(buffer_.data(), ec);
                buffer_.consume(used);
                if (ec && ec != http::error::need_more) {
                    refuse(ec);
                    return;
                }
                if (!ec && parser_->is_done()) {
                    dispatch();
                    continue;
                }
                if (!ec && used > 0 && buffer_.size() > 0) continue;
            }
            if (parser_->is_header_done() && !continueSent_ && slots_.empty() && !writing_) {
                request_.headerViews(headers_);
                if (beast::iequals(findHeader(headers_, "Expect"), "100-continue")) {
                    sendContinue();
                    return;
                }
            }
            read();
            return;
        }
    }

    void read() {
        reading_ = true;
        if (requestStarted_ && !parser_->is_header_done()) {
            // One deadline for the whole header: a client trickling bytes (slowloris)
            // cannot extend it.
            setDeadline(headerDeadline_);
        } else {
            setDeadline(Clock::now() + server_.settings.limits.idleTimeout);
        }
        socket_.async_read_some(buffer_.prepare(kReadChunk),
                                [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                                    self->onRead(ec, bytes);
                                });
    }

    // The deadline of the read or write in progress. Deadlines mostly move later, which
    // costs nothing here: the timer stays armed for the earliest one and, when it
    // fires early, re-arms for the current deadline. (A timer armed and cancelled
    // around every read and write was a measurable share of a small request's cost.)
    void setDeadline(Clock::time_point when) {
        deadline_ = when;
        if (timerArmed_ && timerAt_ <= when) return;
        armTimer(when);
    }

    void armTimer(Clock::time_point when) {
        timerArmed_ = true;
        timerAt_ = when;
        timer_.expires_at(when);
        timer_.async_wait([weak = weak_from_this(), generation = ++timerGeneration_](beast::error_code ec) {
            if (auto self = weak.lock()) self->onTimer(ec, generation);
        });
    }

    void onTimer(beast::error_code ec, std::uint64_t generation) {
        if (ec == net::error::operation_aborted || generation != timerGeneration_ || closed_) return;
        timerArmed_ = false;
        if (!reading_ && !writing_) return;  // nothing waits; the next read or write sets a deadline
        if (Clock::now() >= deadline_) return closeNow();
        armTimer(deadline_);
    }

    void onRead(beast::error_code ec, std::size_t bytes) {
        reading_ = false;
        if (closed_) return;
        if (ec) {
            // End of input: answer what is pending, then close. A timeout or a reset:
            // nothing more can be said on this connection.
            if (ec == net::error::eof) {
                closing_ = true;
                maybeFinish();
            } else {
                closeNow();
            }
            return;
        }
        buffer_.commit(bytes);
        pump();
    }

    void sendContinue() {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        writingContinue_ = true;
        writing_ = true;
        setDeadline(Clock::now() + server_.settings.limits.idleTimeout);
        net::async_write(socket_, net::buffer(kContinue.data(), kContinue.size()),
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             self->writing_ = false;
                             self->writingContinue_ = false;
                             self->continueSent_ = true;
                             if (ec) return self->closeNow();
                             self->flush();
                             self->pump();
                         });
    }

    // A request the parser refused: answer 400, 413 or 431 and close.
    void refuse(beast::error_code ec) {
        int status = 400;
        if (ec == http::error::header_limit) status = 431;
        if (ec == http::error::body_limit) status = 413;
        closing_ = true;
        parser_.reset();
        Slot& slot = slots_.emplace_back();
        slot.seq = nextSeq_++;
        slot.arrival = Clock::now();
        slot.plan = server_.handler.protocolError(status);
        slot.keepAlive = false;
        server_.metrics.requestStarted();
        complete(slot.seq, model::Duration(0));
    }

    void dispatch() {
        parser_.reset();
        Slot& slot = slots_.emplace_back();
        slot.seq = nextSeq_++;
        slot.arrival = Clock::now();
        slot.keepAlive = request_.keepAlive;
        slot.http10 = request_.version == 10;
        if (server_.accessLog) {
            slot.method = request_.method();
            slot.target = request_.target();
        }
        server_.metrics.requestStarted();
        if (server_.workerPool) {
            // The worker reads the request after the next one has reused these buffers: it takes a copy.
            dispatchToWorker(slot, std::make_shared<ParsedRequest>(request_));
            return;
        }
        slot.plan = plan(request_);
        advance(slot.seq, 0);
    }

    ResponsePlan plan(const ParsedRequest& parsed) {
        parsed.headerViews(headers_);
        return planSafely(requestOf(parsed, headers_));
    }

    Request requestOf(const ParsedRequest& parsed,
                      const std::vector<std::pair<std::string_view, std::string_view>>& headers) const {
        Request request;
        request.method = parsed.method();
        request.target = parsed.target();
        request.headers = headers;
        request.body = parsed.body;
        request.hasBody = parsed.hasBody;
        request.client = client_;
        return request;
    }

    // A failure inside validation or generation answers 500 on this request instead
    // of taking the event loop down.
    ResponsePlan planSafely(const Request& request) {
        try {
            return server_.handler.plan(request, threadRandom());
        } catch (const std::exception&) {
            return server_.handler.protocolError(500, true);
        }
    }

    // The async model's cost stages: I/O wait (a timer), CPU (here or offloaded),
    // batching, then the response is ready.
    void advance(std::uint64_t seq, int stage) {
        Slot* slot = find(seq);
        if (slot == nullptr) return;
        const Cost& cost = slot->plan.cost;
        auto self = shared_from_this();
        if (stage <= 0 && cost.latency.count() > 0) {
            auto timer = std::make_shared<net::steady_timer>(socket_.get_executor(), cost.latency);
            timer->async_wait([self, seq, timer](beast::error_code) { self->advance(seq, 1); });
            return;
        }
        if (stage <= 1 && cost.cpu.count() > 0) {
            if (cost.offloadCpu && server_.cpuPool) {
                net::post(*server_.cpuPool, [self, seq, cpu = cost.cpu] {
                    burnCpu(cpu);
                    net::post(self->executor(), [self, seq] { self->advance(seq, 2); });
                });
                return;
            }
            burnCpu(cost.cpu);
        }
        if (stage <= 2 && cost.batching != nullptr && server_.batchers[cost.batchKey]) {
            server_.batchers[cost.batchKey]->submit([self, seq](model::Duration waited) {
                net::post(self->executor(), [self, seq, waited] { self->complete(seq, waited); });
            });
            return;
        }
        complete(seq, model::Duration(0));
    }

    void dispatchToWorker(Slot& slot, std::shared_ptr<const ParsedRequest> message) {
        server_.metrics.queueDepthChanged(1);
        auto self = shared_from_this();
        const std::uint64_t seq = slot.seq;
        const Clock::time_point arrival = slot.arrival;
        const bool posted = server_.workerPool->tryPost([self, seq, arrival, message] {
            Server::Impl& server = self->server_;
            server.metrics.queueDepthChanged(-1);
            // The client is gone: do not spend a worker on an answer nobody reads.
            if (self->abandoned_.load(std::memory_order_relaxed)) return;
            model::Duration queued = std::chrono::duration_cast<model::Duration>(Clock::now() - arrival);
            ResponsePlan plan = self->planInWorker(*message);
            const Cost& cost = plan.cost;
            if (cost.latency.count() > 0) server.workerPool->sleepFor(cost.latency);
            if (cost.cpu.count() > 0) burnCpu(cost.cpu);
            if (cost.batching != nullptr && server.batchers[cost.batchKey]) {
                // A sync worker blocks while its request waits in the batch.
                auto promise = std::make_shared<std::promise<model::Duration>>();
                std::future<model::Duration> waited = promise->get_future();
                server.batchers[cost.batchKey]->submit(
                    [promise](model::Duration d) { promise->set_value(d); });
                queued += waited.get();
            }
            net::post(self->executor(), [self, seq, queued, plan = std::move(plan)]() mutable {
                if (Slot* target = self->find(seq)) {
                    target->plan = std::move(plan);
                    self->complete(seq, queued);
                }
            });
        });
        if (!posted) {
            server_.metrics.queueDepthChanged(-1);
            slot.plan = server_.handler.protocolError(503, true);
            complete(seq, model::Duration(0));
        }
    }

    // Runs on a worker thread: builds its own header views (the session's are for its strand).
    ResponsePlan planInWorker(const ParsedRequest& message) {
        std::vector<std::pair<std::string_view, std::string_view>> headers;
        message.headerViews(headers);
        return planSafely(requestOf(message, headers));
    }

    void complete(std::uint64_t seq, model::Duration queued) {
        Slot* slot = find(seq);
        if (slot == nullptr) return;
        slot->done = true;
        slot->queued = queued;
        slot->ready = Clock::now();
        flush();
    }

    // Writes the oldest response when it is ready: responses leave in request order.
    void flush() {
        if (closed_ || writing_ || slots_.empty() || !slots_.front().done) {
            maybeFinish();
            return;
        }
        Slot& slot = slots_.front();
        const ResponsePlan& plan = slot.plan;
        const bool last = plan.close || !slot.keepAlive || (closing_ && slots_.size() == 1) ||
                          server_.stopping.load(std::memory_order_relaxed);
        // One write at a time per connection, so one buffer serves them all.
        std::string& head = writeHead_;
        head = dateHeaderLine();
        head += plan.extraHeaders;
        if (plan.serverTiming) {
            const auto total = std::chrono::duration_cast<model::Duration>(slot.ready - slot.arrival);
            head += "Server-Timing: queue;dur=" + milliseconds(slot.queued) +
                    ", handler;dur=" + milliseconds(total - slot.queued) + "\r\n";
        }
        if (last) {
            head += "Connection: close\r\n";
        } else if (slot.http10) {
            head += "Connection: keep-alive\r\n";
        }
        head += "\r\n";
        const PreparedResponse& response = *plan.response;
        std::array<net::const_buffer, 3> buffers{
            net::buffer(response.head), net::buffer(head),
            plan.head ? net::const_buffer() : net::buffer(response.body)};
        writing_ = true;
        if (!reading_) setDeadline(Clock::now() + server_.settings.limits.idleTimeout);
        net::async_write(socket_, buffers,
                         [self = shared_from_this(), last](beast::error_code ec, std::size_t bytes) {
                             self->onWrite(ec, bytes, last);
                         });
    }

    void onWrite(beast::error_code ec, std::size_t bytes, bool last) {
        writing_ = false;
        if (closed_ || slots_.empty()) return;
        {
            Slot& slot = slots_.front();
            const auto took = std::chrono::duration_cast<model::Duration>(Clock::now() - slot.arrival);
            server_.metrics.recordRequest(slot.plan.route, slot.plan.response->status, took);
            if (server_.accessLog && !ec) logAccess(slot, took, bytes);
            server_.metrics.requestFinished();
            slots_.pop_front();
        }
        if (ec) return closeNow();
        if (last) {
            closing_ = true;
            for (std::size_t i = 0; i < slots_.size(); ++i)
                server_.metrics.requestFinished();
            slots_.clear();
            return finish();
        }
        flush();
        pump();
    }

    void logAccess(Slot& slot, model::Duration took, std::size_t bytes) {
        const auto now = std::chrono::system_clock::now();
        if (!server_.accessLog->admit(now)) return;
        AccessRecord record;
        record.time = now;
        record.client = clientEndpoint_;
        record.method = std::move(slot.method);
        record.target = std::move(slot.target);
        record.status = slot.plan.response->status;
        record.durationMicros = took.count();
        record.bytesOut = bytes;
        server_.accessLog->record(std::move(record));
    }

    void maybeFinish() {
        if (closing_ && !closed_ && slots_.empty() && !writing_) finish();
    }

    // Half-closes and drains what the client still sends, so that it reads our last
    // response instead of a reset; then closes.
    void finish() {
        if (closed_ || finishing_) return;
        if (reading_) return closeNow();  // nothing in flight; a pending read only waits for more
        finishing_ = true;
        beast::error_code ec;
        socket_.shutdown(tcp::socket::shutdown_send, ec);
        if (ec) return closeNow();
        drain();
    }

    void drain() {
        setDeadline(Clock::now() + kDrainTimeout);
        buffer_.clear();
        reading_ = true;
        socket_.async_read_some(buffer_.prepare(kReadChunk),
                                [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                                    self->drained_ += bytes;
                                    if (ec || self->drained_ > kDrainLimit) return self->closeNow();
                                    self->drain();
                                });
    }

    tcp::socket socket_;
    net::steady_timer timer_;
    Server::Impl& server_;
    beast::flat_buffer buffer_;
    ParsedRequest request_;
    std::optional<RequestParser> parser_;
    std::deque<Slot> slots_;
    std::vector<std::pair<std::string_view, std::string_view>> headers_;
    std::string writeHead_;
    std::string client_;
    std::string clientEndpoint_;  // "address:port", for the access log
    Clock::time_point headerDeadline_;
    Clock::time_point deadline_;
    Clock::time_point timerAt_;
    std::uint64_t timerGeneration_ = 0;
    bool timerArmed_ = false;
    std::uint64_t nextSeq_ = 0;
    std::size_t drained_ = 0;
    bool requestStarted_ = false;
    bool continueSent_ = false;
    bool reading_ = false;
    bool writing_ = false;
    bool writingContinue_ = false;
    bool closing_ = false;
    bool finishing_ = false;
    bool closed_ = false;
    std::atomic<bool> abandoned_{false};  // read by worker threads
};

void startSession(tcp::socket socket, Server::Impl& server) {
    std::make_shared<Session>(std::move(socket), server)->start();
}

void shutdownGracefully(const std::shared_ptr<Session>& session) {
    net::post(session->executor(), [session] { session->shutdownGracefully(); });
}

void closeNow(const std::shared_ptr<Session>& session) {
    net::post(session->executor(), [session] { session->closeNow(); });
}

}  // namespace loadstar::server
