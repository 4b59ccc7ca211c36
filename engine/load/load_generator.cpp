#include "engine/load/load_generator.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <deque>
#include <openssl/ssl.h>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include "engine/load/response_parser.h"
#include "engine/load/target_resolution.h"

namespace loadstar::load {

namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using error_code = boost::system::error_code;

std::int64_t micros(Clock::duration d) {
    return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
}

// A request on a connection idle at least this long is resent once if the
// connection turns out to be closed (servers drop idle keep-alive connections).
constexpr auto kIdleBeforeRetry = std::chrono::seconds(1);
// A connection reads into 2 KiB (a small answer and its head in one read) and doubles the
// buffer while reads fill it, up to 64 KiB: a thousand connections waiting on small
// answers then hold 2 MiB of buffers, not 8.
constexpr std::size_t kFirstReadBuffer = 2048;
constexpr std::size_t kMaxReadBuffer = 64 * 1024;

// State every worker reads; the mutable parts are atomics.
struct Shared {
    Shared(const LoadOptions& o, const RequestPlan& p) : options(o), plan(p) {}

    const LoadOptions& options;
    const RequestPlan& plan;
    std::vector<tcp::endpoint> endpoints;
    std::unique_ptr<ssl::context> tls;
    Clock::time_point start;
    Clock::time_point measureFrom;
    Clock::time_point end;
    std::atomic<std::int64_t> budget{0};
    std::atomic<int> open{0};
    std::atomic<bool> budgetSpent{false};

    // One request may start; false once a request limit is reached.
    bool takeBudget() {
        if (options.maxRequests <= 0) return true;
        if (budget.fetch_sub(1, std::memory_order_relaxed) > 0) return true;
        budgetSpent.store(true, std::memory_order_relaxed);
        return false;
    }
};

class Worker;

// One keep-alive connection and the request on it. Handlers capture `this`: a
// connection lives as long as its worker, whose io_context runs all handlers.
// Exactly one operation is outstanding while busy; a timeout or an abort only
// closes the socket, and the failing handler then finishes the request, so each
// request ends exactly once.
class Connection {
  public:
    Connection(Worker& worker, std::size_t index);
    ~Connection() { close(); }

    std::size_t index() const { return index_; }
    bool busy() const { return busy_; }
    bool open() const { return open_; }
    // Closed loop: thinking or backing off before its next request.
    bool pausing() const { return pausing_; }
    void setPausing(bool pausing) { pausing_ = pausing; }

    void issue(Clock::time_point intended, const RequestPlan::Pick& pick);
    void checkDeadline(Clock::time_point now);
    void abort();
    void close();
    asio::steady_timer& timer() { return timer_; }

  private:
    enum class Phase { Connect, Write, Read };

    void connect();
    void write();
    void read();
    void onRead(const error_code& ec, std::size_t n);
    void fail(Phase phase, const error_code& ec);
    void complete(bool reusable);
    void finish();

    Worker& worker_;
    std::size_t index_;
    tcp::socket socket_;
    std::unique_ptr<ssl::stream<tcp::socket&>> tls_;
    asio::steady_timer timer_;  // think time and back-off (owned by the worker's logic)
    ResponseParser parser_;
    // Not zeroed: a page of it becomes resident only when a read reaches it.
    std::unique_ptr<char[]> buffer_ = std::make_unique_for_overwrite<char[]>(kFirstReadBuffer);
    std::size_t bufferSize_ = kFirstReadBuffer;

