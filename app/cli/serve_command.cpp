#include "app/cli/serve_command.h"

#include <charconv>
#include <csignal>
#include <memory>
#include <ostream>
#include <pthread.h>

#include "app/cli/arguments.h"
#include "app/cli/cli.h"
#include "app/cli/project_loading.h"
#include "engine/server/schema_services.h"
#include "engine/server/server.h"

namespace loadstar::cli {

namespace {

constexpr const char* kUsage =
    "usage: loadstar serve PROJECT [--host H] [--port N]\n"
    "\n"
    "Serves the design: every endpoint validated and answered as the project describes, with\n"
    "its simulated latency, CPU work, batching and errors, plus /docs, /openapi.json, /metrics\n"
    "and /healthz. Prints \"listening on http://HOST:PORT\" first, then serves until SIGTERM or\n"
    "SIGINT (Ctrl-C), finishing requests in flight.\n"
    "\n"
    "  --host H   address to bind (default: the project's, normally 127.0.0.1)\n"
    "  --port N   port to bind; 0 picks a free one (default: the project's)\n"
    "\n"
    "Exit status: 0 after a clean stop, 2 when the project is unreadable or the address cannot be bound.\n";

// How long requests in flight may take to finish once a stop signal arrives.
constexpr auto kStopDeadline = std::chrono::seconds(10);

std::string urlHost(const std::string& host) {
    return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

int runServe(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string error;
    const auto parsed =
        Arguments::parse(args, {{"host", '\0', true}, {"port", 'p', true}, {"help", 'h'}}, error);
    if (!parsed) return usageError(err, error, kUsage);
    if (parsed->has("help")) {
        out << kUsage;
        return kExitOk;
    }
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

    // Block the stop signals before the server starts its threads (they inherit the
    // mask), so that only sigwait below receives them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    sigset_t previous;
    pthread_sigmask(SIG_BLOCK, &stopSignals, &previous);

    auto shared = std::make_shared<const model::Project>(std::move(*project));
    server::Server server(shared, server::projectSchemaServices(shared));
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
        << "docs " << base << builtins.docs << " · openapi " << base << builtins.openapi << " · metrics "
        << base << builtins.metrics << " · health " << base << builtins.health << "\n"
        << std::flush;

    int signal = 0;
    sigwait(&stopSignals, &signal);
    const bool clean = server.stop(kStopDeadline);
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (!clean)
        err << "loadstar serve: some connections were still busy after the stop deadline and were closed\n";
    return kExitOk;
}

}  // namespace loadstar::cli
