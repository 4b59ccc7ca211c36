#include "engine/server/session.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <future>
#include <limits>
#include <optional>
#include <random>
#include <vector>

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
// Reads start small, so that an idle keep-alive connection holds 1 KiB of buffer
// rather than 4 (a GET fits easily), and double while reads fill what they were given.
constexpr std::size_t kFirstReadChunk = 1024;
constexpr std::size_t kMaxReadChunk = 64 * 1024;

std::mt19937_64& threadRandom() {
    thread_local std::mt19937_64 random{std::random_device{}()};
    return random;
}

std::string milliseconds(model::Duration duration) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", static_cast<double>(duration.count()) / 1000.0);
    return text;
}

// A connection's requests between arrival and answer, oldest first: a ring whose slots
// are reused from request to request (their strings keep their capacity), grown only
// as deep as the client actually pipelines, up to kMaxPipelined. Each slot is
// allocated once and never moves, so a write in flight may point into a slot while
// the ring grows behind it.
template <typename T>
class SlotRing {
  public:
    bool empty() const { return count_ == 0; }
    std::size_t size() const { return count_; }
    T& front() { return *items_[head_]; }
    T& operator[](std::size_t index) { return *items_[(head_ + index) % items_.size()]; }

    // The slot after the last, as it was left by its previous request.
    T& push_back() {
        if (count_ == items_.size()) {
            std::rotate(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_), items_.end());
            head_ = 0;
            items_.push_back(std::make_unique<T>());
        }
        ++count_;
        return (*this)[count_ - 1];
    }
    void pop_front() {
        head_ = (head_ + 1) % items_.size();
        --count_;
    }
    void clear() {
        head_ = 0;
        count_ = 0;
    }

  private:
    std::vector<std::unique_ptr<T>> items_;
    std::size_t head_ = 0;
    std::size_t count_ = 0;
};

}  // namespace

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, Server::Impl& server)
        : socket_(std::move(socket)), timer_(socket_.get_executor()), server_(server) {
        server_.metrics.connectionOpened();
    }

    ~Session() {
        releaseSlots();
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

    // On the session's loop: answer what has been received, then close.
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
        releaseSlots();
    }

    auto executor() { return socket_.get_executor(); }

  private:
    struct Slot {
        std::uint64_t seq = 0;
        ResponsePlan plan;
        Clock::time_point arrival;
        Clock::time_point ready;
        model::Duration queued{0};
        std::string head;    // the per-request header lines, written between the response's head and body
        std::string method;  // kept for the access log only
        std::string target;
        bool keepAlive = true;
        bool http10 = false;
        bool done = false;
    };

    // The next slot, cleared for request `seq` (its strings keep their capacity).
    Slot& newSlot() {
        Slot& slot = slots_.push_back();
        slot.seq = nextSeq_++;
        slot.plan.owned.reset();
        slot.plan.extraHeaders.clear();
        slot.queued = model::Duration(0);
        slot.method.clear();
        slot.target.clear();
        slot.keepAlive = true;
        slot.http10 = false;
        slot.done = false;
        return slot;
    }

    void releaseSlots() {
        for (std::size_t i = 0; i < slots_.size(); ++i) {
            slots_[i].plan.owned.reset();
            server_.metrics.requestFinished();
        }
        slots_.clear();
    }

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
            // A response is on its way and nothing of the next request has arrived: read
            // when the write completes (onWrite pumps). Read now, and the client, which has
            // not seen the response yet, has sent nothing: Asio's speculative recv returns
            // EAGAIN and the read waits for epoll anyway, one system call a request more
            // than nginx. Deferred, the other connections ready in this wake-up are served
            // first, and by then the next request is usually there to be read at once.
            if (writing_ && buffer_.size() == 0 && !requestStarted_) return;
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
        socket_.async_read_some(buffer_.prepare(readChunk_),
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
        if (bytes == readChunk_ && readChunk_ < kMaxReadChunk) readChunk_ *= 2;
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
        Slot& slot = newSlot();
        slot.arrival = Clock::now();
        slot.plan = server_.handler.protocolError(status);
        slot.keepAlive = false;
        server_.metrics.requestStarted();
        complete(slot.seq, model::Duration(0));
    }

    void dispatch() {
        parser_.reset();
        Slot& slot = newSlot();
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

    // Runs on a worker thread: builds its own header views (the session's are for its loop).
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

    // Writes every response that is ready, oldest first and stopping at the first that
    // is not: responses leave in request order, and a pipelined batch leaves in one
    // gathered write (one system call) instead of one write each.
    void flush() {
        if (closed_ || writing_ || slots_.empty() || !slots_.front().done) {
            maybeFinish();
            return;
        }
        const bool stopping = server_.stopping.load(std::memory_order_relaxed);
        writeBuffers_.clear();
        bool last = false;
        std::size_t count = 0;
        while (!last && count < slots_.size() && slots_[count].done) {
            Slot& slot = slots_[count];
            ++count;
            const ResponsePlan& plan = slot.plan;
            last = plan.close || !slot.keepAlive || (closing_ && count == slots_.size()) || stopping;
            writeHead(slot, last);
            const PreparedResponse& response = *plan.response;
            writeBuffers_.push_back(net::buffer(response.head));
            writeBuffers_.push_back(net::buffer(slot.head));
            if (!plan.head && !response.body.empty()) writeBuffers_.push_back(net::buffer(response.body));
        }
        writing_ = true;
        responsesInWrite_ = count;
        if (!reading_) setDeadline(Clock::now() + server_.settings.limits.idleTimeout);
        auto done = [self = shared_from_this(), last](beast::error_code ec, std::size_t) {
            self->onWrite(ec, last);
        };
        // One response (keep-alive without pipelining, the common case): a fixed
        // three-buffer sequence, which Asio gathers without the general vector path
        // (about 300 instructions a request less under callgrind).
        if (count == 1) {
            std::array<net::const_buffer, 3> one{
                writeBuffers_[0], writeBuffers_[1],
                writeBuffers_.size() > 2 ? writeBuffers_[2] : net::const_buffer()};
            net::async_write(socket_, one, std::move(done));
        } else {
            net::async_write(socket_, writeBuffers_, std::move(done));
        }
    }

    // The per-request header lines: Date (formatted once a second), the plan's own
    // (CORS, Allow), Server-Timing, Connection; then the blank line.
    void writeHead(Slot& slot, bool last) {
        const ResponsePlan& plan = slot.plan;
        std::string& head = slot.head;
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
    }

    void onWrite(beast::error_code ec, bool last) {
        writing_ = false;
        if (closed_ || slots_.empty()) return;
        const auto now = Clock::now();
        for (std::size_t i = 0; i < responsesInWrite_ && !slots_.empty(); ++i) {
            Slot& slot = slots_.front();
            const auto took = std::chrono::duration_cast<model::Duration>(now - slot.arrival);
            server_.metrics.recordRequest(slot.plan.route, slot.plan.response->status, took);
            if (server_.accessLog && !ec) logAccess(slot, took);
            server_.metrics.requestFinished();
            slot.plan.owned.reset();
            slots_.pop_front();
        }
        responsesInWrite_ = 0;
        if (ec) return closeNow();
        if (last) {
            closing_ = true;
            releaseSlots();
            return finish();
        }
        flush();
        // Nothing buffered or pending: the read starts one more turn of the loop later,
        // after the other connections ready now (see pump), when the next request has
        // usually arrived and the recv finds it instead of EAGAIN.
        if (!writing_ && buffer_.size() == 0 && slots_.empty()) {
            net::post(executor(), [self = shared_from_this()] {
                if (!self->closed_) self->pump();
            });
            return;
        }
        pump();
    }

    void logAccess(Slot& slot, model::Duration took) {
        const PreparedResponse& response = *slot.plan.response;
        const std::size_t bytes =
            response.head.size() + slot.head.size() + (slot.plan.head ? 0 : response.body.size());
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
        socket_.async_read_some(buffer_.prepare(readChunk_),
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
    SlotRing<Slot> slots_;
    std::vector<std::pair<std::string_view, std::string_view>> headers_;
    std::vector<net::const_buffer> writeBuffers_;
    std::size_t responsesInWrite_ = 0;
    std::string client_;
    std::string clientEndpoint_;  // "address:port", for the access log
    Clock::time_point headerDeadline_;
    Clock::time_point deadline_;
    Clock::time_point timerAt_;
    std::uint64_t timerGeneration_ = 0;
    bool timerArmed_ = false;
    std::uint64_t nextSeq_ = 0;
    std::size_t drained_ = 0;
    std::size_t readChunk_ = kFirstReadChunk;
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
