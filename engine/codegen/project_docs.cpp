#include "engine/codegen/project_docs.h"

#include "engine/codegen/launch.h"
#include "engine/codegen/python_names.h"
#include "engine/codegen/type_features.h"

namespace loadstar::codegen {

namespace {

std::string shellQuoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string costOf(const EndpointPlan& plan) {
    const model::Behaviour& b = plan.endpoint->behaviour;
    std::vector<std::string> parts;
    if (plan.fixedLatencyMs > 0) parts.push_back(pythonNumber(plan.fixedLatencyMs) + " ms I/O wait");
    if (!plan.latencyConstant.empty()) {
        parts.push_back("I/O wait p50 " + milliseconds(b.latency.p50) + " ms, p99 " +
                        milliseconds(b.latency.p99) + " ms (log-normal)");
    }
    if (plan.cpuMs > 0)
        parts.push_back(pythonNumber(plan.cpuMs) + " ms CPU " +
                        (plan.offloadCpu ? "offloaded" : "on the loop"));
    if (!plan.batcherConstant.empty()) {
        parts.push_back("batched (window " + milliseconds(b.batching.window) + " ms, up to " +
                        std::to_string(b.batching.maxBatch) + ", " + milliseconds(b.batching.base) +
                        " ms + " + milliseconds(b.batching.perItem) + " ms per item)");
    }
    if (plan.errorRate > 0) {
        parts.push_back(pythonNumber(plan.errorRate * 100) + "% answered " +
                        std::to_string(plan.errorStatus));
    }
    std::string out;
    for (const std::string& p : parts)
        out += (out.empty() ? "" : "; ") + p;
    return out.empty() ? "none" : out;
}

std::string answerOf(const EndpointPlan& plan) {
    if (plan.echo) return "echo of the request";
    if (plan.emptyBody) return "no body";
    const model::Response* s = plan.success;
    if (s && s->example && (plan.endpoint->behaviour.response == model::ResponseSource::Example || !s->body))
        return "the example";
    return "a generated value";
}

// " `API_KEYS` and `BASIC_USERS` (comma-separated ...; the design's values otherwise),"
// for the kinds of auth the endpoints use.
std::string credentialVariables(const model::Project& project) {
    std::vector<std::string> names;
    for (const auto& [kind, name] : {std::pair{model::AuthRequirement::ApiKey, "`API_KEYS`"},
                                     std::pair{model::AuthRequirement::Bearer, "`BEARER_TOKENS`"},
                                     std::pair{model::AuthRequirement::Basic, "`BASIC_USERS`"}}) {
        bool used = false;
        for (const model::Endpoint& e : project.endpoints)
            used = used || e.auth == kind;
        if (used) names.emplace_back(name);
    }
    if (names.empty()) return "";
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? " " : i + 1 == names.size() ? " and " : ", ") + names[i];
    bool basic = false;
    for (const model::Endpoint& e : project.endpoints)
        basic = basic || e.auth == model::AuthRequirement::Basic;
    return out + (basic ? " (comma-separated, users as `user:password`;" : " (comma-separated;") +
           "\nthe design's values otherwise),";
}

// How the type system's constructs this design uses are written for both versions.
std::string typeNotes(const TypeFeatures& f) {
    std::string out;
    if (f.nullable) {
        out +=
            "- Nullable values are `Optional[X]`; a required one is written `x: Optional[X] = ...`,\n"
            "  because Pydantic 1 gives a bare `Optional[X]` the default None.\n";
    }
    if (f.taggedUnion) {
        out +=
            "- Tagged unions are `compat.tagged_union(tag, {tag value: model})`, with the design's tags\n"
            "  (several tags may choose one model, and a model's tag field need not be a `Literal`).\n"
            "  Pydantic 2: a `Discriminator` function and a `Tag` per tag value (Pydantic 2.5 or\n"
            "  later, as requirements.txt says). Pydantic 1: a custom type that picks the model by the\n"
            "  tag and reports its errors under the tag value, as Pydantic 2 does (Pydantic 1's own\n"
            "  `Field(discriminator=...)` needs a `Literal` tag in every model and puts the class name\n"
            "  in `loc`). FastAPI's document lists the variants through `compat.document_models`.\n";
    }
    if (f.untaggedUnion) {
        out +=
            "- Untagged unions are `Union[...]`. Both versions accept and refuse the same values, but\n"
            "  Pydantic 1 tries the variants left to right and converts (`true` for `Union[float, bool]`\n"
            "  becomes 1.0) where Pydantic 2's smart mode keeps the value's own type.\n";
    }
    if (f.uniqueItems) {
        out +=
            "- Unique items are `compat.unique_list`: a list that refuses repeated items (Pydantic 1:\n"
            "  `conlist(unique_items=True)`; Pydantic 2: an `AfterValidator` that answers `set_type`).\n"
            "  Not a `Set`: a set drops repeated items silently and loses the order, where the design\n"
            "  refuses the request.\n";
    }
    if (f.checkedFormats) {
        out +=
            "- The hostname, byte (base64) and binary formats have no Pydantic type in either version:\n"
            "  `compat.formatted_text` is a strict str checked by one function in both (byte and\n"
            "  binary lengths count UTF-8 bytes; base64 is read as `base64.b64decode` reads it).\n";
    }
    if (f.otherFormat) {
        out +=
            "- Formats the design declares but nothing checks (e.g. int64) are only described in the\n"
            "  OpenAPI document (`compat.schema_extra`).\n";
    }
    if (!out.empty()) out = "\n" + out;
    return out;
}

}  // namespace

