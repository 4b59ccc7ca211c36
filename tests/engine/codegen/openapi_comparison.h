#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/model/json.h"

namespace loadstar::codegen::testing {

// Where two JSON values differ, as "JSON pointer: a != b" lines. Key order does not
// matter, and numbers compare by value (FastAPI prints bounds as 1.0, the export as 1).
inline void jsonDifferences(const nlohmann::json& a, const nlohmann::json& b, const std::string& at,
                            std::vector<std::string>& out) {
    if (a.is_object() && b.is_object()) {
        for (const auto& [key, value] : a.items()) {
            const std::string here = at + "/" + key;
            if (!b.contains(key)) {
                out.push_back(here + ": only in the generated app: " + value.dump().substr(0, 200));
            } else {
                jsonDifferences(value, b.at(key), here, out);
            }
        }
        for (const auto& [key, value] : b.items()) {
            if (!a.contains(key))
                out.push_back(at + "/" + key + ": only in the export: " + value.dump().substr(0, 200));
        }
        return;
    }
    if (a.is_array() && b.is_array() && a.size() == b.size()) {
        for (std::size_t i = 0; i < a.size(); ++i)
            jsonDifferences(a[i], b[i], at + "/" + std::to_string(i), out);
        return;
    }
    if (a != b) out.push_back(at + ": " + a.dump().substr(0, 200) + " != " + b.dump().substr(0, 200));
}

// The differences between a generated FastAPI app's /openapi.json and `loadstar openapi`,
// after setting aside what differs only because FastAPI 0.92 writes OpenAPI 3.0.2 for a
// design exported as 3.1.0:
// - "openapi": "3.0.2" vs "3.1.0";
// - "servers": the export names the design's address; the app's document leaves it out
//   (it describes whichever address serves it);
// - a literal: 3.1's "const": v is 3.0's one-value "enum": [v];
// - a nullable value: 3.1 writes type [X, "null"] or an anyOf with {"type": "null"};
//   Pydantic 1 leaves null out of the document altogether (3.0 would say nullable: true,
//   which FastAPI 0.92 on Pydantic 1 does not write): the app's document does not say
//   that null is accepted, although the app accepts it;
// - a map of any value: "additionalProperties": {} is the same as leaving it out;
// and what Pydantic's own types add:
// - a "uri" string (AnyUrl) declares minLength 1 and maxLength 65536 (Pydantic 1);
// - a request body that is not a model has the title "Body" (FastAPI names it after
//   the view's argument).
inline void setAsideUrlLengths(nlohmann::json& schema) {
    if (schema.is_object()) {
        if (schema.value("format", "") == "uri") {
            if (schema.value("minLength", 0) == 1) schema.erase("minLength");
            if (schema.value("maxLength", 0) == 65536) schema.erase("maxLength");
        }
        for (auto& [key, value] : schema.items())
            setAsideUrlLengths(value);
    } else if (schema.is_array()) {
        for (auto& value : schema)
            setAsideUrlLengths(value);
    }
}

inline void setAside31Spellings(nlohmann::json& schema) {
    if (schema.is_object()) {
        if (schema.contains("const")) {
            schema["enum"] = nlohmann::json::array({schema["const"]});
            schema.erase("const");
        }
        if (schema.contains("type") && schema["type"].is_array()) {
            nlohmann::json types = nlohmann::json::array();
            for (const auto& t : schema["type"]) {
                if (t != "null") types.push_back(t);
            }
            schema["type"] = types.size() == 1 ? types[0] : types;
        }
        if (schema.contains("anyOf") && schema["anyOf"].is_array()) {
            nlohmann::json kept = nlohmann::json::array();
            for (const auto& member : schema["anyOf"]) {
                if (member != nlohmann::json{{"type", "null"}}) kept.push_back(member);
            }
            if (kept.size() == 1 && kept[0].is_object()) {
                schema.erase("anyOf");
                for (const auto& [key, value] : kept[0].items())
                    schema[key] = value;
            } else {
                schema["anyOf"] = kept;
            }
        }
        if (schema.contains("additionalProperties") &&
            schema["additionalProperties"] == nlohmann::json::object())
            schema.erase("additionalProperties");
        for (auto& [key, value] : schema.items())
            setAside31Spellings(value);
    } else if (schema.is_array()) {
        for (auto& value : schema)
            setAside31Spellings(value);
    }
}

inline void setAsideBodyTitles(nlohmann::json& document) {
    if (!document.contains("paths")) return;
    for (auto& [path, operations] : document["paths"].items()) {
        for (auto& [method, operation] : operations.items()) {
            (void)path;
            (void)method;
            if (!operation.is_object() || !operation.contains("requestBody")) continue;
            for (auto& [type, media] : operation["requestBody"]["content"].items()) {
                (void)type;
                if (media.contains("schema") && media["schema"].value("title", "") == "Body")
                    media["schema"].erase("title");
            }
        }
    }
}

inline std::vector<std::string> openapiDifferences(const Json& generatedApp, const Json& exported) {
    nlohmann::json a = nlohmann::json::parse(generatedApp.dump());
    nlohmann::json b = nlohmann::json::parse(exported.dump());
    for (nlohmann::json* document : {&a, &b}) {
        document->erase("openapi");
        document->erase("servers");
    }
    setAsideUrlLengths(a);
    setAsideBodyTitles(a);
    setAside31Spellings(b);
    std::vector<std::string> out;
    jsonDifferences(a, b, "", out);
    return out;
}

}  // namespace loadstar::codegen::testing
