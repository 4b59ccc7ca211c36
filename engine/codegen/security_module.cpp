#include "engine/codegen/python_code.h"
#include "engine/codegen/python_names.h"
#include "engine/codegen/support_modules.h"

namespace loadstar::codegen {

namespace {

// clang-format off
constexpr const char* kSecurityHelpers = R"(

def _from_environment(name, default):
    """A comma-separated list from the environment, else the design's values."""
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def _accepted(presented, accepted):
    """Whether `presented` is one of `accepted`, compared in constant time."""
    found = False
    for candidate in accepted:
        found |= secrets.compare_digest(presented.encode(), candidate.encode())
    return found
)";

constexpr const char* kFlaskBasicCredentials = R"(

def _basic_credentials():
    """The "user:password" of an Authorization: Basic header, or None."""
    scheme, _, encoded = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        return base64.b64decode(encoded, validate=True).decode()
    except (ValueError, UnicodeDecodeError):
        return None
)";
// clang-format on

bool usesAuth(const model::Project& project, model::AuthRequirement kind) {
    for (const model::Endpoint& e : project.endpoints) {
        if (e.auth == kind) return true;
    }
    return false;
}

PyExpr stringList(const std::vector<std::string>& values) {
    Json list = Json::array();
    for (const std::string& v : values)
        list.push_back(v);
    return literalExpr(list);
}

// The FastAPI scheme class of the design's API key location.
const char* apiKeyScheme(model::ApiKeyLocation in) {
    switch (in) {
        case model::ApiKeyLocation::Query:
            return "APIKeyQuery";
        case model::ApiKeyLocation::Cookie:
            return "APIKeyCookie";
        case model::ApiKeyLocation::Header:
            break;
    }
    return "APIKeyHeader";
}

// `raise HTTPException(401, ...)` with a challenge, inside an `if`.
void raiseUnauthorized(PySource& d, const std::string& challenge) {
    d.indent();
    d.line("raise HTTPException(");
    d.indent();
    d.line("status_code=401,");
    d.line("detail=\"Not authenticated\",");
    d.line("headers={\"WWW-Authenticate\": " + challenge + "},");
    d.dedent();
    d.line(")");
    d.dedent();
}

// A Flask decorator that answers 401 with `challenge` unless `condition` is false.
void flaskDecorator(PySource& d, const std::string& name, const std::string& doc,
                    const std::vector<std::string>& reading, const std::string& refused,
                    const std::string& challenge) {
    d.blank(2);
    d.line("def " + name + "(view):");
    d.indent();
    d.docstring(doc);
    d.blank();
    d.line("@functools.wraps(view)");
    d.line("def checked(*args, **kwargs):");
    d.indent();
    for (const std::string& line : reading)
        d.line(line);
    d.line("if " + refused + ":");
    d.indent();
    d.line("return _not_authenticated(" + challenge + ")");
    d.dedent();
    d.line("return view(*args, **kwargs)");
    d.dedent();
    d.blank();
    d.line("return checked");
    d.dedent();
}

void apiKeyDefinitions(const model::Auth& auth, bool fastapi, PySource& d) {
    const std::string name = pythonString(auth.apiKeyName);
    const std::string where = model::toString(auth.apiKeyIn);
    const std::string challenge = pythonString("ApiKey " + where + "=\"" + auth.apiKeyName + "\"");
    const std::string doc = "Refuses the request with 401 unless it carries one of API_KEYS\n(the " + where +
                            " " + auth.apiKeyName + ").";
    d.blank(2);
    d.expression("API_KEYS = ",
                 PyExpr::call("_from_environment", {PyExpr::atom("\"API_KEYS\""), stringList(auth.apiKeys)}));
    if (fastapi) {
        const std::string scheme = std::string("api_key_") + where;
        d.line(scheme + " = " + apiKeyScheme(auth.apiKeyIn) + "(name=" + name + ", auto_error=False)");
        d.blank(2);
        d.line("def require_api_key(api_key: Optional[str] = Security(" + scheme + ")):");
        d.indent();
        d.docstring(doc);
        d.line("if not api_key or not _accepted(api_key, API_KEYS):");
        raiseUnauthorized(d, challenge);
        d.dedent();
        return;
    }
    std::string read = "request.headers.get(" + name + ")";
    if (auth.apiKeyIn == model::ApiKeyLocation::Query) {
        read = "request.args.getlist(" + name + ")[-1:]  # the last, as Starlette";
    } else if (auth.apiKeyIn == model::ApiKeyLocation::Cookie) {
        read = "request.cookies.get(" + name + ")";
    }
    if (auth.apiKeyIn == model::ApiKeyLocation::Query) {
        flaskDecorator(d, "require_api_key", doc, {"api_key = " + read},
                       "not api_key or not _accepted(api_key[0], API_KEYS)", challenge);
        return;
    }
    flaskDecorator(d, "require_api_key", doc, {"api_key = " + read},
                   "not api_key or not _accepted(api_key, API_KEYS)", challenge);
}