std::string requirements(const model::Project& project, Framework framework) {
    std::string out =
        "# Written for and tested on Debian 12's versions (FastAPI 0.92 with Pydantic 1.10,\n"
        "# uvicorn 0.17, Flask 2.2, gunicorn 20.1); the code also follows Pydantic 2's API.\n";
    for (const PythonRequirement& r : pythonRequirements(project, framework)) {
        if (!r.pypiRequirement.empty()) out += r.pypiRequirement + "\n";
    }
    return out;
}

std::string startScript(const model::Project& project, Framework framework) {
    const bool fastapi = framework == Framework::FastApi;
    std::string modules;
    std::string packages;
    for (const PythonRequirement& r : pythonRequirements(project, framework)) {
        modules += (modules.empty() ? "" : ", ") + r.module;
        packages += " " + r.debianPackage;
    }
    LaunchOptions options;
    options.python = "$PYTHON";
    const std::vector<std::string> argv = launchCommand(project, framework, options);
    std::string out = "#!/bin/sh\n";
    if (fastapi) {
        out +=
            "# Serves the app with uvicorn. HOST, PORT and WORKERS override the defaults; PYTHON\n"
            "# picks the interpreter; other arguments go to uvicorn.\n";
    } else {
        out +=
            "# Serves the app with gunicorn: start-gunicorn.sh [sync|gthread] [gunicorn options].\n"
            "# HOST, PORT, WORKERS and THREADS override the defaults; PYTHON picks the interpreter.\n";
    }
    out += "set -eu\ncd \"$(dirname \"$0\")\"\n";
    out += "PYTHON=\"${PYTHON:-python3}\"\n";
    out += "HOST=\"${HOST:-" + project.server.host + "}\"\n";
    out += "PORT=\"${PORT:-" + std::to_string(project.server.port) + "}\"\n";
    const model::Concurrency& c = project.server.concurrency;
    out += "WORKERS=\"${WORKERS:-" + std::to_string(fastapi ? c.threads : c.workers) + "}\"\n";
    if (!fastapi) {
        out +=
            "WORKER_CLASS=\"${1:-sync}\"\n"
            "[ $# -gt 0 ] && shift\n"
            "case \"$WORKER_CLASS\" in\n"
            "sync) ;;\n"
            "gthread) set -- --threads \"${THREADS:-8}\" --worker-connections " +
            std::to_string(project.server.limits.maxConnections) +
            " \"$@\" ;;\n"
            "*)\n"
            "    echo \"usage: start-gunicorn.sh [sync|gthread] [gunicorn options...]\" >&2\n"
            "    exit 2\n"
            "    ;;\n"
            "esac\n";
    }
    std::string imports;
    for (const PythonRequirement& r : pythonRequirements(project, framework))
        imports += (imports.empty() ? "" : ", ") + r.module;
    out += "if ! \"$PYTHON\" -c " + shellQuoted("import " + imports) + " 2>/dev/null; then\n";
    out += "    echo \"$0: $PYTHON cannot import " + modules + ".\" >&2\n";
    out += "    echo \"  On Debian or Ubuntu: apt-get install" + packages + "\" >&2\n";
    out += "    echo \"  Elsewhere: $PYTHON -m pip install -r requirements.txt\" >&2\n";
    out += "    exit 1\nfi\n";
    out += "exec \"$PYTHON\" -m " + argv[2] + " " + argv[3] + " \\\n";
    std::string line = "   ";
    for (std::size_t i = 4; i < argv.size(); i += 2) {
        std::string value = argv[i + 1];
        if (argv[i] == "--host") value = "\"$HOST\"";
        if (argv[i] == "--port") value = "\"$PORT\"";
        if (argv[i] == "--bind") value = "\"$HOST:$PORT\"";
        if (argv[i] == "--workers") value = "\"$WORKERS\"";
        if (argv[i] == "--worker-class") value = "\"$WORKER_CLASS\"";
        if (argv[i] == "--no-access-log") {
            line += " --no-access-log";
            --i;
            continue;
        }
        line += " " + argv[i] + " " + value;
        if (line.size() > 70) {
            out += line + " \\\n";
            line = "   ";
        }
    }
    out += line + " \"$@\"\n";
    return out;
}

