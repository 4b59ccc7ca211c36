#include "engine/model/server_choice.h"

namespace loadstar::model {

const char* toString(ServerKind kind) {
    switch (kind) {
        case ServerKind::Embedded:
            return "embedded";
        case ServerKind::FastApi:
            return "fastapi";
        case ServerKind::Flask:
            return "flask";
    }
    return "embedded";
}

std::optional<ServerKind> parseServerKind(std::string_view text) {
    if (text == "embedded") return ServerKind::Embedded;
    if (text == "fastapi") return ServerKind::FastApi;
    if (text == "flask") return ServerKind::Flask;
    return std::nullopt;
}

const char* toString(WorkerClass workerClass) {
    return workerClass == WorkerClass::Sync ? "sync" : "gthread";
}

std::optional<WorkerClass> parseWorkerClass(std::string_view text) {
    if (text == "sync") return WorkerClass::Sync;
    if (text == "gthread") return WorkerClass::Gthread;
    return std::nullopt;
}

std::string describe(const ServerChoice& choice) {
    const auto count = [](int n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    switch (choice.kind) {
        case ServerKind::Embedded:
            return "embedded server";
        case ServerKind::FastApi:
            return "FastAPI (uvicorn, " + count(choice.workers, "worker", "workers") + ")";
        case ServerKind::Flask:
            if (choice.workerClass == WorkerClass::Sync)
                return "Flask (gunicorn sync, " + count(choice.workers, "worker", "workers") + ")";
            return "Flask (gunicorn gthread, " + count(choice.workers, "worker", "workers") + " \u00d7 " +
                   count(choice.threads, "thread", "threads") + ")";
    }
    return "embedded server";
}

std::string shortLabel(const ServerChoice& choice) {
    const std::string times = "\u00d7";
    switch (choice.kind) {
        case ServerKind::Embedded:
            return "embedded";
        case ServerKind::FastApi:
            return "FastAPI " + times + std::to_string(choice.workers);
        case ServerKind::Flask:
            if (choice.workerClass == WorkerClass::Sync)
                return "Flask sync " + times + std::to_string(choice.workers);
            return "Flask gthread " + times + std::to_string(choice.workers) + times +
                   std::to_string(choice.threads);
    }
    return "embedded";
}

}  // namespace loadstar::model