void bearerDefinitions(const model::Auth& auth, bool fastapi, PySource& d) {
    const std::string doc = "Refuses the request with 401 unless it carries one of BEARER_TOKENS.";
    d.blank(2);
    d.expression("BEARER_TOKENS = ", PyExpr::call("_from_environment", {PyExpr::atom("\"BEARER_TOKENS\""),
                                                                        stringList(auth.bearerTokens)}));
    if (fastapi) {
        d.line("bearer = HTTPBearer(auto_error=False)");
        d.blank(2);
        d.line("def require_bearer_token(");
        d.indent();
        d.line("credentials: Optional[HTTPAuthorizationCredentials] = Security(bearer),");
        d.dedent();
        d.line("):");
        d.indent();
        d.docstring(doc);
        d.line("if credentials is None or not _accepted(credentials.credentials, BEARER_TOKENS):");
        raiseUnauthorized(d, "\"Bearer\"");
        d.dedent();
        return;
    }
    flaskDecorator(d, "require_bearer_token", doc,
                   {"scheme, _, token = request.headers.get(\"Authorization\", \"\").partition(\" \")"},
                   "scheme.lower() != \"bearer\" or not _accepted(token, BEARER_TOKENS)", "\"Bearer\"");
}

void basicDefinitions(const model::Auth& auth, bool fastapi, PySource& d) {
    const std::string doc =
        "Refuses the request with 401 unless its HTTP basic credentials are one of\n"
        "BASIC_USERS (\"user:password\").";
    d.blank(2);
    d.expression("BASIC_USERS = ", PyExpr::call("_from_environment", {PyExpr::atom("\"BASIC_USERS\""),
                                                                      stringList(auth.basicUsers)}));
    if (fastapi) {
        d.line("basic = HTTPBasic(auto_error=False)");
        d.blank(2);
        d.line("def require_basic_auth(");
        d.indent();
        d.line("credentials: Optional[HTTPBasicCredentials] = Security(basic),");
        d.dedent();
        d.line("):");
        d.indent();
        d.docstring(doc);
        d.line("if credentials is None:");
        raiseUnauthorized(d, "\"Basic\"");
        d.line("user = f\"{credentials.username}:{credentials.password}\"");
        d.line("if not _accepted(user, BASIC_USERS):");
        raiseUnauthorized(d, "\"Basic\"");
        d.dedent();
        return;
    }
    flaskDecorator(d, "require_basic_auth", doc, {"user = _basic_credentials()"},
                   "user is None or not _accepted(user, BASIC_USERS)", "\"Basic\"");
}

}  // namespace

std::string securityModule(const model::Project& project, Framework framework) {
    const bool apiKey = usesAuth(project, model::AuthRequirement::ApiKey);
    const bool bearer = usesAuth(project, model::AuthRequirement::Bearer);
    const bool basic = usesAuth(project, model::AuthRequirement::Basic);
    if (!apiKey && !bearer && !basic) return {};
    const bool fastapi = framework == Framework::FastApi;
    const model::Auth& auth = project.server.auth;

    PySource s;
    s.docstring("Authentication as the design requires it (credentials from the environment).");
    if (!fastapi && basic) s.line("import base64");
    if (!fastapi) s.line("import functools");
    s.line("import os");
    s.line("import secrets");
    if (fastapi) {
        s.line("from typing import Optional");
        s.blank();
        s.line("from fastapi import HTTPException, Security");
        std::vector<std::string> schemes;
        if (apiKey) schemes.emplace_back(apiKeyScheme(auth.apiKeyIn));
        if (bearer) schemes.emplace_back("HTTPAuthorizationCredentials");
        if (basic) {
            schemes.emplace_back("HTTPBasic");
            schemes.emplace_back("HTTPBasicCredentials");
        }
        if (bearer) schemes.emplace_back("HTTPBearer");
        std::string joined;
        for (const std::string& n : schemes)
            joined += (joined.empty() ? "" : ", ") + n;
        const std::string line = "from fastapi.security import " + joined;
        if (columns(line) <= 88) {
            s.line(line);
        } else {
            s.line("from fastapi.security import (");
            s.indent();
            for (const std::string& n : schemes)
                s.line(n + ",");
            s.dedent();
            s.line(")");
        }
    } else {
        s.blank();
        s.line("from flask import request");
    }
    std::string text = s.text() + kSecurityHelpers;

    PySource d;
    if (!fastapi) {
        d.blank(2);
        d.line("def _not_authenticated(challenge):");
        d.indent();
        d.line("return {\"detail\": \"Not authenticated\"}, 401, {\"WWW-Authenticate\": challenge}");
        d.dedent();
    }
    if (apiKey) apiKeyDefinitions(auth, fastapi, d);
    if (bearer) bearerDefinitions(auth, fastapi, d);
    if (basic) basicDefinitions(auth, fastapi, d);
    text += d.text();
    if (!fastapi && basic) text += kFlaskBasicCredentials;
    return text;
}

}  // namespace loadstar::codegen
