#pragma once

// Private to engine/server: the state the server's pieces share (server.cpp,
// listener.cpp, session.cpp). It includes Asio but not Beast, so that only the
// session's translation unit pays for Beast's templates.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
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

// One io_context per event-loop thread, each run by its own thread (as nginx runs a
// worker per core): a connection lives on one loop from accept to close, so its
// handlers need no strand and the loops share no queue, lock or counter. With more
// than one loop the listener has a context and thread of its own, so that a loop
// busy with a request's CPU work never holds up accepting; it deals connections out
// to the loops in turn.
//
// Members are destroyed in reverse order, and that order is the point: a session
// can be destroyed by ~io_context (a handler still queued when the loop stopped
// holds it), and a destroyed session counts itself out of `metrics` and
// unregisters from `sessions`. So everything a session touches is declared before
// `contexts`, and everything that holds sessions or handlers of the contexts (the
// listener, batchers, worker pools) after them, so it goes before they do.
struct Server::Impl {
    Impl(std::shared_ptr<const model::Project> p, SchemaServices services);

    // The loop for the next accepted connection (listener only).
    net::io_context& nextLoop() { return *contexts[nextContext++ % loops]; }

    void registerSession(Session* session, std::weak_ptr<Session> weak);
    void unregisterSession(Session* session);  // also counts the connection closed
    std::vector<std::shared_ptr<Session>> liveSessions();

    std::shared_ptr<const model::Project> project;
    RequestHandler handler;
    Metrics metrics;
    model::ServerSettings settings;
    std::shared_ptr<AccessLog> accessLog;  // null: no access log
    std::size_t loops = 1;  // event loops: contexts[0, loops); a last one, if any, is the listener's
    std::size_t nextContext = 0;
    std::atomic<bool> stopping{false};
    bool running = false;
    std::mutex sessionsMutex;
    std::condition_variable sessionsClosed;  // notified when a session unregisters
    // An ordered map: after its destruction a lookup follows freed nodes, which ASan
    // reports (an unordered map, once cleared, is searched without touching freed memory).
    std::map<Session*, std::weak_ptr<Session>> sessions;

    // Each run by one thread. Destroyed last first: a stop can leave the listener's
    // accept queued in its context (the close is posted and the loops stop before it
    // runs), and that operation holds the socket it was accepting into, which belongs
    // to a loop's context; destroying the listener's context first destroys it while
    // that loop's socket service still exists (forward order was a use after free
    // under ASan, now and then, on any server with two loops).
    struct Contexts : std::vector<std::unique_ptr<net::io_context>> {
        Contexts() = default;
        Contexts(Contexts&&) = default;
        Contexts& operator=(Contexts&&) = default;
        ~Contexts() {
            while (!empty())
                pop_back();
        }
    };
    Contexts contexts;

    std::vector<net::executor_work_guard<net::io_context::executor_type>> work;
    Listener listener;
    std::vector<std::unique_ptr<Batcher>> batchers;  // by endpoint index; null when it does not batch
    std::unique_ptr<WorkerPool> workerPool;
    std::unique_ptr<net::thread_pool> cpuPool;
    std::vector<std::thread> threads;
};

}  // namespace loadstar::server
