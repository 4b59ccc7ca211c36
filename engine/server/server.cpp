#include "engine/server/server.h"

#include <array>
#include <cstdio>
#include <ctime>
#include <deque>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>

#include "engine/server/access_log.h"
#include "engine/server/cpu_burner.h"
#include "engine/server/request_parser.h"
#include "engine/server/worker_pool.h"

namespace loadstar::server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// Requests read ahead of their responses on one connection (pipelining). Beyond this
// the session stops reading until responses go out.
constexpr std::size_t kMaxPipelined = 16;
constexpr std::size_t kReadChunk = 4096;
// After an error response, unread input is drained briefly so that closing does not
// reset the connection before the client has read the response.
constexpr std::size_t kDrainLimit = 1 << 20;
constexpr auto kDrainTimeout = std::chrono::seconds(1);

std::mt19937_64& threadRandom() {
    thread_local std::mt19937_64 random{std::random_device{}()};
    return random;
}

// "Date: Wed, 25 Nov 2026 12:32:20 GMT\r\n", formatted once a second per thread.
// Written by hand: strftime's names would follow the process locale.
const std::string& dateHeader() {
    thread_local std::string cached;
    thread_local std::time_t cachedSecond = -1;
    const std::time_t now = std::time(nullptr);
    if (now != cachedSecond) {
        static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
        static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        std::tm tm{};
        gmtime_r(&now, &tm);
        char text[64];
        std::snprintf(text, sizeof text, "Date: %s, %02d %s %04d %02d:%02d:%02d GMT\r\n",
                      kDays[static_cast<std::size_t>(tm.tm_wday)], tm.tm_mday,
                      kMonths[static_cast<std::size_t>(tm.tm_mon)], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                      tm.tm_sec);
        cached = text;
        cachedSecond = now;
    }
    return cached;
}

std::string milliseconds(model::Duration duration) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", static_cast<double>(duration.count()) / 1000.0);
    return text;
}

// Collects requests of one endpoint into batches: a batch closes when its window
// (counted from its first request) ends or when it is full. Batches are processed one
// at a time, as one model instance would, each taking base + perItem * size; a request's
// wait for its batch to close and for the processor counts as queue time.
class Batcher {
  public:
    using Done = std::function<void(model::Duration waited)>;

    Batcher(net::io_context& context, const model::Batching& settings)
        : strand_(net::make_strand(context)), window_(strand_), processor_(strand_), settings_(settings) {}

    void submit(Done done) {
        net::post(strand_, [this, done = std::move(done)]() mutable { add(std::move(done)); });
    }

  private:
    struct Waiter {
        Done done;
        Clock::time_point since;
        model::Duration waited{0};
    };

    void add(Done done) {
        pending_.push_back({std::move(done), Clock::now(), model::Duration(0)});
        if (pending_.size() >= static_cast<std::size_t>(std::max(1, settings_.maxBatch))) {
            closeWindow();
        } else if (pending_.size() == 1) {
            window_.expires_after(settings_.window);
            window_.async_wait([this, generation = generation_](beast::error_code ec) {
                if (!ec && generation == generation_) closeWindow();
            });
        }
    }

    void closeWindow() {
        ++generation_;
        window_.cancel();
        batches_.push_back(std::move(pending_));
        pending_.clear();
        runNext();
    }

    void runNext() {
        if (busy_ || batches_.empty()) return;
        busy_ = true;
        current_ = std::move(batches_.front());
        batches_.pop_front();
        const auto now = Clock::now();
        for (Waiter& waiter : current_)
            waiter.waited = std::chrono::duration_cast<model::Duration>(now - waiter.since);
        processor_.expires_after(settings_.base +
                                 settings_.perItem * static_cast<std::int64_t>(current_.size()));
        processor_.async_wait([this](beast::error_code) {
            std::vector<Waiter> finished = std::move(current_);
            current_.clear();
            busy_ = false;
            for (Waiter& waiter : finished) {
                waiter.done(waiter.waited);
            }
            runNext();
        });
    }

    net::strand<net::io_context::executor_type> strand_;
    net::steady_timer window_;
    net::steady_timer processor_;
    model::Batching settings_;
    std::vector<Waiter> pending_;
    std::deque<std::vector<Waiter>> batches_;
    std::vector<Waiter> current_;
    std::uint64_t generation_ = 0;
    bool busy_ = false;
};

// A connection over the limit: answered 503 with `Connection: close` without reading
// its request, so that the client learns why instead of seeing a bare close; then
// half-closed and drained briefly, so that closing does not reset the answer away.
class RefusedConnection : public std::enable_shared_from_this<RefusedConnection> {
  public:
    RefusedConnection(tcp::socket socket, std::string answer)
        : socket_(std::move(socket)), timer_(socket_.get_executor()), answer_(std::move(answer)) {}

