#include "engine/codegen/flask_app.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "engine/codegen/python_code.h"
#include "engine/codegen/python_imports.h"
#include "engine/codegen/python_names.h"
#include "engine/codegen/python_types.h"

namespace loadstar::codegen {

namespace {

using model::ParamLocation;

std::string lowerMethod(const std::string& method) {
    std::string out;
    for (const char c : method)
        out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
}

// A constant's stem for a function name: "import_" -> "IMPORT".
std::string upper(const std::string& name) {
    std::string out;
    for (const char c : name)
        out += c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    while (out.size() > 1 && out.back() == '_')
        out.pop_back();
    return out;
}

// Flask's rule for a design path: {name} -> <argument>.
std::string flaskRule(const model::Endpoint& e, const std::vector<PythonName>& names) {
    std::string rule = e.path;
    for (std::size_t i = 0; i < e.parameters.size(); ++i) {
        if (e.parameters[i].in != ParamLocation::Path) continue;
        const std::string from = "{" + e.parameters[i].name + "}";
        const std::string to = "<" + names[i].attribute + ">";
        for (std::size_t at = rule.find(from); at != std::string::npos; at = rule.find(from, at + to.size()))
            rule.replace(at, from.size(), to);
    }
    return rule;
}

// One validated part of a request: the parameter model of a location.
struct Part {
    ParamLocation in;
    std::string modelClass;  // in app/parameters.py
    std::string constant;    // JsonType(...) in app/main.py
};

class FlaskWriter {
  public:
    FlaskWriter(const model::Project& project, const PythonNaming& naming, TypeAliases& aliases)
        : project_(project),
          naming_(naming),
          types_(naming, aliases, imports_, ".compat", ".models"),
          parameterTypes_(naming, aliases, parameterImports_, ".compat", ".models"),
          taken_(naming.taken()) {}

    AppModule write(const std::vector<EndpointPlan>& plans, std::string& parameters);

  private:
    std::vector<Part> parameterModels(const EndpointPlan& plan);
    void endpoint(const EndpointPlan& plan, const std::vector<Part>& parts, const std::string& bodyConstant);
    void behaviour(const EndpointPlan& plan);
    void answer(const EndpointPlan& plan, const std::vector<Part>& parts, const std::string& bodyConstant);

