#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace loadstar::model {

// Which server answers a scenario that targets the design: the embedded one (async
// or a worker pool, as the project's server settings say), or the design
// generated as a FastAPI app under uvicorn or a Flask app under gunicorn.
enum class ServerKind { Embedded, FastApi, Flask };

// gunicorn's worker classes for the Flask app: one request at a time per worker
// process, or a pool of threads in each.
enum class WorkerClass { Sync, Gthread };

struct ServerChoice {
    ServerKind kind = ServerKind::Embedded;
    int workers = 1;                              // uvicorn --workers / gunicorn -w
    WorkerClass workerClass = WorkerClass::Sync;  // Flask only
    int threads = 4;                              // Flask gthread: gunicorn --threads per worker

    bool operator==(const ServerChoice&) const = default;
};

inline constexpr int kMaxServerWorkers = 64;
inline constexpr int kMaxWorkerThreads = 256;

const char* toString(ServerKind kind);  // "embedded", "fastapi", "flask"
std::optional<ServerKind> parseServerKind(std::string_view text);
const char* toString(WorkerClass workerClass);  // "sync", "gthread"
std::optional<WorkerClass> parseWorkerClass(std::string_view text);

// For people: "embedded server", "FastAPI (uvicorn, 1 worker)",
// "Flask (gunicorn gthread, 4 workers × 4 threads)".
std::string describe(const ServerChoice& choice);
// Short, for labels: "embedded", "FastAPI ×1", "Flask sync ×4", "Flask gthread ×2×8".
std::string shortLabel(const ServerChoice& choice);

}  // namespace loadstar::model