    void start() {
        timer_.expires_after(kDrainTimeout);
        timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (!ec) self->close();
        });
        net::async_write(socket_, net::buffer(answer_),
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             if (ec) return self->close();
                             self->socket_.shutdown(tcp::socket::shutdown_send, ec);
                             self->drain();
                         });
    }

  private:
    void drain() {
        socket_.async_read_some(net::buffer(scratch_),
                                [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                                    self->drained_ += bytes;
                                    if (ec || self->drained_ > kDrainLimit) return self->close();
                                    self->drain();
                                });
    }

    void close() {
        beast::error_code ignored;
        socket_.close(ignored);
        timer_.cancel();
    }

    tcp::socket socket_;
    net::steady_timer timer_;
    std::string answer_;
    std::array<char, 1024> scratch_{};
    std::size_t drained_ = 0;
};

class Session;

}  // namespace

struct Server::Impl {
    Impl(std::shared_ptr<const model::Project> p, SchemaServices services)
        : project(std::move(p)),
          handler(project, std::move(services)),
          metrics(handler.metricsRoutes()),
          settings(project->server),
          context(settings.concurrency.model == model::ConcurrencyModel::Async
                      ? std::max(1, settings.concurrency.threads)
                      : 1),
          acceptor(net::make_strand(context)),
          retryTimer(acceptor.get_executor()) {
        handler.setMetrics(&metrics);
    }

    void accept();
    void registerSession(Session* session, std::weak_ptr<Session> weak);
    void unregisterSession(Session* session);
    template <typename F>
    void forEachSession(F&& f);

    std::shared_ptr<const model::Project> project;
    RequestHandler handler;
    Metrics metrics;
    model::ServerSettings settings;
    std::unique_ptr<WorkerPool> workerPool;
    std::shared_ptr<AccessLog> accessLog;  // null: no access log
    const std::shared_ptr<const PreparedResponse> tooManyConnections =
        prepareResponse(503, "application/json", R"({"detail":"Server busy: too many connections"})",
                        {{"Retry-After", "1"}, {"Connection", "close"}});
    std::unique_ptr<net::thread_pool> cpuPool;
    net::io_context context;
    std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
    tcp::acceptor acceptor;
    net::steady_timer retryTimer;
    std::vector<std::unique_ptr<Batcher>> batchers;  // by endpoint index; null when it does not batch
    std::vector<std::thread> threads;
    int loopThreads = 1;
    std::atomic<bool> stopping{false};
    bool running = false;
    std::mutex sessionsMutex;
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
};

namespace {

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
        server_.metrics.connectionClosed();
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
        head = dateHeader();
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

}  // namespace

void Server::Impl::accept() {
    // With a single loop thread every handler already runs in order: a strand per
    // connection would only add a lock and a queue to each step.
    const auto executor = loopThreads == 1 ? net::any_io_executor(context.get_executor())
                                           : net::any_io_executor(net::make_strand(context));
    acceptor.async_accept(executor, [this](beast::error_code ec, tcp::socket socket) {
        if (ec) {
            if (!acceptor.is_open() || stopping) return;
            // Out of file descriptors or a transient failure: try again shortly rather
            // than spinning.
            retryTimer.expires_after(std::chrono::milliseconds(50));
            retryTimer.async_wait([this](beast::error_code timerError) {
                if (!timerError && acceptor.is_open()) accept();
            });
            return;
        }
        if (stopping) {
            beast::error_code ignored;
            socket.close(ignored);
        } else if (metrics.connectionsOpen() >= settings.limits.maxConnections) {
            metrics.connectionRejected();
            std::make_shared<RefusedConnection>(std::move(socket), tooManyConnections->head + dateHeader() +
                                                                       "\r\n" + tooManyConnections->body)
                ->start();
        } else {
            std::make_shared<Session>(std::move(socket), *this)->start();
        }
        accept();
    });
}

void Server::Impl::registerSession(Session* session, std::weak_ptr<Session> weak) {
    const std::lock_guard lock(sessionsMutex);
    sessions.emplace(session, std::move(weak));
}

void Server::Impl::unregisterSession(Session* session) {
    const std::lock_guard lock(sessionsMutex);
    sessions.erase(session);
}

