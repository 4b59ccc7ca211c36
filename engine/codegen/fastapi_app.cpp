#include "engine/codegen/fastapi_app.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "engine/codegen/models_module.h"
#include "engine/codegen/python_code.h"
#include "engine/codegen/python_imports.h"
#include "engine/codegen/python_names.h"
#include "engine/codegen/python_types.h"
#include "engine/codegen/support_modules.h"
#include "engine/openapi/title.h"

namespace loadstar::codegen {

namespace {

using model::ParamLocation;

std::string lowerMethod(const std::string& method) {
    std::string out;
    for (const char c : method)
        out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
}

bool isRouteMethod(const std::string& method) {
    for (const char* known : {"get", "put", "post", "delete", "options", "head", "patch", "trace"}) {
        if (lowerMethod(method) == known) return true;
    }
    return false;
}

// The path as Starlette matches it: parameters whose design names are not Python
// identifiers are renamed to their argument names.
std::string routePath(const model::Endpoint& e, const std::vector<PythonName>& names,
                      std::vector<std::string>& notes) {
    std::string path = e.path;
    for (std::size_t i = 0; i < e.parameters.size(); ++i) {
        if (e.parameters[i].in != ParamLocation::Path || !names[i].aliased()) continue;
        const std::string from = "{" + e.parameters[i].name + "}";
        const std::string to = "{" + names[i].attribute + "}";
        for (std::size_t at = path.find(from); at != std::string::npos; at = path.find(from, at + to.size()))
            path.replace(at, from.size(), to);
        notes.push_back(e.id + ": path parameter {" + e.parameters[i].name + "} is served as " + to +
                        " (Starlette matches identifiers only)");
    }
    return path;
}

}  // namespace

// The server's own paths, which the embedded server never rate-limits.
PyExpr exemptPaths(const model::BuiltinPaths& paths) {
    std::vector<PyExpr> items;
    for (const std::string* p : {&paths.health, &paths.openapi, &paths.docs})
        items.push_back(PyExpr::atom(pythonString(*p)));
    return PyExpr::tuple(std::move(items));
}

namespace {

PyExpr jsonContent(const Json& example) {
    PyExpr media;
    media.open = '{';
    media.items.push_back(literalExpr(example).entry("\"example\""));
    PyExpr content;
    content.open = '{';
    content.items.push_back(media.entry("\"application/json\""));
    return content;
}

class FastApiWriter {
  public:
    FastApiWriter(const model::Project& project, const PythonNaming& naming, TypeAliases& aliases)
        : project_(project), naming_(naming), types_(naming, aliases, imports_, ".compat", ".models") {}

    AppModule write(const std::vector<EndpointPlan>& plans);

  private:
    void endpoint(const EndpointPlan& plan);
    PyExpr decorator(const EndpointPlan& plan, const std::string& path);
    std::vector<PyExpr> signature(const EndpointPlan& plan);
    void behaviour(const EndpointPlan& plan, bool asyncView);
    void answer(const EndpointPlan& plan);

    const model::Project& project_;
    const PythonNaming& naming_;
    PythonImports imports_;
    PythonTypes types_;
    void tagAliases(const std::vector<EndpointPlan>& plans);

