#include "app/cli/serve_command.h"

#include <charconv>
#include <csignal>
#include <memory>
#include <mutex>
#include <ostream>
#include <pthread.h>

#include "app/cli/arguments.h"
#include "app/cli/cli.h"
#include "app/cli/project_loading.h"
#include "engine/server/access_log.h"
#include "engine/server/schema_services.h"
#include "engine/server/server.h"

namespace loadstar::cli {

namespace {

constexpr const char* kUsage =
    "usage: loadstar serve PROJECT [--host H] [--port N] [--threads N] [--access-log [--access-log-rate N]]\n"
    "\n"
    "Serves the design: every endpoint validated and answered as the project describes, with\n"
    "its simulated latency, CPU work, batching and errors, plus /docs (Swagger UI), /redoc,\n"
    "/openapi.json, /metrics and /healthz. Prints \"listening on http://HOST:PORT\" first, then serves until "
    "SIGTERM or\n"
    "SIGINT (Ctrl-C), finishing requests in flight.\n"
    "\n"
    "  --host H   address to bind (default: the project's, normally 127.0.0.1)\n"
    "  --port N   port to bind; 0 picks a free one (default: the project's)\n"
    "  --threads N  event-loop threads of the async model, 1 to 64 (default: the project's)\n"
    "  --access-log          after the first lines, one JSON object per request on stdout:\n"
    "                        "
    "{\"time\",\"client\",\"method\",\"target\",\"status\",\"duration_us\",\"bytes_out\"},\n"
    "                        and {\"time\",\"skipped\":N} for a second in which requests were left out\n"
    "  --access-log-rate N   at most N request lines per second (default 50)\n"
    "\n"
    "Exit status: 0 after a clean stop, 2 when the project is unreadable or the address cannot be bound.\n";

// How long requests in flight may take to finish once a stop signal arrives.
constexpr auto kStopDeadline = std::chrono::seconds(10);
constexpr int kDefaultAccessLogRate = 50;

std::string urlHost(const std::string& host) {
    return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

int runServe(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    int exitCode = kExitOk;
    const auto parsed = parseCommandLine(args,
                                         {{"host", '\0', true},
                                          {"port", 'p', true},
                                          {"threads", 't', true},
                                          {"access-log", '\0'},
                                          {"access-log-rate", '\0', true}},
                                         kUsage, out, err, exitCode);
    if (!parsed) return exitCode;
    if (parsed->positionals().size() != 1) return usageError(err, "give exactly one PROJECT", kUsage);
    std::optional<model::Project> project = loadProjectOrReport(parsed->positionals().front(), err);
    if (!project) return kExitError;

    if (const auto host = parsed->value("host")) {
        if (host->empty()) return usageError(err, "--host needs an address", kUsage);
        project->server.host = *host;
    }
    if (const auto port = parsed->value("port")) {
        int value = -1;
        const auto [end, ec] = std::from_chars(port->data(), port->data() + port->size(), value);
        if (ec != std::errc{} || end != port->data() + port->size() || value < 0 || value > 65535) {
            return usageError(err, "--port must be a number from 0 to 65535, not \"" + *port + "\"", kUsage);
        }
        project->server.port = value;
    }
    if (const auto threads = parsed->value("threads")) {
        int value = 0;
        const auto [end, ec] = std::from_chars(threads->data(), threads->data() + threads->size(), value);
        if (ec != std::errc{} || end != threads->data() + threads->size() || value < 1 || value > 64) {
            return usageError(err, "--threads must be a number from 1 to 64, not \"" + *threads + "\"",
                              kUsage);
        }
        if (project->server.concurrency.model != model::ConcurrencyModel::Async) {
            return usageError(err, "--threads applies to the async model; this project uses a worker pool",
                              kUsage);
        }
        project->server.concurrency.threads = value;
    }
    int accessLogRate = kDefaultAccessLogRate;
    if (const auto rate = parsed->value("access-log-rate")) {
        if (!parsed->has("access-log"))
            return usageError(err, "--access-log-rate needs --access-log", kUsage);
        const auto [end, ec] = std::from_chars(rate->data(), rate->data() + rate->size(), accessLogRate);
        if (ec != std::errc{} || end != rate->data() + rate->size() || accessLogRate < 1) {
            return usageError(err, "--access-log-rate must be a positive number, not \"" + *rate + "\"",
                              kUsage);
        }
    }

    // Block the stop signals before the server starts its threads (they inherit the
    // mask), so that only sigwait below receives them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    sigset_t previous;
    pthread_sigmask(SIG_BLOCK, &stopSignals, &previous);

    // The access log's writer thread shares stdout with this thread: it waits for the
    // "listening on" lines, which must come first.
    std::mutex outMutex;
    std::unique_lock startup(outMutex);
    auto shared = std::make_shared<const model::Project>(std::move(*project));
    server::Server server(shared, server::projectSchemaServices(shared));
    std::shared_ptr<server::AccessLog> accessLog;
    if (parsed->has("access-log")) {
        accessLog =
            std::make_shared<server::AccessLog>(accessLogRate, [&out, &outMutex](std::string_view lines) {
                const std::lock_guard lock(outMutex);
                out << lines << std::flush;
            });
        server.setAccessLog(accessLog);
    }
    auto started = server.start();
    if (const auto* failure = std::get_if<server::StartError>(&started)) {
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        err << "loadstar serve: " << failure->message << "\n";
        return kExitError;
    }
    const server::Started& bound = std::get<server::Started>(started);
    for (const std::string& warning : bound.warnings)
        err << "loadstar serve: warning: " << warning << "\n";
    err.flush();
    const std::string base = "http://" + urlHost(bound.host) + ":" + std::to_string(bound.port);
    const model::BuiltinPaths& builtins = server.handler().router().builtinPaths();
    out << "listening on " << base << "\n"
        << "docs " << base << builtins.docs << " · redoc " << base << builtins.redoc << " · openapi " << base
        << builtins.openapi << " · metrics " << base << builtins.metrics << " · health " << base
        << builtins.health << "\n"
        << std::flush;
    startup.unlock();

    int signal = 0;
    sigwait(&stopSignals, &signal);
    const bool clean = server.stop(kStopDeadline);
    if (accessLog) accessLog->flush();  // the last lines, before the exit status
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (!clean)
        err << "loadstar serve: some connections were still busy after the stop deadline and were closed\n";
    return kExitOk;
}

}  // namespace loadstar::cli
