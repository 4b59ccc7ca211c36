#include "engine/server/server.h"

#include <algorithm>

#include "engine/server/server_impl.h"
#include "engine/server/session.h"

namespace loadstar::server {

namespace {

std::size_t loopCount(const model::ServerSettings& settings) {
    const bool async = settings.concurrency.model == model::ConcurrencyModel::Async;
    return static_cast<std::size_t>(async ? std::max(1, settings.concurrency.threads) : 1);
}

// The loops, then the listener's own context when there is more than one loop.
Server::Impl::Contexts makeContexts(std::size_t loops) {
    Server::Impl::Contexts contexts;
    for (std::size_t i = 0; i < loops + (loops > 1 ? 1 : 0); ++i)
        contexts.push_back(std::make_unique<net::io_context>(1));  // each is run by one thread
    return contexts;
}

}  // namespace

Server::Impl::Impl(std::shared_ptr<const model::Project> p, SchemaServices services)
    : project(std::move(p)),
      handler(project, std::move(services)),
      metrics(handler.metricsRoutes()),
      settings(project->server),
      loops(loopCount(settings)),
      contexts(makeContexts(loops)),
      listener(*this, *contexts.back()) {
    handler.setMetrics(&metrics);
}

void Server::Impl::registerSession(Session* session, std::weak_ptr<Session> weak) {
    const std::lock_guard lock(sessionsMutex);
    sessions.emplace(session, std::move(weak));
}

void Server::Impl::unregisterSession(Session* session) {
    {
        const std::lock_guard lock(sessionsMutex);
        sessions.erase(session);
        // Under the lock, so that stop() cannot miss the last one between its check and its wait.
        metrics.connectionClosed();
    }
    sessionsClosed.notify_all();
}

std::vector<std::shared_ptr<Session>> Server::Impl::liveSessions() {
    std::vector<std::shared_ptr<Session>> alive;
    const std::lock_guard lock(sessionsMutex);
    for (auto& [raw, weak] : sessions) {
        if (auto session = weak.lock()) alive.push_back(std::move(session));
    }
    return alive;
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
    if (auto error = s.listener.listen(host, static_cast<unsigned short>(s.settings.port))) {
        return StartError{std::move(*error)};
    }

    const tcp::endpoint endpoint = s.listener.localEndpoint();
    Started started;
    started.host = host;
    started.port = endpoint.port();
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
                                 ? std::make_unique<Batcher>(*s.contexts.front(), e.behaviour.batching)
                                 : nullptr);
    }
    if (async && offloads) {
        s.cpuPool = std::make_unique<net::thread_pool>(std::max(2u, std::thread::hardware_concurrency()));
    }
    for (const auto& context : s.contexts)
        s.work.push_back(net::make_work_guard(*context));
    s.listener.start();
    for (const auto& context : s.contexts)
        s.threads.emplace_back([&loop = *context] { loop.run(); });
    s.running = true;
    return started;
}

bool Server::stop(std::chrono::milliseconds deadline) {
    Impl& s = *impl_;
    if (!s.running) return true;
    s.running = false;
    s.stopping = true;
    s.listener.close();
    for (const auto& session : s.liveSessions())
        shutdownGracefully(session);
    bool clean = false;
    {
        std::unique_lock lock(s.sessionsMutex);
        clean = s.sessionsClosed.wait_for(lock, deadline, [&s] { return s.metrics.connectionsOpen() == 0; });
    }
    if (!clean) {
        for (const auto& session : s.liveSessions())
            closeNow(session);
    }
    if (s.workerPool) s.workerPool->stop();
    if (s.cpuPool) s.cpuPool->join();
    s.work.clear();
    for (const auto& context : s.contexts)
        context->stop();
    for (std::thread& thread : s.threads)
        thread.join();
    s.threads.clear();
    return clean;
}

}  // namespace loadstar::server