std::string readme(const model::Project& project, Framework framework, const std::vector<EndpointPlan>& plans,
                   const std::vector<std::string>& notes) {
    const bool fastapi = framework == Framework::FastApi;
    const std::string script = fastapi ? "./start-uvicorn.sh" : "./start-gunicorn.sh";
    std::string packages;
    for (const PythonRequirement& r : pythonRequirements(project, framework))
        packages += " " + r.debianPackage;
    std::string out = "# " + project.name + " (" + (fastapi ? "FastAPI" : "Flask") + ")\n\n";
    if (!project.description.empty()) out += project.description + "\n\n";
    out += "Generated by Loadstar from the design \"" + project.name + "\" " + project.version +
           ". The code is plain " + (fastapi ? "FastAPI" : "Flask") +
           " and Pydantic: keep it as the start of the real service and replace the simulated\n"
           "behaviour (below) with the real work.\n\n";
    out += "## Run\n\n";
    out += "    apt-get install" + packages + "   # Debian 12, or:\n";
    out += "    python3 -m pip install -r requirements.txt\n";
    if (fastapi) {
        out += "    " + script + "                  # uvicorn; WORKERS=4 " + script + " for 4 processes\n";
    } else {
        out += "    " + script + " sync             # gunicorn sync workers\n";
        out += "    " + script + " gthread          # gunicorn threaded workers (THREADS=8)\n";
    }
    out += "\nIt listens on http://" + project.server.host + ":" + std::to_string(project.server.port) +
           " (HOST and PORT change that). `GET " + project.server.builtins.health +
           "` answers `{\"status\": \"ok\"}` once the app is up; the OpenAPI document is at `" +
           project.server.builtins.openapi + "`";
    out += fastapi ? " and the docs at `" + project.server.builtins.docs + "`.\n\n" : ".\n\n";
    out += "Environment variables the app reads:" + credentialVariables(project) +
           " `CPU_ITERATIONS_PER_MS` (pins the CPU work's calibration).\n\n";

    out += "## Layout\n\n";
    out += "- `app/main.py`: the app and one view per endpoint\n";
    out += "- `app/models.py`: the design's models (Pydantic)\n";
    out += "- `app/compat.py`: what Pydantic 1 and 2 spell differently\n";
    if (!fastapi)
        out += "- `app/validation.py`: FastAPI-style request validation and 422 answers for Flask\n";
    out +=
        "- `app/behaviour.py`, `app/security.py`, `app/responses.py` (+ `responses.json`): the simulated\n"
        "  cost, auth, and the designed answers, where the design has them\n\n";

    out += "## Endpoints\n\n| endpoint | cost | answer |\n|---|---|---|\n";
    for (const EndpointPlan& plan : plans) {
        out += "| " + plan.endpoint->method + " " + plan.endpoint->path + " | " + costOf(plan) + " | " +
               answerOf(plan) + " |\n";
    }
    out += "\n";
    if (fastapi) {
        out +=
            "CPU work is real computation (pure Python, calibrated at start-up to the designed\n"
            "milliseconds). \"On the loop\" runs it inside `async def`, blocking every other request of\n"
            "that worker meanwhile; \"offloaded\" runs it on the thread pool (a plain `def` view or\n"
            "`run_in_threadpool`), where the GIL still lets one thread compute at a time. Batching is an\n"
            "asyncio micro-batcher per worker process.\n\n";
    } else {
        out +=
            "CPU work is real computation (pure Python, calibrated at start-up to the designed\n"
            "milliseconds); WSGI has no event loop, so \"on the loop\" and \"offloaded\" are the same here:\n"
            "the worker (or thread) serving the request computes. Batching can only gather requests\n"
            "waiting in one process at once: the threads of a gthread worker. Sync workers serve one\n"
            "request at a time, so their batches hold one request each.\n\n";
    }
    out += "## Pydantic 1 and 2\n\n";
    out +=
        "The models are written once. `app/compat.py` holds the few things the two versions spell\n"
        "differently (model config, pattern and item-count constraints, forward references";
    out += fastapi ? ")" : ", validation of plain values)";
    out +=
        ",\neach written against that version's documented API and chosen by `pydantic.VERSION`.\n"
        "Strings are strict in both (a number is refused, not converted), and patterns are searched\n"
        "anywhere in the value in both, as Pydantic 2 does. Tested with Pydantic 1.10; with\n"
        "Pydantic 2, validation errors carry Pydantic 2's error types and messages.\n";
    out += typeNotes(typeFeatures(project));
    if (!notes.empty()) {
        out += "\n## Differences from the design\n\n";
        for (const std::string& n : notes)
            out += "- " + n + "\n";
    }
    return out;
}

}  // namespace loadstar::codegen
