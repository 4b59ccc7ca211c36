#pragma once

// Private to engine/server: the state the server's pieces share (server.cpp,
// listener.cpp, session.cpp). It includes Asio but not Beast, so that only the
// session's translation unit pays for Beast's templates.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "engine/server/access_log.h"
#include "engine/server/batcher.h"
#include "engine/server/listener.h"
#include "engine/server/server.h"
#include "engine/server/worker_pool.h"

namespace loadstar::server {

class Session;

// Members are destroyed in reverse order, and that order is the point: a session
// can be destroyed by ~io_context (a handler still queued when the loop stopped
// holds it), and a destroyed session counts itself out of `metrics` and
// unregisters from `sessions`. So everything a session touches is declared before
// `context`, and everything that holds sessions or handlers of `context` (the
// listener, batchers, worker pools) after it, so it goes before the context does.
struct Server::Impl {
    Impl(std::shared_ptr<const model::Project> p, SchemaServices services);

    void registerSession(Session* session, std::weak_ptr<Session> weak);
    void unregisterSession(Session* session);  // also counts the connection closed
    std::vector<std::shared_ptr<Session>> liveSessions();

    std::shared_ptr<const model::Project> project;
    RequestHandler handler;
    Metrics metrics;
    model::ServerSettings settings;
    std::shared_ptr<AccessLog> accessLog;  // null: no access log
    int loopThreads = 1;
    std::atomic<bool> stopping{false};
    bool running = false;
    std::mutex sessionsMutex;
    std::condition_variable sessionsClosed;  // notified when a session unregisters
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions;

    net::io_context context;

    std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
    Listener listener;
    std::vector<std::unique_ptr<Batcher>> batchers;  // by endpoint index; null when it does not batch
    std::unique_ptr<WorkerPool> workerPool;
    std::unique_ptr<net::thread_pool> cpuPool;
    std::vector<std::thread> threads;
};

}  // namespace loadstar::server