    bool open_ = false;
    bool busy_ = false;
    bool pausing_ = false;
    bool timedOut_ = false;
    bool aborted_ = false;
    bool reused_ = false;  // the request went out on a connection idle for a while
    bool retried_ = false;
    std::size_t endpoint_ = 0;
    const PreparedRequest* request_ = nullptr;
    Clock::time_point intended_;
    Clock::time_point sent_;
    Clock::time_point deadline_;
    Clock::time_point lastAnswer_;
};

struct PendingArrival {
    Clock::time_point intended;
    RequestPlan::Pick pick;
};

class Worker {
  public:
    Worker(Shared& shared, std::size_t index, std::size_t count, stats::ThreadRecorder& recorder)
        : shared_(shared),
          index_(index),
          count_(count),
          recorder_(recorder),
          control_(io_),
          sweep_(io_),
          arrivals_(io_),
          grace_(io_),
          random_(shared.options.seed * 0x9E3779B97F4A7C15ull + index) {
        const int max =
            shared.options.maxConnections > 0 ? shared.options.maxConnections : kDefaultOpenLoopConnections;
        maxConnections_ =
            static_cast<std::size_t>(max) / count + (index < static_cast<std::size_t>(max) % count);
        if (maxConnections_ == 0) maxConnections_ = 1;
    }

    void run() {
        onControl();
        onSweep();
        if (open()) scheduleArrivals();
        io_.run();
        for (auto& c : connections_)
            c->close();
    }

    void requestStop() {
        asio::post(io_, [this] { beginStop(); });
    }

    std::uint64_t started() const { return started_.load(std::memory_order_relaxed); }