template <typename F>
void Server::Impl::forEachSession(F&& f) {
    std::vector<std::shared_ptr<Session>> alive;
    {
        const std::lock_guard lock(sessionsMutex);
        for (auto& [raw, weak] : sessions) {
            if (auto session = weak.lock()) alive.push_back(std::move(session));
        }
    }
    for (auto& session : alive)
        f(session);
}

Server::Server(std::shared_ptr<const model::Project> project, SchemaServices services)
    : impl_(std::make_unique<Impl>(std::move(project), std::move(services))) {}

Server::~Server() {
    stop(std::chrono::milliseconds(500));
}

void Server::setAccessLog(std::shared_ptr<AccessLog> log) {
    impl_->accessLog = std::move(log);
}

const Metrics& Server::metrics() const {
    return impl_->metrics;
}
const RequestHandler& Server::handler() const {
    return impl_->handler;
}

std::variant<Started, StartError> Server::start() {
    Impl& s = *impl_;
    if (s.running) return StartError{"the server is already running"};
    const std::string& host = s.settings.host;
    if (s.settings.port < 0 || s.settings.port > 65535) {
        return StartError{"port " + std::to_string(s.settings.port) + " is out of range (0-65535)"};
    }
    const auto port = static_cast<unsigned short>(s.settings.port);
    beast::error_code ec;
    tcp::endpoint endpoint;
    const net::ip::address address = net::ip::make_address(host, ec);
    if (!ec) {
        endpoint = tcp::endpoint(address, port);
    } else {
        tcp::resolver resolver(s.context);
        const auto results = resolver.resolve(host, std::to_string(port), ec);
        if (ec || results.empty()) return StartError{"cannot resolve host '" + host + "': " + ec.message()};
        endpoint = results.begin()->endpoint();
    }
    const std::string where = host + ":" + std::to_string(port);
    s.acceptor.open(endpoint.protocol(), ec);
    if (ec) return StartError{"cannot listen on " + where + ": " + ec.message()};
    s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
    s.acceptor.bind(endpoint, ec);
    if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        beast::error_code ignored;
        s.acceptor.close(ignored);
        return StartError{"cannot listen on " + where + ": " + ec.message()};
    }

    Started started;
    started.host = host;
    started.port = s.acceptor.local_endpoint().port();
    if (!endpoint.address().is_loopback()) {
        started.warnings.push_back(
            "listening on " + endpoint.address().to_string() +
            ", which other machines can reach; the design's endpoints and /docs are served "
            "to anyone who can connect");
    }

    const model::Concurrency& concurrency = s.settings.concurrency;
    const bool async = concurrency.model == model::ConcurrencyModel::Async;
    if (!async) s.workerPool = std::make_unique<WorkerPool>(concurrency.workers, concurrency.queueSize);
    bool offloads = false;
    for (const model::Endpoint& e : s.project->endpoints) {
        offloads = offloads || (e.behaviour.cpu.offload && e.behaviour.cpu.duration.count() > 0);
        s.batchers.push_back(e.behaviour.batching.enabled
                                 ? std::make_unique<Batcher>(s.context, e.behaviour.batching)
                                 : nullptr);
    }
    if (async && offloads) {
        s.cpuPool = std::make_unique<net::thread_pool>(std::max(2u, std::thread::hardware_concurrency()));
    }
    const int threads = async ? std::max(1, concurrency.threads) : 1;
    s.loopThreads = threads;
    s.work.emplace(s.context.get_executor());
    s.accept();
    for (int i = 0; i < threads; ++i)
        s.threads.emplace_back([&context = s.context] { context.run(); });
    s.running = true;
    return started;
}

bool Server::stop(std::chrono::milliseconds deadline) {
    Impl& s = *impl_;
    if (!s.running) return true;
    s.running = false;
    s.stopping = true;
    net::post(s.acceptor.get_executor(), [&s] {
        beast::error_code ignored;
        s.acceptor.close(ignored);
        s.retryTimer.cancel();
    });
    s.forEachSession([](const std::shared_ptr<Session>& session) {
        net::post(session->executor(), [session] { session->shutdownGracefully(); });
    });
    const auto until = Clock::now() + deadline;
    while (s.metrics.connectionsOpen() > 0 && Clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const bool clean = s.metrics.connectionsOpen() == 0;
    if (!clean) {
        s.forEachSession([](const std::shared_ptr<Session>& session) {
            net::post(session->executor(), [session] { session->closeNow(); });
        });
    }
    if (s.workerPool) s.workerPool->stop();
    if (s.cpuPool) s.cpuPool->join();
    s.work.reset();
    s.context.stop();
    for (std::thread& thread : s.threads)
        thread.join();
    s.threads.clear();
    return clean;
}

}  // namespace loadstar::server
