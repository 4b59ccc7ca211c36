#include "engine/model/project_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "engine/model/json_reader.h"

namespace loadstar::model {

namespace {

// ---------------------------------------------------------------- reading

TypeSpec readType(const JsonReader& r);

// A type nested in another (array items, map values, union variants): its own
// object, whose unknown keys are refused like any other.
TypeSpec readNestedType(const Json& value, const std::string& pointer) {
    const JsonReader nested = readObject(value, pointer);
    TypeSpec type = readType(nested);
    nested.finish();
    return type;
}

Discriminator readDiscriminator(const JsonReader& r) {
    Discriminator d;
    d.property = r.string("property");
    if (d.property.empty()) r.fail("property", "names no property");
    if (const auto mapping = r.optionalObject("mapping")) {
        const Json& raw = mapping->value();
        for (auto it = raw.begin(); it != raw.end(); ++it) {
            if (!it->is_string() || it->get_ref<const std::string&>().empty())
                mapping->fail(it.key(), "must name a model");
            d.mapping.emplace_back(it.key(), it->get<std::string>());
        }
    }
    r.finish();
    return d;
}

void readKindDetails(const JsonReader& r, TypeSpec& type) {
    switch (type.kind) {
        case TypeKind::Object:
            type.modelRef = r.string("model");
            if (type.modelRef.empty()) r.fail("model", "names no model");
            break;
        case TypeKind::Enum: {
            const Json& values = r.array("values");
            if (values.empty()) r.fail("values", "an enum needs at least one value");
            for (std::size_t i = 0; i < values.size(); ++i) {
                if (!values[i].is_string() && !values[i].is_number_integer()) {
                    throw JsonReadError(r.pointerTo("values") + "/" + std::to_string(i),
                                        "enum values must be strings or integers");
                }
                type.enumValues.push_back(values[i]);
            }
            break;
        }
        case TypeKind::Literal: {
            std::optional<Json> value = r.any("value");
            if (!value) r.fail("value", "a literal needs its value");
            type.enumValues.push_back(std::move(*value));
            break;
        }
        case TypeKind::Array:
        case TypeKind::Map: {
            const JsonReader items = r.object("items");
            type.items = std::make_shared<TypeSpec>(readType(items));
            items.finish();
            break;
        }
        case TypeKind::Union: {
            const Json& variants = r.array("variants");
            for (std::size_t i = 0; i < variants.size(); ++i)
                type.variants.push_back(
                    readNestedType(variants[i], r.pointerTo("variants") + "/" + std::to_string(i)));
            type.exclusive = r.boolean("exclusive", false);
            if (const auto d = r.optionalObject("discriminator")) type.discriminator = readDiscriminator(*d);
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

TypeSpec readType(const JsonReader& r) {
    TypeSpec type;
    const std::string kindName = r.string("type");
    const std::optional<TypeKind> kind = parseTypeKind(kindName);
    if (!kind) {
        r.fail("type",
               "unknown type \"" + kindName +
                   "\" (use string, integer, number, boolean, array, object, enum, map, union, literal "
                   "or any)");
    }
    type.kind = *kind;
    readKindDetails(r, type);
    type.nullable = r.boolean("nullable", false);
    Constraints& c = type.constraints;
    c.ge = r.optionalNumber("ge");
    c.gt = r.optionalNumber("gt");
    c.le = r.optionalNumber("le");
    c.lt = r.optionalNumber("lt");
    c.multipleOf = r.optionalNumber("multiple_of");
    if (c.multipleOf && *c.multipleOf <= 0) r.fail("multiple_of", "must be greater than 0");
    c.minLength = r.optionalCount("min_length");
    c.maxLength = r.optionalCount("max_length");
    if (r.has("pattern")) c.pattern = r.string("pattern");
    if (r.has("format")) {
        const std::string name = r.string("format");
        const std::optional<StringFormat> format = parseStringFormat(name);
        if (!format) {
            r.fail("format",
                   "unknown format \"" + name +
                       "\" (use email, uuid, date-time, date, uri, time, ipv4, ipv6, hostname, byte "
                       "or binary; a format Loadstar cannot check goes in other_format)");
        }
        c.format = *format;
    }
    c.otherFormat = r.string("other_format", "");
    c.minItems = r.optionalCount("min_items");
    c.maxItems = r.optionalCount("max_items");
    c.uniqueItems = r.boolean("unique_items", false);
    return type;
}

Field readField(const JsonReader& r) {
    Field f;
    f.name = r.string("name");
    if (f.name.empty()) r.fail("name", "a field needs a name");
    f.type = readType(r);
    f.defaultValue = r.any("default");
    f.required = r.boolean("required", !f.defaultValue.has_value());
    f.description = r.string("description", "");
    f.example = r.any("example");
    r.finish();
    return f;
}

Model readModel(const JsonReader& r) {
    Model m;
    m.name = r.string("name");
    m.description = r.string("description", "");
    const std::string extra = r.string("extra", "ignore");
    const std::optional<ExtraFields> parsed = parseExtraFields(extra);
    if (!parsed) r.fail("extra", "must be \"ignore\", \"forbid\" or \"allow\"");
    m.extra = *parsed;
    const Json& fields = r.array("fields");
    for (std::size_t i = 0; i < fields.size(); ++i) {
        m.fields.push_back(readField(readObject(fields[i], r.pointerTo("fields") + "/" + std::to_string(i))));
    }
    r.finish();
    return m;
}

Parameter readParameter(const JsonReader& r) {
    Parameter p;
    p.name = r.string("name");
    if (p.name.empty()) r.fail("name", "a parameter needs a name");
    const std::string in = r.string("in");
    const std::optional<ParamLocation> location = parseParamLocation(in);
    if (!location) r.fail("in", "must be \"path\", \"query\", \"header\" or \"cookie\"");
    p.in = *location;
    p.type = readType(r);
    p.defaultValue = r.any("default");
    p.required = r.boolean("required", p.in == ParamLocation::Path);
    p.description = r.string("description", "");
    p.example = r.any("example");
    r.finish();
    return p;
}

Behaviour readBehaviour(const JsonReader& r) {
    Behaviour b;
    if (const auto latency = r.optionalObject("latency")) {
        if (latency->has("fixed")) {
            b.latency.kind = Latency::Kind::Fixed;
            b.latency.fixed = latency->duration("fixed", Duration{0});
        }
        if (latency->has("p50") || latency->has("p99")) {
            if (b.latency.kind == Latency::Kind::Fixed)
                latency->fail("p50", "give either fixed or p50/p99, not both");
            b.latency.kind = Latency::Kind::Distribution;
            b.latency.p50 = latency->duration("p50", Duration{0});
            b.latency.p99 = latency->duration("p99", Duration{0});
        }
        latency->finish();
    }
    if (const auto cpu = r.optionalObject("cpu")) {
        b.cpu.duration = cpu->duration("duration", Duration{0});
        b.cpu.offload = cpu->boolean("offload", false);
        cpu->finish();
    }
    if (const auto batching = r.optionalObject("batching")) {
        b.batching.enabled = batching->boolean("enabled", true);
        b.batching.window = batching->duration("window", Duration{0});
        b.batching.maxBatch = batching->smallInt("max_batch", 1, 1, 1'000'000);
        b.batching.base = batching->duration("base", Duration{0});
        b.batching.perItem = batching->duration("per_item", Duration{0});
        batching->finish();
    }
    if (const auto errors = r.optionalObject("errors")) {
        b.errors.rate = errors->number("rate", 0);
        if (b.errors.rate < 0 || b.errors.rate > 1) errors->fail("rate", "must be between 0 and 1");
        b.errors.status = errors->smallInt("status", 500, 100, 599);
        errors->finish();
    }
    const std::string source = r.string("response", "generated");
    const std::optional<ResponseSource> parsed = parseResponseSource(source);
    if (!parsed) r.fail("response", "must be \"generated\", \"example\" or \"echo\"");
    b.response = *parsed;
    const std::int64_t seed = r.integer("seed", 1);
    if (seed < 0) r.fail("seed", "must not be negative");
    b.seed = static_cast<std::uint64_t>(seed);
    b.serverTiming = r.boolean("server_timing", false);
    r.finish();
    return b;
}

Endpoint readEndpoint(const JsonReader& r) {
    Endpoint e;
    e.id = r.string("id");
    e.method = r.string("method");
    static constexpr std::string_view kMethods[] = {"GET",    "POST", "PUT",    "PATCH",
                                                    "DELETE", "HEAD", "OPTIONS"};
    if (std::find(std::begin(kMethods), std::end(kMethods), e.method) == std::end(kMethods)) {
        r.fail("method",
               "unknown method \"" + e.method + "\" (use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS)");
    }
    e.path = r.string("path");
    if (e.path.empty() || e.path.front() != '/') r.fail("path", "must start with '/'");
    e.summary = r.string("summary", "");
    e.description = r.string("description", "");
    if (const Json* tags = r.optionalArray("tags")) {
        for (std::size_t i = 0; i < tags->size(); ++i) {
            if (!(*tags)[i].is_string()) {
                throw JsonReadError(r.pointerTo("tags") + "/" + std::to_string(i), "a tag must be a string");
            }
            e.tags.push_back((*tags)[i].get<std::string>());
        }
    }
    const std::string auth = r.string("auth", "none");
    const std::optional<AuthRequirement> parsedAuth = parseAuthRequirement(auth);
    if (!parsedAuth) r.fail("auth", "must be \"none\", \"api_key\", \"bearer\" or \"basic\"");
    e.auth = *parsedAuth;
    e.deprecated = r.boolean("deprecated", false);
    if (const Json* params = r.optionalArray("parameters")) {
        for (std::size_t i = 0; i < params->size(); ++i) {
            e.parameters.push_back(
                readParameter(readObject((*params)[i], r.pointerTo("parameters") + "/" + std::to_string(i))));
        }
    }
    if (const auto body = r.optionalObject("request_body")) {
        RequestBody rb;
        rb.type = readType(*body);
        rb.required = body->boolean("required", true);
        rb.description = body->string("description", "");
        body->finish();
        e.requestBody = std::move(rb);
    }
    const Json& responses = r.array("responses");
    for (std::size_t i = 0; i < responses.size(); ++i) {
        const JsonReader resp = readObject(responses[i], r.pointerTo("responses") + "/" + std::to_string(i));
        Response out;
        out.status = resp.smallInt("status", 200, 100, 599);
        out.description = resp.string("description", "");
        if (const auto body = resp.optionalObject("body")) {
            out.body = readType(*body);
            body->finish();
        }
        out.example = resp.any("example");
        resp.finish();
        e.responses.push_back(std::move(out));
    }
    if (const auto behaviour = r.optionalObject("behaviour")) e.behaviour = readBehaviour(*behaviour);
    r.finish();
    return e;
}

ServerSettings readServer(const JsonReader& r) {
    ServerSettings s;
    s.host = r.string("host", s.host);
    s.port = r.smallInt("port", s.port, 0, 65535);
    if (const auto c = r.optionalObject("concurrency")) {
        const std::string model = c->string("model", "async");
        const std::optional<ConcurrencyModel> parsed = parseConcurrencyModel(model);
        if (!parsed) c->fail("model", "must be \"async\" or \"worker_pool\"");
        s.concurrency.model = *parsed;
        s.concurrency.threads = c->smallInt("threads", s.concurrency.threads, 1, 256);
        s.concurrency.workers = c->smallInt("workers", s.concurrency.workers, 1, 4096);
        s.concurrency.queueSize = c->smallInt("queue", s.concurrency.queueSize, 0, 1'000'000);
        c->finish();
    }
    if (const auto l = r.optionalObject("limits")) {
        s.limits.maxBodyBytes = l->integer("max_body", s.limits.maxBodyBytes);
        if (s.limits.maxBodyBytes < 0) l->fail("max_body", "must not be negative");
        s.limits.maxHeaderBytes = l->integer("max_header", s.limits.maxHeaderBytes);
        if (s.limits.maxHeaderBytes < 256) l->fail("max_header", "must be at least 256 bytes");
        s.limits.headerTimeout = l->duration("header_timeout", s.limits.headerTimeout);
        s.limits.idleTimeout = l->duration("idle_timeout", s.limits.idleTimeout);
        s.limits.maxConnections = l->smallInt("max_connections", s.limits.maxConnections, 1, 1'000'000);
        s.limits.maxJsonDepth = l->smallInt("max_json_depth", s.limits.maxJsonDepth, 1, 10'000);
        l->finish();
    }
    const auto stringList = [](const JsonReader& obj, std::string_view key) {
        std::vector<std::string> out;
        if (const Json* list = obj.optionalArray(key)) {
            for (std::size_t i = 0; i < list->size(); ++i) {
                if (!(*list)[i].is_string()) {
                    throw JsonReadError(obj.pointerTo(key) + "/" + std::to_string(i), "expected a string");
                }
                out.push_back((*list)[i].get<std::string>());
            }
        }
        return out;
    };
    if (const auto c = r.optionalObject("cors")) {
        s.cors.enabled = c->boolean("enabled", true);
        s.cors.allowOrigins = stringList(*c, "allow_origins");
        s.cors.allowMethods = stringList(*c, "allow_methods");
        s.cors.allowHeaders = stringList(*c, "allow_headers");
        s.cors.maxAge = c->duration("max_age", s.cors.maxAge);
        c->finish();
    }
    if (const auto rl = r.optionalObject("rate_limit")) {
        s.rateLimit.enabled = rl->boolean("enabled", true);
        s.rateLimit.requestsPerSecond = rl->number("rps", s.rateLimit.requestsPerSecond);
        if (s.rateLimit.requestsPerSecond <= 0) rl->fail("rps", "must be greater than 0");
        s.rateLimit.burst = rl->smallInt("burst", s.rateLimit.burst, 1, 1'000'000'000);
        rl->finish();
    }
    if (const auto a = r.optionalObject("auth")) {
        const std::string in = a->string("api_key_in", "header");
        const std::optional<ApiKeyLocation> location = parseApiKeyLocation(in);
        if (!location) a->fail("api_key_in", "must be \"header\", \"query\" or \"cookie\"");
        s.auth.apiKeyIn = *location;
        // Files before cookie and query keys named the header "api_key_header".
        if (a->has("api_key_header") && a->has("api_key_name"))
            a->fail("api_key_header", "give api_key_name only (api_key_header is its old name)");
        s.auth.apiKeyName =
            a->string(a->has("api_key_header") ? "api_key_header" : "api_key_name", s.auth.apiKeyName);
        if (s.auth.apiKeyName.empty())
            a->fail(a->has("api_key_header") ? "api_key_header" : "api_key_name",
                    "names no header, query parameter or cookie");
        s.auth.apiKeys = stringList(*a, "api_keys");
        s.auth.bearerTokens = stringList(*a, "bearer_tokens");
        s.auth.basicUsers = stringList(*a, "basic_users");
        for (std::size_t i = 0; i < s.auth.basicUsers.size(); ++i) {
            if (s.auth.basicUsers[i].find(':') == std::string::npos) {
                throw JsonReadError(a->pointerTo("basic_users") + "/" + std::to_string(i),
                                    "expected \"user:password\"");
            }
        }
        a->finish();
    }
    if (const auto b = r.optionalObject("builtins")) {
        for (auto [key, path] :
             {std::pair{"openapi", &s.builtins.openapi}, std::pair{"docs", &s.builtins.docs},
              std::pair{"redoc", &s.builtins.redoc}, std::pair{"metrics", &s.builtins.metrics},
              std::pair{"health", &s.builtins.health}}) {
            *path = b->string(key, *path);
            if (path->empty() || path->front() != '/') b->fail(key, "must start with '/'");
        }
        b->finish();
    }
    r.finish();
    return s;
}

ServerChoice readServerChoice(const JsonReader& r) {
    ServerChoice c;
    const std::optional<ServerKind> kind = parseServerKind(r.string("kind", "embedded"));
    if (!kind) r.fail("kind", "must be \"embedded\", \"fastapi\" or \"flask\"");
    c.kind = *kind;
    c.workers = r.smallInt("workers", c.workers, 1, kMaxServerWorkers);
    const std::optional<WorkerClass> workerClass = parseWorkerClass(r.string("worker_class", "sync"));
    if (!workerClass) r.fail("worker_class", "must be \"sync\" or \"gthread\"");
    c.workerClass = *workerClass;
    c.threads = r.smallInt("threads", c.threads, 1, kMaxWorkerThreads);
    r.finish();
    return c;
}

Scenario readScenario(const JsonReader& r) {
    Scenario s;
    s.name = r.string("name");
    if (s.name.empty()) r.fail("name", "a scenario needs a name");
    s.description = r.string("description", "");
    const std::string target = r.string("target", "embedded");
    if (target == "embedded") {
        s.target.kind = Target::Kind::Embedded;
    } else if (target.starts_with("http://") || target.starts_with("https://")) {
        s.target.kind = Target::Kind::Url;
        s.target.url = target;
    } else {
        r.fail("target", "must be \"embedded\" or a URL starting with http:// or https://");
    }
    s.target.insecureTls = r.boolean("insecure_tls", false);
    s.allowRemote = r.string("allow_remote", "");
    if (const auto server = r.optionalObject("server")) s.server = readServerChoice(*server);
    const std::string executor = r.string("executor", "closed");
    const std::optional<Executor> parsedExecutor = parseExecutor(executor);
    if (!parsedExecutor) r.fail("executor", "must be \"closed\" or \"open\"");
    s.executor = *parsedExecutor;
    s.vus = r.smallInt("vus", s.vus, 1, 1'000'000);
    s.rate = r.number("rate", s.rate);
    if (s.rate <= 0) r.fail("rate", "must be greater than 0");
    if (const Json* stages = r.optionalArray("stages")) {
        for (std::size_t i = 0; i < stages->size(); ++i) {
            const JsonReader st = readObject((*stages)[i], r.pointerTo("stages") + "/" + std::to_string(i));
            Stage stage;
            stage.duration = st.duration("duration", Duration{0});
            stage.target = st.number("target", 0);
            if (stage.target < 0) st.fail("target", "must not be negative");
            st.finish();
            s.stages.push_back(stage);
        }
    }
    s.duration = r.duration("duration", s.duration);
    s.warmup = r.duration("warmup", s.warmup);
    s.maxRequests = r.integer("max_requests", 0);
    if (s.maxRequests < 0) r.fail("max_requests", "must not be negative");
    s.connections = r.smallInt("connections", 0, 0, 1'000'000);
    s.threads = r.smallInt("threads", 1, 1, 256);
    s.timeout = r.duration("timeout", s.timeout);
    s.thinkTime = r.duration("think_time", s.thinkTime);
    if (const Json* mix = r.optionalArray("mix")) {
        for (std::size_t i = 0; i < mix->size(); ++i) {
            const JsonReader m = readObject((*mix)[i], r.pointerTo("mix") + "/" + std::to_string(i));
            MixEntry entry;
            entry.endpoint = m.string("endpoint");
            entry.weight = m.number("weight", 1);
            if (entry.weight <= 0) m.fail("weight", "must be greater than 0");
            m.finish();
            s.mix.push_back(std::move(entry));
        }
    }
    const std::string body = r.string("body", "valid");
    const std::optional<BodyMode> parsedBody = parseBodyMode(body);
    if (!parsedBody) r.fail("body", "must be \"valid\", \"invalid_share\" or \"fixed\"");
    s.bodyMode = *parsedBody;
    s.invalidShare = r.number("invalid_share", 0);
    if (s.invalidShare < 0 || s.invalidShare > 1) r.fail("invalid_share", "must be between 0 and 1");
    s.fixedBody = r.any("fixed_body");
    if (const auto headers = r.optionalObject("headers")) {
        const Json& raw = headers->value();
        for (auto it = raw.begin(); it != raw.end(); ++it) {
            if (!it->is_string()) headers->fail(it.key(), "a header value must be a string");
            s.headers.emplace_back(it.key(), it->get<std::string>());
        }
    }
    if (const Json* thresholds = r.optionalArray("thresholds")) {
        for (std::size_t i = 0; i < thresholds->size(); ++i) {
            if (!(*thresholds)[i].is_string()) {
                throw JsonReadError(r.pointerTo("thresholds") + "/" + std::to_string(i),
                                    "a threshold must be a string such as \"p95 < 200ms\"");
            }
            s.thresholds.push_back((*thresholds)[i].get<std::string>());
        }
    }
    const std::int64_t seed = r.integer("seed", 1);
    if (seed < 0) r.fail("seed", "must not be negative");
    s.seed = static_cast<std::uint64_t>(seed);
    // Files written before the choice of engine existed run on the native one.
    const std::optional<LoadEngine> engine = parseLoadEngine(r.string("engine", "native"));
    if (!engine) r.fail("engine", "must be \"native\" or \"locust\"");
    s.engine = *engine;
    s.locustWorkers = r.smallInt("locust_workers", 1, 0, 1024);
    r.finish();
    return s;
}

ApiServer readApiServer(const JsonReader& r) {
    ApiServer server;
    server.url = r.string("url");
    if (server.url.empty()) r.fail("url", "a server needs a URL");
    server.description = r.string("description", "");
    r.finish();
    return server;
}

template <typename T, typename ReadOne>
std::vector<T> readList(const JsonReader& r, std::string_view key, ReadOne readOne) {
    std::vector<T> out;
    if (const Json* list = r.optionalArray(key)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            out.push_back(readOne(readObject((*list)[i], r.pointerTo(key) + "/" + std::to_string(i))));
        }
    }
    return out;
}

// "line 3, column 14" for a byte offset into `text` (1-based, as editors count).
std::string lineColumn(std::string_view text, std::size_t byteOffset) {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < byteOffset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;  // count characters, not UTF-8 continuation bytes
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::string errnoText() {
    return std::strerror(errno);
}

}  // namespace

std::string ProjectError::toString() const {
    return where.empty() ? message : where + ": " + message;
}

ProjectResult<Project> projectFromJson(const Json& document) {
    try {
        if (!document.is_object())
            return ProjectError{"/", "not a Loadstar project (expected a JSON object)"};
        const JsonReader r = readObject(document, "");
        if (!r.has("loadstar")) {
            return ProjectError{"/", "not a Loadstar project (no \"loadstar\" format version)"};
        }
        const std::int64_t version = r.integer("loadstar");
        if (version > kProjectFormatVersion) {
            return ProjectError{"/loadstar", "written by a newer Loadstar (format version " +
                                                 std::to_string(version) + "; this build reads up to " +
                                                 std::to_string(kProjectFormatVersion) + ")"};
        }
        if (version < 1)
            return ProjectError{"/loadstar", "invalid format version " + std::to_string(version)};
        Project p;
        p.name = r.string("name");
        p.version = r.string("version", p.version);
        p.description = r.string("description", "");
        p.servers = readList<ApiServer>(r, "servers", readApiServer);
        if (const auto server = r.optionalObject("server")) p.server = readServer(*server);
        p.models = readList<Model>(r, "models", readModel);
        p.endpoints = readList<Endpoint>(r, "endpoints", readEndpoint);
        p.scenarios = readList<Scenario>(r, "scenarios", readScenario);
        r.finish();
        return p;
    } catch (const JsonReadError& e) {
        return ProjectError{e.pointer, e.what()};
    } catch (const Json::exception& e) {
        return ProjectError{"/", e.what()};
    }
}

ProjectResult<Project> parseProject(std::string_view text) {
    std::size_t firstNonSpace = text.find_first_not_of(" \t\r\n");
    if (firstNonSpace == std::string_view::npos) return ProjectError{"line 1, column 1", "the file is empty"};
    Json document;
    try {
        document = Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
        // nlohmann's text is "[json.exception.parse_error.101] parse error at line 1, column 2: <reason>".
        std::string reason = e.what();
        if (const std::size_t colon = reason.find(": "); colon != std::string::npos)
            reason = reason.substr(colon + 2);
        const bool truncated = e.byte >= text.size();
        return ProjectError{lineColumn(text, e.byte == 0 ? 0 : e.byte - 1),
                            truncated ? "the file ends too early (truncated?): " + reason : reason};
    }
    return projectFromJson(document);
}

std::string serializeProject(const Project& project) {
    return projectToJson(project).dump(2) + "\n";
}

ProjectResult<Project> loadProject(const std::filesystem::path& file) {
    constexpr std::uintmax_t kMaxProjectBytes = 64u << 20;
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec) return ProjectError{file.string(), "cannot read: " + ec.message()};
    if (size > kMaxProjectBytes)
        return ProjectError{file.string(), "too large for a project file (over 64 MiB)"};
    std::ifstream in(file, std::ios::binary);
    if (!in) return ProjectError{file.string(), "cannot open: " + errnoText()};
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return ProjectError{file.string(), "read failed: " + errnoText()};
    return parseProject(text.str());
}

std::variant<std::monostate, ProjectError> saveProject(const Project& project,
                                                       const std::filesystem::path& file) {
    // Streamed: the project's text is never held whole (a large imported design
    // would otherwise need its tree and its text in memory at once).
    const Json document = projectToJson(project);
    return writeFileAtomically(file,
                               [&document](std::ostream& out) { out << std::setw(2) << document << '\n'; });
}

}  // namespace loadstar::model