    // Called by Connection.
    void countStarted() {
        started_.store(started_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }
    asio::io_context& io() { return io_; }
    Shared& shared() { return shared_; }
    bool stopping() const { return stopping_; }
    template <typename F>
    void record(std::size_t endpoint, Clock::time_point intended, F&& f) {
        // The warm-up's requests go to their own slot: they are the first after a
        // server's start, its cold latency, and stay out of the measured figures.
        if (intended < shared_.measureFrom) endpoint = shared_.plan.endpointCount();
        recorder_.update(endpoint, std::forward<F>(f));
    }

    void onConnectionFree(Connection& c, bool connectFailed) {
        if (stopping_) {
            maybeFinish();
            return;
        }
        if (open()) {
            while (!pending_.empty()) {
                const PendingArrival next = pending_.front();
                pending_.pop_front();
                if (Clock::now() - next.intended > shared_.options.timeout) {
                    record(next.pick.endpoint, next.intended, [](stats::RequestStats& s) { ++s.dropped; });
                    continue;
                }
                c.issue(next.intended, next.pick);
                return;
            }
            idle_.push_back(&c);
            return;
        }
        // Closed loop: the virtual user goes on, after its think time (or a 10 ms
        // back-off when the connect failed, so a dead target is not hammered),
        // unless the stage has fewer users now.
        if (c.index() >= wantedUsers_) {
            c.close();
            return;
        }
        const auto pause = connectFailed ? std::chrono::microseconds(std::chrono::milliseconds(10))
                                         : shared_.options.thinkTime;
        if (pause.count() > 0) {
            c.setPausing(true);
            c.timer().expires_after(pause);
            c.timer().async_wait([this, &c](const error_code& ec) {
                c.setPausing(false);
                if (!ec) nextClosedRequest(c);
            });
        } else {
            nextClosedRequest(c);
        }
    }

  private:
    bool open() const { return shared_.options.executor == model::Executor::Open; }

    std::uint64_t nextRandom() {
        // splitmix64: cheap, and good enough to pick endpoints and samples.
        std::uint64_t z = (random_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    void nextClosedRequest(Connection& c) {
        if (stopping_ || c.busy()) return;
        if (c.index() >= wantedUsers_) {
            c.close();
            return;
        }
        const Clock::time_point now = Clock::now();
        if (now >= shared_.end || !shared_.takeBudget()) {
            beginStop();
            return;
        }
        c.issue(now, shared_.plan.pick(nextRandom()));
    }

    // This worker's share of a level: an even split with the remainder going to
    // the first workers, so no user is dropped by rounding.
    std::size_t shareOf(double level) const {
        const auto total = static_cast<std::size_t>(std::llround(std::max(0.0, level)));
        return total / count_ + (index_ < total % count_ ? 1 : 0);
    }

    void onControl() {
        if (stopping_) return;
        const Clock::time_point now = Clock::now();
        if (now >= shared_.end || shared_.budgetSpent.load(std::memory_order_relaxed)) {
            // Arrivals due before the end are sent even when this timer fires first.
            if (open()) onArrivals();
            beginStop();
            return;
        }
        if (!open()) {
            const auto sinceStart = std::chrono::duration_cast<model::Duration>(now - shared_.start);
            wantedUsers_ = shareOf(shared_.options.profile.levelAt(sinceStart));
            while (connections_.size() < wantedUsers_)
                connections_.push_back(std::make_unique<Connection>(*this, connections_.size()));
            for (std::size_t i = 0; i < wantedUsers_; ++i) {
                if (!connections_[i]->busy() && !connections_[i]->pausing())
                    nextClosedRequest(*connections_[i]);
            }
        }
        control_.expires_after(std::chrono::milliseconds(20));
        control_.async_wait([this](const error_code& ec) {
            if (!ec) onControl();
        });
    }

    Clock::duration sweepPeriod() const {
        return std::clamp<Clock::duration>(shared_.options.timeout / 10, std::chrono::milliseconds(1),
                                           std::chrono::milliseconds(50));
    }

    // Deadlines are checked by one periodic sweep rather than a timer per request:
    // re-arming a timer for every request costs more than the requests themselves
    // at wrk's rates. The sweep runs ten times per timeout (at most every 50 ms).
    void onSweep() {
        const Clock::time_point now = Clock::now();
        for (auto& c : connections_)
            c->checkDeadline(now);
        while (!pending_.empty() && now - pending_.front().intended > shared_.options.timeout) {
            const PendingArrival& dropped = pending_.front();
            record(dropped.pick.endpoint, dropped.intended, [](stats::RequestStats& s) { ++s.dropped; });
            pending_.pop_front();
        }
        sweep_.expires_after(sweepPeriod());
        sweep_.async_wait([this](const error_code& ec) {
            if (!ec) onSweep();
        });
    }

    // Open loop: this worker takes every count_-th arrival of the whole schedule,
    // so the workers interleave and together offer exactly the profile's rate.
    std::optional<Clock::time_point> arrivalTime(std::uint64_t k) const {
        const auto t = shared_.options.profile.arrivalTime(static_cast<double>(k * count_ + index_));
        if (!t) return std::nullopt;
        return shared_.start + *t;
    }

    void scheduleArrivals() {
        const auto next = arrivalTime(arrival_);
        if (!next) return;
        arrivals_.expires_at(*next);
        arrivals_.async_wait([this](const error_code& ec) {
            if (!ec) onArrivals();
        });
    }

    void onArrivals() {
        const Clock::time_point now = Clock::now();
        while (!stopping_) {
            const auto intended = arrivalTime(arrival_);
            if (!intended || *intended > now || *intended >= shared_.end) break;
            ++arrival_;
            if (!shared_.takeBudget()) {
                beginStop();
                return;
            }
            dispatch(*intended, shared_.plan.pick(nextRandom()));
        }
        if (!stopping_) scheduleArrivals();
    }

    void dispatch(Clock::time_point intended, const RequestPlan::Pick& pick) {
        if (!idle_.empty()) {
            Connection* c = idle_.back();
            idle_.pop_back();
            c->issue(intended, pick);
        } else if (connections_.size() < maxConnections_) {
            connections_.push_back(std::make_unique<Connection>(*this, connections_.size()));
            connections_.back()->issue(intended, pick);
        } else {
            pending_.push_back({intended, pick});
        }
    }

    void beginStop() {
        if (stopping_) return;
        stopping_ = true;
        control_.cancel();
        arrivals_.cancel();
        for (auto& c : connections_) {
            if (!c->busy()) c->timer().cancel();
        }
        pending_.clear();
        // Up to a 2 s timeout, every request in flight ends as an answer or a
        // counted timeout: the grace outlasts the timeout plus two sweeps.
        const auto grace =
            std::min<Clock::duration>(shared_.options.timeout, std::chrono::seconds(2)) + 2 * sweepPeriod();
        grace_.expires_after(grace);
        grace_.async_wait([this](const error_code& ec) {
            if (ec) return;
            for (auto& c : connections_)
                c->abort();
            finishNow();
        });
        maybeFinish();
    }

    void maybeFinish() {
        for (const auto& c : connections_) {
            if (c->busy()) return;
        }
        finishNow();
    }

    void finishNow() {
        control_.cancel();
        sweep_.cancel();
        arrivals_.cancel();
        grace_.cancel();
        io_.stop();
    }

    Shared& shared_;
    std::size_t index_;
    std::size_t count_;
    stats::ThreadRecorder& recorder_;
    asio::io_context io_{1};
    asio::steady_timer control_;
    asio::steady_timer sweep_;
    asio::steady_timer arrivals_;
    asio::steady_timer grace_;
    std::vector<std::unique_ptr<Connection>> connections_;
    std::vector<Connection*> idle_;
    std::deque<PendingArrival> pending_;
    std::size_t wantedUsers_ = 0;
    std::size_t maxConnections_ = 1;
    std::uint64_t arrival_ = 0;
    std::uint64_t random_;
    bool stopping_ = false;
    std::atomic<std::uint64_t> started_{0};  // written by this worker's thread only
};

Connection::Connection(Worker& worker, std::size_t index)
    : worker_(worker), index_(index), socket_(worker.io()), timer_(worker.io()) {}

void Connection::close() {
    if (!open_) return;
    open_ = false;
    tls_.reset();
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    worker_.shared().open.fetch_sub(1, std::memory_order_relaxed);
}

void Connection::issue(Clock::time_point intended, const RequestPlan::Pick& pick) {
    busy_ = true;
    timedOut_ = false;
    aborted_ = false;
    retried_ = false;
    endpoint_ = pick.endpoint;
    request_ = pick.request;
    intended_ = intended;
    sent_ = Clock::now();
    deadline_ = sent_ + worker_.shared().options.timeout;
    worker_.countStarted();
    if (open_) {
        // Only a connection that sat idle may have been closed by the server's
        // keep-alive timeout; on a busy one a close is the target failing.
        reused_ = sent_ - lastAnswer_ >= kIdleBeforeRetry;
        write();
    } else {
        reused_ = false;
        connect();
    }
}

void Connection::checkDeadline(Clock::time_point now) {
    if (!busy_ || timedOut_ || now < deadline_) return;
    timedOut_ = true;
    error_code ignored;
    socket_.cancel(ignored);
    socket_.close(ignored);
}

void Connection::abort() {
    if (!busy_) return;
    aborted_ = true;
    error_code ignored;
    socket_.close(ignored);
}

void Connection::connect() {
    Shared& shared = worker_.shared();
    if (!open_) {
        open_ = true;
        shared.open.fetch_add(1, std::memory_order_relaxed);
    }
    // A range connect moves on to the next address after an error, so a timeout
    // or an abort (which only close the socket) is checked by flag in each step.
    asio::async_connect(socket_, shared.endpoints, [this](const error_code& ec, const tcp::endpoint&) {
        if (ec || timedOut_ || aborted_) return fail(Phase::Connect, ec);
        error_code ignored;
        socket_.set_option(tcp::no_delay(true), ignored);
        Shared& s = worker_.shared();
        if (!s.tls) return write();
        tls_ = std::make_unique<ssl::stream<tcp::socket&>>(socket_, *s.tls);
        const std::string& host = s.options.url.host;
        error_code addressError;
        asio::ip::make_address(host, addressError);
        if (addressError) {  // SNI for host names only (SSL_set_tlsext_host_name without its C cast)
            SSL_ctrl(tls_->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                     const_cast<char*>(host.c_str()));
        }
        if (!s.options.insecureTls) tls_->set_verify_callback(ssl::host_name_verification(host));
        tls_->async_handshake(ssl::stream_base::client, [this](const error_code& hec) {
            if (hec || timedOut_ || aborted_) return fail(Phase::Connect, hec);
            write();
        });
    });
}

void Connection::write() {
    auto onWritten = [this](const error_code& ec, std::size_t) {
        if (ec || timedOut_ || aborted_) return fail(Phase::Write, ec);
        parser_.reset(request_->head);
        // Read after the other connections ready in this wake-up have been served: read
        // now and the server, which has not had the request for a microsecond, has not
        // answered; the recv returns EAGAIN and the read waits for epoll anyway, one
        // system call a request more. Deferred, the answer is usually there to be read.
        asio::post(worker_.io(), [this] { read(); });
    };
    const auto buffer = asio::buffer(request_->bytes);
    if (tls_) {
        asio::async_write(*tls_, buffer, onWritten);
    } else {
        asio::async_write(socket_, buffer, onWritten);
    }
}

void Connection::read() {
    auto onReadSome = [this](const error_code& ec, std::size_t n) { onRead(ec, n); };
    if (tls_) {
        tls_->async_read_some(asio::buffer(buffer_.get(), bufferSize_), onReadSome);
    } else {
        socket_.async_read_some(asio::buffer(buffer_.get(), bufferSize_), onReadSome);
    }
}

void Connection::onRead(const error_code& ec, std::size_t n) {
    if (n > 0 && !timedOut_ && !aborted_) {
        std::size_t used = 0;
        switch (parser_.feed(buffer_.get(), n, used)) {
            case ResponseParser::Result::Complete:
                return complete(used == n);
            case ResponseParser::Result::Error:
                return fail(Phase::Read, asio::error::invalid_argument);
            case ResponseParser::Result::NeedMore:
                break;
        }
        // The parser keeps what it needs of an unfinished answer: the buffer is free.
        if (n == bufferSize_ && bufferSize_ < kMaxReadBuffer) {
            bufferSize_ *= 2;
            buffer_ = std::make_unique_for_overwrite<char[]>(bufferSize_);
        }
    }
    if (!ec) return read();
    if (!timedOut_ && !aborted_ && (ec == asio::error::eof || ec == ssl::error::stream_truncated)) {
        if (parser_.finishAtEof() == ResponseParser::Result::Complete) return complete(false);
    }
    fail(Phase::Read, ec);
}

void Connection::fail(Phase phase, const error_code& ec) {
    close();
    if (aborted_) {
        busy_ = false;
        return;
    }
    // A server may close an idle keep-alive connection just as we reuse it; that
    // is not the target failing. Resend once on a fresh connection, as browsers do.
    if (!timedOut_ && reused_ && !retried_ && phase != Phase::Connect && !parser_.started()) {
        retried_ = true;
        reused_ = false;
        return connect();
    }
    stats::ErrorClass error = stats::ErrorClass::Read;
    if (timedOut_) {
        error = stats::ErrorClass::Timeout;
    } else if (phase == Phase::Connect) {
        error = stats::ErrorClass::Connect;
    } else if (phase == Phase::Write) {
        error = stats::ErrorClass::Write;
    } else if (ec == asio::error::invalid_argument) {
        error = stats::ErrorClass::Protocol;
    }
    const std::uint64_t out = phase == Phase::Connect ? 0 : request_->bytes.size();
    const std::uint64_t in = parser_.bytes();
    worker_.record(endpoint_, intended_, [error, out, in](stats::RequestStats& s) {
        s.recordError(error);
        s.bytesOut += out;
        s.bytesIn += in;
    });
    busy_ = false;
    worker_.onConnectionFree(*this, phase == Phase::Connect);
}

void Connection::complete(bool reusable) {
    const Clock::time_point now = Clock::now();
    const int status = parser_.status();
    const std::int64_t corrected = micros(now - intended_);
    const std::int64_t uncorrected = micros(now - sent_);
    const std::uint64_t out = request_->bytes.size();
    const std::uint64_t in = parser_.bytes();
    const bool expectInvalid = request_->expectInvalid;
    worker_.record(endpoint_, intended_, [=](stats::RequestStats& s) {
        s.recordResponse(status, corrected, uncorrected, expectInvalid);
        s.bytesOut += out;
        s.bytesIn += in;
    });
    lastAnswer_ = now;
    if (!reusable || !parser_.keepAlive()) close();
    busy_ = false;
    worker_.onConnectionFree(*this, false);
}

}  // namespace

struct LoadGenerator::Impl {
    Impl(const LoadOptions& o, const RequestPlan& p, stats::IntervalRecorder& r)
        : options(o), shared(options, p), recorder(r) {}

    LoadOptions options;
    Shared shared;
    stats::IntervalRecorder& recorder;
    std::vector<std::unique_ptr<Worker>> workers;
    std::vector<std::thread> threads;
    std::atomic<int> running{0};
};

LoadGenerator::LoadGenerator(const LoadOptions& options, const RequestPlan& plan,
                             stats::IntervalRecorder& recorder)
    : impl_(std::make_unique<Impl>(options, plan, recorder)) {}

LoadGenerator::~LoadGenerator() {
    stop();
    join();
}

std::optional<std::string> LoadGenerator::start(Clock::time_point start) {
    Impl& m = *impl_;
    if (m.shared.plan.empty()) return std::string("nothing to send: the request plan is empty");
    const auto threads = static_cast<std::size_t>(std::max(1, m.options.threads));
    if (m.recorder.threadCount() < threads) return std::string("internal: too few recorder slots");
    // Load goes only to this machine, or to the host the user allowed by name.
    auto resolved = resolveTarget(m.options.url, m.options.allowedRemoteHost);
    if (const auto* refusal = std::get_if<std::string>(&resolved)) return *refusal;
    for (const std::string& address : std::get<ResolvedTarget>(resolved).addresses)
        m.shared.endpoints.emplace_back(asio::ip::make_address(address), m.options.url.port);
    if (m.options.url.tls) {
        m.shared.tls = std::make_unique<ssl::context>(ssl::context::tls_client);
        if (m.options.insecureTls) {
            m.shared.tls->set_verify_mode(ssl::verify_none);
        } else {
            error_code ec;
            m.shared.tls->set_default_verify_paths(ec);
            m.shared.tls->set_verify_mode(ssl::verify_peer);
        }
    }
    m.shared.start = start;
    m.shared.measureFrom = start + m.options.profile.warmup();
    m.shared.end = start + m.options.profile.total();
    m.shared.budget = m.options.maxRequests;
    for (std::size_t i = 0; i < threads; ++i)
        m.workers.push_back(std::make_unique<Worker>(m.shared, i, threads, m.recorder.thread(i)));
    m.running = static_cast<int>(threads);
    for (std::size_t i = 0; i < threads; ++i) {
        m.threads.emplace_back([&m, i] {
            m.workers[i]->run();
            m.running.fetch_sub(1);
        });
    }
    return std::nullopt;
}

void LoadGenerator::stop() {
    for (auto& w : impl_->workers)
        w->requestStop();
}

bool LoadGenerator::finished() const {
    return impl_->running.load() == 0;
}

void LoadGenerator::join() {
    for (auto& t : impl_->threads) {
        if (t.joinable()) t.join();
    }
}

int LoadGenerator::openConnections() const {
    return impl_->shared.open.load(std::memory_order_relaxed);
}

std::uint64_t LoadGenerator::requestsStarted() const {
    std::uint64_t n = 0;
    for (const auto& w : impl_->workers)
        n += w->started();
    return n;
}

}  // namespace loadstar::load
