#include <cmath>
#include <cstdint>

#include "engine/model/project_file.h"

// Project -> JSON document. Values equal to their defaults are left out where the
// reader restores them, so files stay short and diffs show only real choices.

namespace loadstar::model {

namespace {

Json numberJson(double v) {
    // Integral values are written as integers so that files read naturally ("ge": 1, not 1.0).
    if (std::abs(v) < 9e15 && static_cast<double>(static_cast<std::int64_t>(v)) == v) {
        return static_cast<std::int64_t>(v);
    }
    return v;
}

void writeType(Json& out, const TypeSpec& type);

Json typeJson(const TypeSpec& type) {
    Json out = Json::object();
    writeType(out, type);
    return out;
}

void writeKindDetails(Json& out, const TypeSpec& type) {
    switch (type.kind) {
        case TypeKind::Object:
            out["model"] = type.modelRef;
            break;
        case TypeKind::Enum:
            out["values"] = Json(type.enumValues);
            break;
        case TypeKind::Literal:
            out["value"] = type.literalValue();
            break;
        case TypeKind::Array:
        case TypeKind::Map:
            out["items"] = type.items ? typeJson(*type.items) : Json::object();
            break;
        case TypeKind::Union: {
            Json variants = Json::array();
            for (const TypeSpec& variant : type.variants)
                variants.push_back(typeJson(variant));
            out["variants"] = std::move(variants);
            if (type.exclusive) out["exclusive"] = true;
            if (type.discriminator) {
                Json d = Json::object();
                d["property"] = type.discriminator->property;
                if (!type.discriminator->mapping.empty()) {
                    Json mapping = Json::object();
                    for (const auto& [tag, model] : type.discriminator->mapping)
                        mapping[tag] = model;
                    d["mapping"] = std::move(mapping);
                }
                out["discriminator"] = std::move(d);
            }
            break;
        }
        case TypeKind::String:
        case TypeKind::Integer:
        case TypeKind::Number:
        case TypeKind::Boolean:
        case TypeKind::Any:
            break;
    }
}

void writeType(Json& out, const TypeSpec& type) {
    out["type"] = toString(type.kind);
    writeKindDetails(out, type);
    if (type.nullable) out["nullable"] = true;
    const Constraints& c = type.constraints;
    if (c.ge) out["ge"] = numberJson(*c.ge);
    if (c.gt) out["gt"] = numberJson(*c.gt);
    if (c.le) out["le"] = numberJson(*c.le);
    if (c.lt) out["lt"] = numberJson(*c.lt);
    if (c.multipleOf) out["multiple_of"] = numberJson(*c.multipleOf);
    if (c.minLength) out["min_length"] = *c.minLength;
    if (c.maxLength) out["max_length"] = *c.maxLength;
    if (c.pattern) out["pattern"] = *c.pattern;
    if (c.format != StringFormat::None) out["format"] = toString(c.format);
    if (!c.otherFormat.empty()) out["other_format"] = c.otherFormat;
    if (c.minItems) out["min_items"] = *c.minItems;
    if (c.maxItems) out["max_items"] = *c.maxItems;
    if (c.uniqueItems) out["unique_items"] = true;
}

Json writeField(const Field& f) {
    Json out = Json::object();
    out["name"] = f.name;
    writeType(out, f.type);
    out["required"] = f.required;
    if (f.defaultValue) out["default"] = *f.defaultValue;
    if (!f.description.empty()) out["description"] = f.description;
    if (f.example) out["example"] = *f.example;
    return out;
}

Json writeParameter(const Parameter& p) {
    Json out = Json::object();
    out["name"] = p.name;
    out["in"] = toString(p.in);
    writeType(out, p.type);
    out["required"] = p.required;
    if (p.defaultValue) out["default"] = *p.defaultValue;
    if (!p.description.empty()) out["description"] = p.description;
    if (p.example) out["example"] = *p.example;
    return out;
}

Json writeBehaviour(const Behaviour& b) {
    Json out = Json::object();
    if (b.latency.kind == Latency::Kind::Fixed) {
        out["latency"] = Json{{"fixed", formatDuration(b.latency.fixed)}};
    } else if (b.latency.kind == Latency::Kind::Distribution) {
        out["latency"] = Json{{"p50", formatDuration(b.latency.p50)}, {"p99", formatDuration(b.latency.p99)}};
    }
    if (b.cpu != CpuWork{}) {
        out["cpu"] = Json{{"duration", formatDuration(b.cpu.duration)}, {"offload", b.cpu.offload}};
    }
    if (b.batching != Batching{}) {
        out["batching"] = Json{{"enabled", b.batching.enabled},
                               {"window", formatDuration(b.batching.window)},
                               {"max_batch", b.batching.maxBatch},
                               {"base", formatDuration(b.batching.base)},
                               {"per_item", formatDuration(b.batching.perItem)}};
    }
    if (b.errors != ErrorInjection{})
        out["errors"] = Json{{"rate", b.errors.rate}, {"status", b.errors.status}};
    if (b.response != ResponseSource::Generated) out["response"] = toString(b.response);
    if (b.seed != 1) out["seed"] = b.seed;
    if (b.serverTiming) out["server_timing"] = true;
    return out;
}

Json writeEndpoint(const Endpoint& e) {
    Json out = Json::object();
    out["id"] = e.id;
    out["method"] = e.method;
    out["path"] = e.path;
    if (!e.summary.empty()) out["summary"] = e.summary;
    if (!e.description.empty()) out["description"] = e.description;
    if (!e.tags.empty()) out["tags"] = e.tags;
    if (e.auth != AuthRequirement::None) out["auth"] = toString(e.auth);
    if (e.deprecated) out["deprecated"] = true;
    if (!e.parameters.empty()) {
        Json params = Json::array();
        for (const Parameter& p : e.parameters)
            params.push_back(writeParameter(p));
        out["parameters"] = std::move(params);
    }
    if (e.requestBody) {
        Json body = Json::object();
        writeType(body, e.requestBody->type);
        body["required"] = e.requestBody->required;
        if (!e.requestBody->description.empty()) body["description"] = e.requestBody->description;
        out["request_body"] = std::move(body);
    }
    Json responses = Json::array();
    for (const Response& r : e.responses) {
        Json resp = Json::object();
        resp["status"] = r.status;
        if (!r.description.empty()) resp["description"] = r.description;
        if (r.body) {
            Json body = Json::object();
            writeType(body, *r.body);
            resp["body"] = std::move(body);
        }
        if (r.example) resp["example"] = *r.example;
        responses.push_back(std::move(resp));
    }
    out["responses"] = std::move(responses);
    Json behaviour = writeBehaviour(e.behaviour);
    if (!behaviour.empty()) out["behaviour"] = std::move(behaviour);
    return out;
}

Json writeServer(const ServerSettings& s) {
    const ServerSettings d;
    Json out = Json::object();
    out["host"] = s.host;
    out["port"] = s.port;
    out["concurrency"] = Json{{"model", toString(s.concurrency.model)},
                              {"threads", s.concurrency.threads},
                              {"workers", s.concurrency.workers},
                              {"queue", s.concurrency.queueSize}};
    if (s.limits != d.limits) {
        out["limits"] = Json{{"max_body", s.limits.maxBodyBytes},
                             {"max_header", s.limits.maxHeaderBytes},
                             {"header_timeout", formatDuration(s.limits.headerTimeout)},
                             {"idle_timeout", formatDuration(s.limits.idleTimeout)},
                             {"max_connections", s.limits.maxConnections},
                             {"max_json_depth", s.limits.maxJsonDepth}};
    }
    if (s.cors != d.cors) {
        out["cors"] = Json{{"enabled", s.cors.enabled},
                           {"allow_origins", s.cors.allowOrigins},
                           {"allow_methods", s.cors.allowMethods},
                           {"allow_headers", s.cors.allowHeaders},
                           {"max_age", formatDuration(s.cors.maxAge)}};
    }
    if (s.rateLimit != d.rateLimit) {
        out["rate_limit"] = Json{{"enabled", s.rateLimit.enabled},
                                 {"rps", numberJson(s.rateLimit.requestsPerSecond)},
                                 {"burst", s.rateLimit.burst}};
    }
    if (s.auth != d.auth) {
        out["auth"] = Json{{"api_key_in", toString(s.auth.apiKeyIn)},
                           {"api_key_name", s.auth.apiKeyName},
                           {"api_keys", s.auth.apiKeys},
                           {"bearer_tokens", s.auth.bearerTokens}};
        if (!s.auth.basicUsers.empty()) out["auth"]["basic_users"] = s.auth.basicUsers;
    }
    if (s.builtins != d.builtins) {
        out["builtins"] = Json{{"openapi", s.builtins.openapi},
                               {"docs", s.builtins.docs},
                               {"redoc", s.builtins.redoc},
                               {"metrics", s.builtins.metrics},
                               {"health", s.builtins.health}};
    }
    return out;
}

Json writeScenario(const Scenario& s) {
    const Scenario d;
    Json out = Json::object();
    out["name"] = s.name;
    if (!s.description.empty()) out["description"] = s.description;
    out["target"] = s.target.kind == Target::Kind::Embedded ? std::string("embedded") : s.target.url;
    if (s.target.insecureTls) out["insecure_tls"] = true;
    if (!s.allowRemote.empty()) out["allow_remote"] = s.allowRemote;
    if (s.server != d.server) {
        // Written whole once anything differs, so switching back to the embedded
        // server keeps the workers the user chose for the frameworks.
        out["server"] = Json{{"kind", toString(s.server.kind)},
                             {"workers", s.server.workers},
                             {"worker_class", toString(s.server.workerClass)},
                             {"threads", s.server.threads}};
    }
    out["executor"] = toString(s.executor);
    if (s.executor == Executor::Closed) {
        out["vus"] = s.vus;
    } else {
        out["rate"] = numberJson(s.rate);
    }
    // The value of the other executor is kept too when it differs from the default,
    // so switching executors in the GUI and back loses nothing.
    if (s.executor == Executor::Closed && s.rate != d.rate) out["rate"] = numberJson(s.rate);
    if (s.executor == Executor::Open && s.vus != d.vus) out["vus"] = s.vus;
    if (!s.stages.empty()) {
        Json stages = Json::array();
        for (const Stage& st : s.stages) {
            stages.push_back(
                Json{{"duration", formatDuration(st.duration)}, {"target", numberJson(st.target)}});
        }
        out["stages"] = std::move(stages);
    }
    out["duration"] = formatDuration(s.duration);
    if (s.warmup != d.warmup) out["warmup"] = formatDuration(s.warmup);
    if (s.maxRequests != 0) out["max_requests"] = s.maxRequests;
    if (s.connections != 0) out["connections"] = s.connections;
    if (s.threads != d.threads) out["threads"] = s.threads;
    if (s.timeout != d.timeout) out["timeout"] = formatDuration(s.timeout);
    if (s.thinkTime != d.thinkTime) out["think_time"] = formatDuration(s.thinkTime);
    if (!s.mix.empty()) {
        Json mix = Json::array();
        for (const MixEntry& m : s.mix)
            mix.push_back(Json{{"endpoint", m.endpoint}, {"weight", numberJson(m.weight)}});
        out["mix"] = std::move(mix);
    }
    if (s.bodyMode != d.bodyMode) out["body"] = toString(s.bodyMode);
    if (s.invalidShare != 0) out["invalid_share"] = s.invalidShare;
    if (s.fixedBody) out["fixed_body"] = *s.fixedBody;
    if (!s.headers.empty()) {
        Json headers = Json::object();
        for (const auto& [name, value] : s.headers)
            headers[name] = value;
        out["headers"] = std::move(headers);
    }
    if (!s.thresholds.empty()) out["thresholds"] = s.thresholds;
    if (s.seed != d.seed) out["seed"] = s.seed;
    if (s.engine != d.engine) out["engine"] = toString(s.engine);
    if (s.locustWorkers != d.locustWorkers) out["locust_workers"] = s.locustWorkers;
    return out;
}

}  // namespace

Json projectToJson(const Project& p) {
    Json out = Json::object();
    out["loadstar"] = kProjectFormatVersion;
    out["name"] = p.name;
    out["version"] = p.version;
    if (!p.description.empty()) out["description"] = p.description;
    if (!p.servers.empty()) {
        Json servers = Json::array();
        for (const ApiServer& server : p.servers) {
            Json entry = Json{{"url", server.url}};
            if (!server.description.empty()) entry["description"] = server.description;
            servers.push_back(std::move(entry));
        }
        out["servers"] = std::move(servers);
    }
    out["server"] = writeServer(p.server);
    Json models = Json::array();
    for (const Model& m : p.models) {
        Json model = Json::object();
        model["name"] = m.name;
        if (!m.description.empty()) model["description"] = m.description;
        if (m.extra != ExtraFields::Ignore) model["extra"] = toString(m.extra);
        Json fields = Json::array();
        for (const Field& f : m.fields)
            fields.push_back(writeField(f));
        model["fields"] = std::move(fields);
        models.push_back(std::move(model));
    }
    out["models"] = std::move(models);
    Json endpoints = Json::array();
    for (const Endpoint& e : p.endpoints)
        endpoints.push_back(writeEndpoint(e));
    out["endpoints"] = std::move(endpoints);
    Json scenarios = Json::array();
    for (const Scenario& s : p.scenarios)
        scenarios.push_back(writeScenario(s));
    out["scenarios"] = std::move(scenarios);
    return out;
}

}  // namespace loadstar::model