    PySource body_;
    std::vector<std::string> notes_;
    std::map<const model::Endpoint*, std::string> bodyAliases_;  // tagged-union bodies, named
};

// A tagged-union body gets a module-level name (its annotation names every model),
// and FastAPI's document the models it refers to.
void FastApiWriter::tagAliases(const std::vector<EndpointPlan>& plans) {
    std::set<std::string> taken = naming_.taken();
    std::set<std::string> variants;
    const auto collect = [&](const auto& self, const model::TypeSpec& type) -> void {
        if (type.kind == model::TypeKind::Union && type.discriminator) {
            for (const model::TypeSpec& v : type.variants) {
                const std::string cls = naming_.modelClass(v.modelRef);
                if (v.kind == model::TypeKind::Object && !cls.empty()) variants.insert(cls);
            }
        }
        if (type.items) self(self, *type.items);
        for (const model::TypeSpec& v : type.variants)
            self(self, v);
    };
    for (const model::Model& m : project_.models) {
        for (const model::Field& f : m.fields)
            collect(collect, f.type);
    }
    for (const EndpointPlan& plan : plans) {
        const model::Endpoint& e = *plan.endpoint;
        for (const model::Parameter& p : e.parameters)
            collect(collect, p.type);
        if (!e.requestBody) continue;
        collect(collect, e.requestBody->type);
        if (!containsTaggedUnion(e.requestBody->type)) continue;
        model::TypeSpec present = e.requestBody->type;
        present.nullable = false;
        const std::string name = uniqueName(className(e.id + "_body"), taken);
        body_.expression(name + " = ", types_.annotation(present, ValueSource::Body, false));
        bodyAliases_[&e] = name;
    }
    if (variants.empty()) return;
    imports_.from(".compat", "document_models");
    std::vector<PyExpr> arguments{PyExpr::atom("app")};
    for (const std::string& cls : variants) {
        imports_.from(".models", cls);
        arguments.push_back(PyExpr::atom(cls));
    }
    body_.expression("", PyExpr::call("document_models", std::move(arguments)));
}

AppModule FastApiWriter::write(const std::vector<EndpointPlan>& plans) {
    const model::ServerSettings& server = project_.server;
    imports_.from("fastapi", "FastAPI");
    std::vector<PyExpr> appArguments{PyExpr::atom(pythonString(project_.name)).keyword("title")};
    if (!project_.description.empty())
        appArguments.push_back(PyExpr::atom(pythonString(project_.description)).keyword("description"));
    appArguments.push_back(PyExpr::atom(pythonString(project_.version)).keyword("version"));
    appArguments.push_back(PyExpr::atom(pythonString(server.builtins.openapi)).keyword("openapi_url"));
    appArguments.push_back(PyExpr::atom(pythonString(server.builtins.docs)).keyword("docs_url"));
    appArguments.push_back(PyExpr::atom("None").keyword("redoc_url"));
    body_.expression("app = ", PyExpr::call("FastAPI", std::move(appArguments)));

    imports_.from(".limits", "BodySizeLimit");
    body_.line("app.add_middleware(BodySizeLimit, max_bytes=" + std::to_string(server.limits.maxBodyBytes) +
               ")");
    if (server.rateLimit.enabled) {
        imports_.from(".limits", "RateLimit");
        body_.expression(
            "", PyExpr::call(
                    "app.add_middleware",
                    {PyExpr::atom("RateLimit"),
                     PyExpr::atom(pythonNumber(server.rateLimit.requestsPerSecond)).keyword("per_second"),
                     PyExpr::atom(std::to_string(server.rateLimit.burst)).keyword("burst"),
                     exemptPaths(server.builtins).keyword("exempt")}));
    }
    if (server.cors.enabled) {
        imports_.from("fastapi.middleware.cors", "CORSMiddleware");
        std::vector<std::string> methods = server.cors.allowMethods;
        if (methods.empty()) {
            for (const EndpointPlan& plan : plans) {
                const std::string& m = plan.endpoint->method;
                if (std::find(methods.begin(), methods.end(), m) == methods.end()) methods.push_back(m);
            }
        }
        const auto strings = [](const std::vector<std::string>& values) {
            Json list = Json::array();
            for (const std::string& v : values)
                list.push_back(v);
            return literalExpr(list);
        };
        body_.expression(
            "",
            PyExpr::call(
                "app.add_middleware",
                {PyExpr::atom("CORSMiddleware"), strings(server.cors.allowOrigins).keyword("allow_origins"),
                 strings(methods).keyword("allow_methods"),
                 strings(server.cors.allowHeaders).keyword("allow_headers"),
                 PyExpr::atom(
                     std::to_string(
                         std::chrono::duration_cast<std::chrono::seconds>(server.cors.maxAge).count()))
                     .keyword("max_age")}));
    }

    tagAliases(plans);
    bool constants = false;
    for (const EndpointPlan& plan : plans) {
        if (!plan.latencyConstant.empty()) {
            if (!constants) body_.blank();
            constants = true;
            imports_.from(".behaviour", "Latency");
            body_.expression(plan.latencyConstant + " = ", plan.latencyDefinition);
        }
        if (!plan.batcherConstant.empty()) {
            if (!constants) body_.blank();
            constants = true;
            imports_.from(".behaviour", "MicroBatcher");
            body_.expression(plan.batcherConstant + " = ", plan.batcherDefinition);
        }
    }

    body_.blank(2);
    body_.line("@app.get(" + pythonString(server.builtins.health) + ", include_in_schema=False)");
    body_.line("async def health():");
    body_.indent();
    body_.line("return {\"status\": \"ok\"}");
    body_.dedent();

    for (const EndpointPlan& plan : plans) {
        if (!isRouteMethod(plan.endpoint->method)) {
            notes_.push_back(plan.endpoint->id + ": method " + plan.endpoint->method + " is not generated");
            continue;
        }
        endpoint(plan);
    }

    PySource module;
    std::string doc = project_.name;
    if (!project_.description.empty()) doc += "\n\n" + project_.description;
    doc += "\n\nA FastAPI service generated by Loadstar from the design; see README.md.";
    module.docstring(doc);
    imports_.write(module);
    AppModule out;
    out.text = module.text() + "\n" + body_.text();
    out.compatUsed = imports_.namesFrom(".compat");
    out.notes = std::move(notes_);
    return out;
}

void FastApiWriter::endpoint(const EndpointPlan& plan) {
    const model::Endpoint& e = *plan.endpoint;
    const std::string path = routePath(e, naming_.parameters(e), notes_);
    const bool cpuOnly = plan.cpuMs > 0 && plan.offloadCpu && plan.fixedLatencyMs == 0 &&
                         plan.latencyConstant.empty() && plan.batcherConstant.empty();
    // Offloaded CPU work alone: a plain `def`, which FastAPI runs on its thread pool.
    const bool asyncView = !cpuOnly;
    body_.blank(2);
    body_.expression("@", decorator(plan, path));
    const std::string head = std::string(asyncView ? "async def " : "def ") + plan.function;
    body_.expression("", PyExpr::call(head, signature(plan)), ":");
    body_.indent();
    if (!e.description.empty()) body_.docstring(e.description);
    behaviour(plan, asyncView);
    answer(plan);
    body_.dedent();
}

PyExpr FastApiWriter::decorator(const EndpointPlan& plan, const std::string& path) {
    const model::Endpoint& e = *plan.endpoint;
    std::vector<PyExpr> args{PyExpr::atom(pythonString(path))};
    if (plan.success && plan.success->body) {
        args.push_back(
            types_.annotation(*plan.success->body, ValueSource::Body, false).keyword("response_model"));
    }
    if (plan.status != 200) args.push_back(PyExpr::atom(std::to_string(plan.status)).keyword("status_code"));
    if (plan.emptyBody) {
        // No JSON content to declare for an answer without a body.
        imports_.from("fastapi", "Response");
        args.push_back(PyExpr::atom("Response").keyword("response_class"));
    }
    if (!e.tags.empty()) {
        Json tags = Json::array();
        for (const std::string& t : e.tags)
            tags.push_back(t);
        args.push_back(literalExpr(tags).keyword("tags"));
    }
    if (!e.summary.empty()) {
        args.push_back(PyExpr::atom(pythonString(e.summary)).keyword("summary"));
    } else if (plan.function != e.id) {
        args.push_back(PyExpr::atom(pythonString(openapi::titleFromName(e.id))).keyword("summary"));
    }
    args.push_back(PyExpr::atom(pythonString(e.id)).keyword("operation_id"));
    if (plan.success && !plan.success->description.empty()) {
        args.push_back(PyExpr::atom(pythonString(plan.success->description)).keyword("response_description"));
    }
    PyExpr responses;
    responses.open = '{';
    bool unauthorizedDeclared = false;
    for (const model::Response& r : e.responses) {
        unauthorizedDeclared = unauthorizedDeclared || r.status == 401;
        if (&r == plan.success) {
            if (r.example) {
                PyExpr entry;
                entry.open = '{';
                entry.items.push_back(jsonContent(*r.example).entry("\"content\""));
                responses.items.push_back(entry.entry(std::to_string(r.status)));
            }
            continue;
        }
        PyExpr entry;
        entry.open = '{';
        if (r.body)
            entry.items.push_back(types_.annotation(*r.body, ValueSource::Body, false).entry("\"model\""));
        if (!r.description.empty())
            entry.items.push_back(PyExpr::atom(pythonString(r.description)).entry("\"description\""));
        if (r.example) entry.items.push_back(jsonContent(*r.example).entry("\"content\""));
        responses.items.push_back(entry.entry(std::to_string(r.status)));
    }
    const bool guarded = e.auth != model::AuthRequirement::None;
    if (guarded && !unauthorizedDeclared) {
        PyExpr entry;
        entry.open = '{';
        entry.items.push_back(PyExpr::atom("\"Not authenticated\"").entry("\"description\""));
        responses.items.push_back(entry.entry("401"));
    }
    if (!responses.items.empty()) args.push_back(responses.keyword("responses"));
    if (e.deprecated) args.push_back(PyExpr::atom("True").keyword("deprecated"));
    if (e.requestBody && !e.requestBody->description.empty()) {
        // FastAPI has no parameter for the request body's own description.
        PyExpr description;
        description.open = '{';
        description.items.push_back(
            PyExpr::atom(pythonString(e.requestBody->description)).entry("\"description\""));
        PyExpr extra;
        extra.open = '{';
        extra.items.push_back(description.entry("\"requestBody\""));
        args.push_back(extra.keyword("openapi_extra"));
    }
    if (guarded) {
        imports_.from("fastapi", "Depends");
        const std::string dependency = e.auth == model::AuthRequirement::ApiKey   ? "require_api_key"
                                       : e.auth == model::AuthRequirement::Bearer ? "require_bearer_token"
                                                                                  : "require_basic_auth";
        imports_.from(".security", dependency);
        args.push_back(
            PyExpr::list({PyExpr::call("Depends", {PyExpr::atom(dependency)})}).keyword("dependencies"));
    }
    return PyExpr::call("app." + lowerMethod(e.method), std::move(args));
}

std::vector<PyExpr> FastApiWriter::signature(const EndpointPlan& plan) {
    const model::Endpoint& e = *plan.endpoint;
    const std::vector<PythonName>& names = naming_.parameters(e);
    std::vector<PyExpr> out;
    const std::string bodyName = naming_.bodyArgument(e);
    // A body that is not a model is declared with Body(): FastAPI on Pydantic 1 reads
    // other single values (a tagged union's type among them) from the query.
    const bool declared = e.requestBody && e.requestBody->type.kind != model::TypeKind::Object;
    if (declared) imports_.from("fastapi", "Body");
    const auto bodyType = [&] {
        if (const auto alias = bodyAliases_.find(&e); alias != bodyAliases_.end())
            return PyExpr::atom(alias->second);
        return types_.hoisted(e.requestBody->type, ValueSource::Body, false, e.id + "_body");
    };
    if (e.requestBody && e.requestBody->required)
        out.push_back(PyExpr::atom(bodyName + ": " + bodyType().flat() + (declared ? " = Body(...)" : "")));
    for (const ParamLocation in :
         {ParamLocation::Path, ParamLocation::Query, ParamLocation::Header, ParamLocation::Cookie}) {
        for (std::size_t i = 0; i < e.parameters.size(); ++i) {
            const model::Parameter& p = e.parameters[i];
            if (p.in != in) continue;
            const char* function = in == ParamLocation::Path     ? "Path"
                                   : in == ParamLocation::Query  ? "Query"
                                   : in == ParamLocation::Cookie ? "Cookie"
                                                                 : "Header";
            imports_.from("fastapi", function);
            const bool required = in == ParamLocation::Path || p.required;
            PyExpr annotation = types_.hoisted(p.type, ValueSource::Parameter, true, p.name);
            std::vector<PyExpr> args;
            if (required) {
                args.push_back(PyExpr::atom("..."));
            } else if (p.defaultValue && !p.defaultValue->is_null()) {
                args.push_back(literalExpr(*p.defaultValue));
            } else {
                args.push_back(PyExpr::atom("None"));
                annotation = types_.optional(std::move(annotation));
            }
            if (in == ParamLocation::Header && p.name.find('_') != std::string::npos && names[i].aliased()) {
                // An alias is matched as written; "_" in a header name matches "-" (FastAPI's
                // convert_underscores), as the embedded server and the Flask app read it.
                std::string header = p.name;
                std::replace(header.begin(), header.end(), '_', '-');
                args.push_back(PyExpr::atom(pythonString(header)).keyword("alias"));
                notes_.push_back(e.id + ": header " + p.name + " is read as " + header +
                                 ", and FastAPI names it so in its 422 errors");
            } else if (names[i].aliased() && in != ParamLocation::Path) {
                args.push_back(PyExpr::atom(pythonString(p.name)).keyword("alias"));
            }
            for (PyExpr& c : types_.fieldConstraints(p.type))
                args.push_back(std::move(c));
            if (!p.description.empty())
                args.push_back(PyExpr::atom(pythonString(p.description)).keyword("description"));
            if (p.example)
                notes_.push_back(e.id + ": the example of parameter " + p.name + " is not declared");
            PyExpr parameter = PyExpr::call(function, std::move(args));
            parameter.prefix = names[i].attribute + ": " + annotation.flat() + " = ";
            out.push_back(std::move(parameter));
        }
    }
    if (e.requestBody && !e.requestBody->required)
        out.push_back(PyExpr::atom(bodyName + ": " + types_.optional(bodyType()).flat() +
                                   (declared ? " = Body(None)" : " = None")));
    return out;
}

void FastApiWriter::behaviour(const EndpointPlan& plan, bool asyncView) {
    if (plan.fixedLatencyMs > 0) {
        imports_.module("asyncio");
        body_.line("await asyncio.sleep(" + pythonNumber(plan.fixedLatencyMs / 1000.0) + ")  # the I/O wait");
    }
    if (!plan.latencyConstant.empty()) {
        imports_.module("asyncio");
        body_.line("await asyncio.sleep(" + plan.latencyConstant + ".sample())  # the I/O wait");
    }
    if (plan.cpuMs > 0) {
        imports_.from(".behaviour", "burn_cpu");
        const std::string ms = pythonNumber(plan.cpuMs);
        if (!asyncView) {
            body_.line("burn_cpu(" + ms + ")  # on FastAPI's thread pool: a plain `def` view");
        } else if (plan.offloadCpu) {
            imports_.from("starlette.concurrency", "run_in_threadpool");
            body_.line("await run_in_threadpool(burn_cpu, " + ms + ")  # offloaded to the thread pool");
        } else {
            body_.line("# Computation inside `async def` blocks the event loop meanwhile, as designed.");
            body_.line("burn_cpu(" + ms + ")");
        }
    }
    if (!plan.batcherConstant.empty()) body_.line("await " + plan.batcherConstant + ".submit()");
    if (plan.errorRate > 0) {
        imports_.module("random");
        imports_.from("fastapi", "HTTPException");
        body_.line("if random.random() < " + pythonNumber(plan.errorRate) + ":  # injected errors");
        body_.indent();
        body_.line("raise HTTPException(status_code=" + std::to_string(plan.errorStatus) +
                   ", detail=\"Injected error\")");
        body_.dedent();
    }
}

void FastApiWriter::answer(const EndpointPlan& plan) {
    const model::Endpoint& e = *plan.endpoint;
    if (plan.constantBody) {
        imports_.from("fastapi", "Response");
        imports_.from(".responses", "RESPONSES");
        body_.expression(
            "return ",
            PyExpr::call("Response", {PyExpr::atom("RESPONSES[" + pythonString(e.id) + "]"),
                                      PyExpr::atom(std::to_string(plan.status)).keyword("status_code"),
                                      PyExpr::atom("\"application/json\"").keyword("media_type")}));
        return;
    }
    if (plan.emptyBody) {
        imports_.from("fastapi", "Response");
        body_.line("return Response(status_code=" + std::to_string(plan.status) + ")");
        return;
    }
    // Echo: the validated request, as the embedded server answers it.
    const bool sameType =
        e.requestBody && plan.success && plan.success->body && *plan.success->body == e.requestBody->type;
    if (e.requestBody && sameType) {
        body_.line("return " + naming_.bodyArgument(e));
        return;
    }
    imports_.from("fastapi.encoders", "jsonable_encoder");
    imports_.from("fastapi.responses", "JSONResponse");
    PyExpr value;
    if (e.requestBody) {
        value = PyExpr::atom(naming_.bodyArgument(e));
    } else {
        const std::vector<PythonName>& names = naming_.parameters(e);
        PyExpr path, query;
        path.open = query.open = '{';
        for (std::size_t i = 0; i < e.parameters.size(); ++i) {
            const model::Parameter& p = e.parameters[i];
            if (p.in == ParamLocation::Header || p.in == ParamLocation::Cookie) continue;
            PyExpr& target = p.in == ParamLocation::Path ? path : query;
            target.items.push_back(PyExpr::atom(names[i].attribute).entry(pythonString(p.name)));
        }
        value.open = '{';
        value.items.push_back(path.entry("\"path\""));
        value.items.push_back(query.entry("\"query\""));
    }
    body_.expression(
        "return ",
        PyExpr::call("JSONResponse", {PyExpr::call("jsonable_encoder", {value}),
                                      PyExpr::atom(std::to_string(plan.status)).keyword("status_code")}));
}

}  // namespace

AppModule fastapiMain(const model::Project& project, const PythonNaming& naming, TypeAliases& aliases,
                      const std::vector<EndpointPlan>& plans) {
    return FastApiWriter(project, naming, aliases).write(plans);
}

}  // namespace loadstar::codegen