    const model::Project& project_;
    const PythonNaming& naming_;
    PythonImports imports_;
    PythonTypes types_;
    PythonImports parameterImports_;
    PythonTypes parameterTypes_;
    PySource parameterModels_;
    std::set<std::string> taken_;
    PySource constants_;
    PySource views_;
    std::vector<std::string> notes_;
    bool dumpUsed_ = false;  // an echo serializes what it validated: JsonType.dump
};

std::vector<Part> FlaskWriter::parameterModels(const EndpointPlan& plan) {
    const model::Endpoint& e = *plan.endpoint;
    const std::vector<PythonName>& names = naming_.parameters(e);
    std::vector<Part> parts;
    for (const ParamLocation in :
         {ParamLocation::Path, ParamLocation::Query, ParamLocation::Header, ParamLocation::Cookie}) {
        bool any = false;
        for (const model::Parameter& p : e.parameters)
            any = any || p.in == in;
        if (!any) continue;
        const char* suffix = in == ParamLocation::Path     ? "Path"
                             : in == ParamLocation::Query  ? "Query"
                             : in == ParamLocation::Cookie ? "Cookies"
                                                           : "Headers";
        Part part{in, uniqueName(className(plan.function) + suffix, taken_), ""};
        part.constant = uniqueName(upper(plan.function) + "_" + upper(suffix), taken_);

        parameterImports_.from("pydantic", "BaseModel");
        if (!parameterModels_.text().empty()) parameterModels_.blank(2);
        parameterModels_.line("class " + part.modelClass + "(BaseModel):");
        parameterModels_.indent();
        for (std::size_t i = 0; i < e.parameters.size(); ++i) {
            const model::Parameter& p = e.parameters[i];
            if (p.in != in) continue;
            const bool required = in == ParamLocation::Path || p.required;
            PyExpr annotation = parameterTypes_.hoisted(p.type, ValueSource::Parameter, true, p.name);
            std::vector<PyExpr> args;
            if (required) {
                args.push_back(PyExpr::atom("..."));
            } else if (p.defaultValue && !p.defaultValue->is_null()) {
                args.push_back(literalExpr(*p.defaultValue));
            } else {
                args.push_back(PyExpr::atom("None"));
                annotation = parameterTypes_.optional(std::move(annotation));
            }
            if (names[i].aliased()) args.push_back(PyExpr::atom(pythonString(p.name)).keyword("alias"));
            for (PyExpr& c : parameterTypes_.fieldConstraints(p.type))
                args.push_back(std::move(c));
            if (!p.description.empty())
                args.push_back(PyExpr::atom(pythonString(p.description)).keyword("description"));
            const std::string lead = names[i].attribute + ": " + annotation.flat();
            if (args.size() == 1 && required) {
                parameterModels_.line(lead);
            } else if (args.size() == 1) {
                parameterModels_.expression(lead + " = ", args.front());
            } else {
                parameterImports_.from("pydantic", "Field");
                parameterModels_.expression(lead + " = ", PyExpr::call("Field", std::move(args)));
            }
            if (in == ParamLocation::Header && p.type.kind == model::TypeKind::Array)
                notes_.push_back(e.id + ": the Flask app reads header " + p.name + " as one value");
        }
        parameterModels_.dedent();

        imports_.from(".parameters", part.modelClass);
        imports_.from(".compat", "JsonType");
        constants_.line(part.constant + " = JsonType(" + part.modelClass + ")");
        parts.push_back(std::move(part));
    }
    return parts;
}

AppModule FlaskWriter::write(const std::vector<EndpointPlan>& plans, std::string& parameters) {
    const model::ServerSettings& server = project_.server;
    imports_.from("flask", "Flask");
    imports_.from(".validation", "install_error_handlers");
    PySource head;
    head.line("app = Flask(__name__)");
    head.line("app.config[\"MAX_CONTENT_LENGTH\"] = " + std::to_string(server.limits.maxBodyBytes));
    head.line("app.json.sort_keys = False  # keys in the order the models declare them, as FastAPI");
    head.line("install_error_handlers(app)");
    // CORS first: a preflight is answered before the rate limit counts it, as in the embedded server.
    if (server.cors.enabled) {
        imports_.from(".limits", "install_cors");
        const auto strings = [](const std::vector<std::string>& values) {
            Json list = Json::array();
            for (const std::string& v : values)
                list.push_back(v);
            return literalExpr(list);
        };
        std::vector<std::string> methods = server.cors.allowMethods;
        if (methods.empty()) {
            for (const EndpointPlan& plan : plans) {
                if (std::find(methods.begin(), methods.end(), plan.endpoint->method) == methods.end())
                    methods.push_back(plan.endpoint->method);
            }
        }
        const auto maxAge = std::chrono::duration_cast<std::chrono::seconds>(server.cors.maxAge).count();
        head.expression(
            "", PyExpr::call("install_cors",
                             {PyExpr::atom("app"), strings(server.cors.allowOrigins).keyword("allow_origins"),
                              strings(methods).keyword("allow_methods"),
                              strings(server.cors.allowHeaders).keyword("allow_headers"),
                              PyExpr::atom(std::to_string(maxAge)).keyword("max_age")}));
    }
    if (server.rateLimit.enabled) {
        imports_.from(".limits", "install_rate_limit");
        head.expression(
            "", PyExpr::call(
                    "install_rate_limit",
                    {PyExpr::atom("app"),
                     PyExpr::atom(pythonNumber(server.rateLimit.requestsPerSecond)).keyword("per_second"),
                     PyExpr::atom(std::to_string(server.rateLimit.burst)).keyword("burst"),
                     exemptPaths(server.builtins).keyword("exempt")}));
    }

    struct Planned {
        const EndpointPlan* plan;
        std::vector<Part> parts;
        std::string body;
    };
    std::vector<Planned> planned;
    for (const EndpointPlan& plan : plans) {
        Planned p{&plan, parameterModels(plan), ""};
        if (plan.endpoint->requestBody) {
            p.body = uniqueName(upper(plan.function) + "_BODY", taken_);
            imports_.from(".compat", "JsonType");
            constants_.expression(
                p.body + " = ", PyExpr::call("JsonType", {types_.annotation(plan.endpoint->requestBody->type,
                                                                            ValueSource::Body, false)}));
        }
        if (!plan.latencyConstant.empty()) {
            imports_.from(".behaviour", "Latency");
            constants_.expression(plan.latencyConstant + " = ", plan.latencyDefinition);
        }
        if (!plan.batcherConstant.empty()) {
            imports_.from(".behaviour", "MicroBatcher");
            constants_.expression(plan.batcherConstant + " = ", plan.batcherDefinition);
        }
        planned.push_back(std::move(p));
    }

    imports_.module("pathlib");
    imports_.from("flask", "Response");
    views_.blank(2);
    views_.line("OPENAPI = pathlib.Path(__file__).with_name(\"openapi.json\").read_bytes()");
    views_.blank(2);
    views_.line("@app.get(" + pythonString(server.builtins.health) + ")");
    views_.line("def health():");
    views_.indent();
    views_.line("return {\"status\": \"ok\"}");
    views_.dedent();
    views_.blank(2);
    views_.line("@app.get(" + pythonString(server.builtins.openapi) + ")");
    views_.line("def openapi_document():");
    views_.indent();
    views_.line("return Response(OPENAPI, mimetype=\"application/json\")");
    views_.dedent();

    for (const Planned& p : planned)
        endpoint(*p.plan, p.parts, p.body);

    PySource module;
    std::string doc = project_.name;
    if (!project_.description.empty()) doc += "\n\n" + project_.description;
    doc += "\n\nA Flask service generated by Loadstar from the design; see README.md.";
    module.docstring(doc);
    imports_.write(module);
    AppModule out;
    out.text = module.text() + "\n" + head.text();
    const std::string constants = constants_.text();
    if (!constants.empty()) out.text += "\n" + constants;
    out.text += views_.text();
    out.compatUsed = imports_.namesFrom(".compat");
    std::set<std::string> moreCompat = parameterImports_.namesFrom(".compat");
    out.compatUsed.insert(moreCompat.begin(), moreCompat.end());
    if (dumpUsed_) out.compatUsed.insert("JsonType.dump");
    out.notes = std::move(notes_);

    parameters.clear();
    if (!parameterModels_.text().empty()) {
        PySource file;
        file.docstring("The path, query, header and cookie parameters of each endpoint, as models.");
        file.blank();
        parameterImports_.write(file);
        parameters = file.text() + "\n\n" + parameterModels_.text();
    }
    return out;
}

void FlaskWriter::endpoint(const EndpointPlan& plan, const std::vector<Part>& parts,
                           const std::string& bodyConstant) {
    const model::Endpoint& e = *plan.endpoint;
    const std::vector<PythonName>& names = naming_.parameters(e);
    const std::string rule = pythonString(flaskRule(e, names));
    views_.blank(2);
    const std::string method = lowerMethod(e.method);
    if (method == "get" || method == "post" || method == "put" || method == "delete" || method == "patch") {
        views_.line("@app." + method + "(" + rule + ")");
    } else {
        views_.line("@app.route(" + rule + ", methods=[" + pythonString(e.method) + "])");
    }
    if (e.auth != model::AuthRequirement::None) {
        const std::string decorator = e.auth == model::AuthRequirement::ApiKey   ? "require_api_key"
                                      : e.auth == model::AuthRequirement::Bearer ? "require_bearer_token"
                                                                                 : "require_basic_auth";
        imports_.from(".security", decorator);
        views_.line("@" + decorator);
    }
    std::vector<PyExpr> pathArguments;
    for (std::size_t i = 0; i < e.parameters.size(); ++i) {
        if (e.parameters[i].in == ParamLocation::Path)
            pathArguments.push_back(PyExpr::atom(names[i].attribute));
    }
    views_.expression("", PyExpr::call("def " + plan.function, pathArguments), ":");
    views_.indent();
    if (!e.description.empty()) views_.docstring(e.description);

    std::vector<PyExpr> validation;
    for (const Part& part : parts) {
        PyExpr values;
        if (part.in == ParamLocation::Path) {
            values.open = '{';
            for (std::size_t i = 0; i < e.parameters.size(); ++i) {
                if (e.parameters[i].in == ParamLocation::Path)
                    values.items.push_back(
                        PyExpr::atom(names[i].attribute).entry(pythonString(e.parameters[i].name)));
            }
        } else {
            const bool query = part.in == ParamLocation::Query;
            const std::string helper = query                              ? "query_values"
                                       : part.in == ParamLocation::Cookie ? "cookie_values"
                                                                          : "header_values";
            imports_.from(".validation", helper);
            std::vector<PyExpr> arguments;
            for (const model::Parameter& p : e.parameters) {
                if (p.in != part.in) continue;
                if (query && p.type.kind != model::TypeKind::Array) continue;  // query_values names the lists
                arguments.push_back(PyExpr::atom(pythonString(p.name)));
            }
            values = PyExpr::call(helper, std::move(arguments));
        }
        const char* keyword = part.in == ParamLocation::Path     ? "path"
                              : part.in == ParamLocation::Query  ? "query"
                              : part.in == ParamLocation::Cookie ? "cookies"
                                                                 : "headers";
        validation.push_back(PyExpr::tuple({PyExpr::atom(part.constant), values}).keyword(keyword));
    }
    if (!bodyConstant.empty()) {
        validation.push_back(PyExpr::atom(bodyConstant).keyword("body"));
        if (!e.requestBody->required) validation.push_back(PyExpr::atom("False").keyword("body_required"));
    }
    if (!validation.empty()) {
        imports_.from(".validation", "validate_request");
        views_.expression(plan.echo ? "values = " : "",
                          PyExpr::call("validate_request", std::move(validation)));
    }
    behaviour(plan);
    answer(plan, parts, bodyConstant);
    views_.dedent();
}

void FlaskWriter::behaviour(const EndpointPlan& plan) {
    if (plan.fixedLatencyMs > 0) {
        imports_.module("time");
        views_.line("time.sleep(" + pythonNumber(plan.fixedLatencyMs / 1000.0) + ")  # the I/O wait");
    }
    if (!plan.latencyConstant.empty()) {
        imports_.module("time");
        views_.line("time.sleep(" + plan.latencyConstant + ".sample())  # the I/O wait");
    }
    if (plan.cpuMs > 0) {
        imports_.from(".behaviour", "burn_cpu");
        views_.line("burn_cpu(" + pythonNumber(plan.cpuMs) + ")");
    }
    if (!plan.batcherConstant.empty()) views_.line(plan.batcherConstant + ".submit()");
    if (plan.errorRate > 0) {
        imports_.module("random");
        views_.line("if random.random() < " + pythonNumber(plan.errorRate) + ":  # injected errors");
        views_.indent();
        views_.line("return {\"detail\": \"Injected error\"}, " + std::to_string(plan.errorStatus));
        views_.dedent();
    }
}

void FlaskWriter::answer(const EndpointPlan& plan, const std::vector<Part>& parts,
                         const std::string& bodyConstant) {
    const model::Endpoint& e = *plan.endpoint;
    const std::string status = std::to_string(plan.status);
    if (plan.constantBody) {
        imports_.from(".responses", "RESPONSES");
        views_.expression(
            "return ", PyExpr::call("Response", {PyExpr::atom("RESPONSES[" + pythonString(e.id) + "]"),
                                                 PyExpr::atom(status).keyword("status"),
                                                 PyExpr::atom("\"application/json\"").keyword("mimetype")}));
        return;
    }
    if (plan.emptyBody) {
        views_.line("return Response(status=" + status + ")");
        return;
    }
    dumpUsed_ = true;
    if (!bodyConstant.empty()) {
        views_.line("return " + bodyConstant + ".dump(values[\"body\"]), " + status);
        return;
    }
    PyExpr echo;
    echo.open = '{';
    for (const char* location : {"path", "query"}) {
        PyExpr value = PyExpr::atom("{}");
        for (const Part& part : parts) {
            const bool match = (part.in == ParamLocation::Path && std::string(location) == "path") ||
                               (part.in == ParamLocation::Query && std::string(location) == "query");
            if (match)
                value = PyExpr::call(part.constant + ".dump",
                                     {PyExpr::atom("values[\"" + std::string(location) + "\"]")});
        }
        echo.items.push_back(value.entry("\"" + std::string(location) + "\""));
    }
    views_.expression("return ", PyExpr::tuple({echo, PyExpr::atom(status)}));
}

}  // namespace

AppModule flaskMain(const model::Project& project, const PythonNaming& naming, TypeAliases& aliases,
                    const std::vector<EndpointPlan>& plans, std::string& parameters) {
    return FlaskWriter(project, naming, aliases).write(plans, parameters);
}

namespace {

// clang-format off
constexpr const char* kValidationReading = R"("""FastAPI's request validation for Flask: the same checks and the same 422 answers."""
import json

from flask import abort, make_response, request
from werkzeug.exceptions import HTTPException

from .compat import PYDANTIC_V2, InvalidValue


class RequestValidationError(Exception):
    """The request failed validation; `errors` as FastAPI lists them."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def install_error_handlers(app):
    """Answers validation failures with 422, and HTTP errors with JSON, as FastAPI does."""

    @app.errorhandler(RequestValidationError)
    def validation_failed(error):
        return {"detail": error.errors}, 422

    @app.errorhandler(HTTPException)
    def http_error(error):
        detail = "Request body too large" if error.code == 413 else error.name
        headers = [
            (k, v) for k, v in error.get_headers() if k.lower() != "content-type"
        ]
        return {"detail": detail}, error.code, headers


def query_values(*lists):
    """The query as FastAPI reads it: the last value of a repeated key, and every
    value of the list parameters named in `lists`."""
    values = {key: items[-1] for key, items in request.args.lists()}
    for name in lists:
        if name in request.args:
            values[name] = request.args.getlist(name)
    return values


def header_values(*names):
    """The named headers that are present ("_" in a name matches "-", as in FastAPI)."""
    values = {}
    for name in names:
        value = request.headers.get(name.replace("_", "-"))
        if value is not None:
            values[name] = value
    return values


def validate_request(
    *,
    path=None,
    query=None,
    headers=None,
    cookies=None,
    body=None,
    body_required=True,
):
    """Validates the request's parts in FastAPI's order (path, query, headers, cookies,
    body) and returns their values by location, or raises RequestValidationError with
    every error found. `path`, `query`, `headers` and `cookies` are (JsonType, values);
    `body` is the JsonType of the JSON body."""
    received = _read_body() if body is not None else None
    errors = []
    values = {}
    parts = (("path", path), ("query", query), ("header", headers), ("cookie", cookies))
    for location, part in parts:
        if part is not None:
            values[location] = _validate(part[0], part[1], location, errors)
    if body is not None:
        if received is None:
            if body_required:
                errors.append(_missing_body())
            values["body"] = None
        else:
            values["body"] = _validate(body, received, "body", errors)
    if errors:
        raise RequestValidationError(errors)
    return values
)";
constexpr const char* kValidationChecks = R"(

def _validate(type_, value, location, errors):
    try:
        return type_.validate(value)
    except InvalidValue as invalid:
        for error in invalid.errors:
            error["loc"] = [location, *error["loc"]]
        errors.extend(invalid.errors)
        return None


def _read_body():
    """The body as FastAPI reads it: JSON when the Content-Type says so or is absent,
    else the text (which a model refuses); None when there is none."""
    data = request.get_data()
    if not data:
        return None
    mimetype = request.mimetype
    is_json = mimetype == "application/json" or (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    )
    if mimetype and not is_json:
        return data.decode("utf-8", "replace")
    try:
        return json.loads(data)
    except json.JSONDecodeError as error:
        raise RequestValidationError([_json_invalid(error)]) from None
    except ValueError:
        detail = "There was an error parsing the body"
        abort(make_response({"detail": detail}, 400))


def _missing_body():
    if PYDANTIC_V2:
        return {
            "type": "missing",
            "loc": ["body"],
            "msg": "Field required",
            "input": None,
        }
    return {"loc": ["body"], "msg": "field required", "type": "value_error.missing"}


def _json_invalid(error):
    loc = ["body", error.pos]
    if PYDANTIC_V2:
        ctx = {"error": error.msg}
        return {
            "type": "json_invalid",
            "loc": loc,
            "msg": "JSON decode error",
            "ctx": ctx,
        }
    ctx = {
        "msg": error.msg,
        "pos": error.pos,
        "lineno": error.lineno,
        "colno": error.colno,
    }
    return {"loc": loc, "msg": str(error), "type": "value_error.jsondecode", "ctx": ctx}
)";

// cookie_values, for a design with cookie parameters.
constexpr const char* kCookieValues = R"(

def cookie_values(*names):
    """The named cookies that are present."""
    return {name: request.cookies[name] for name in names if name in request.cookies}
)";
// clang-format on

}  // namespace

std::string flaskValidationModule(bool cookies) {
    std::string out = kValidationReading;
    if (cookies) out += kCookieValues;
    return out + kValidationChecks;
}

}  // namespace loadstar::codegen
