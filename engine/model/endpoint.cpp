#include "engine/model/endpoint.h"

namespace loadstar::model {

const Response* Endpoint::successResponse() const {
    for (const Response& r : responses) {
        if (r.status >= 200 && r.status < 300) return &r;
    }
    return nullptr;
}

const Parameter* Endpoint::parameter(std::string_view name, ParamLocation in) const {
    for (const Parameter& p : parameters) {
        if (p.in == in && p.name == name) return &p;
    }
    return nullptr;
}

const char* toString(AuthRequirement auth) {
    switch (auth) {
        case AuthRequirement::None:
            return "none";
        case AuthRequirement::ApiKey:
            return "api_key";
        case AuthRequirement::Bearer:
            return "bearer";
        case AuthRequirement::Basic:
            return "basic";
    }
    return "?";
}

std::optional<AuthRequirement> parseAuthRequirement(std::string_view text) {
    if (text == "none") return AuthRequirement::None;
    if (text == "api_key") return AuthRequirement::ApiKey;
    if (text == "bearer") return AuthRequirement::Bearer;
    if (text == "basic") return AuthRequirement::Basic;
    return std::nullopt;
}

std::optional<std::vector<std::string>> pathTemplateParams(std::string_view path) {
    std::vector<std::string> names;
    std::size_t i = 0;
    while (i < path.size()) {
        const char c = path[i];
        if (c == '}') return std::nullopt;
        if (c != '{') {
            ++i;
            continue;
        }
        const std::size_t close = path.find('}', i + 1);
        if (close == std::string_view::npos) return std::nullopt;
        const std::string_view name = path.substr(i + 1, close - i - 1);
        if (name.empty() || name.find('{') != std::string_view::npos) return std::nullopt;
        names.emplace_back(name);
        i = close + 1;
    }
    return names;
}

std::string pathTemplateShape(std::string_view path) {
    std::string shape;
    shape.reserve(path.size());
    bool inName = false;
    for (const char c : path) {
        if (c == '{') {
            inName = true;
            shape += "{}";
        } else if (c == '}') {
            inName = false;
        } else if (!inName) {
            shape += c;
        }
    }
    // A trailing slash does not make a different route.
    if (shape.size() > 1 && shape.back() == '/') shape.pop_back();
    return shape;
}

const char* toString(ParamLocation in) {
    switch (in) {
        case ParamLocation::Path:
            return "path";
        case ParamLocation::Query:
            return "query";
        case ParamLocation::Header:
            return "header";
        case ParamLocation::Cookie:
            return "cookie";
    }
    return "?";
}

std::optional<ParamLocation> parseParamLocation(std::string_view text) {
    if (text == "path") return ParamLocation::Path;
    if (text == "query") return ParamLocation::Query;
    if (text == "header") return ParamLocation::Header;
    if (text == "cookie") return ParamLocation::Cookie;
    return std::nullopt;
}

const char* toString(ResponseSource source) {
    switch (source) {
        case ResponseSource::Generated:
            return "generated";
        case ResponseSource::Example:
            return "example";
        case ResponseSource::Echo:
            return "echo";
    }
    return "?";
}

std::optional<ResponseSource> parseResponseSource(std::string_view text) {
    if (text == "generated") return ResponseSource::Generated;
    if (text == "example") return ResponseSource::Example;
    if (text == "echo") return ResponseSource::Echo;
    return std::nullopt;
}

}  // namespace loadstar::model
