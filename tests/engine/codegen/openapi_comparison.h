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
// and what Pydantic's own types add:
// - a "uri" string (AnyUrl) declares minLength 1 and maxLength 65536 (Pydantic 1).
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

inline std::vector<std::string> openapiDifferences(const Json& generatedApp, const Json& exported) {
    nlohmann::json a = nlohmann::json::parse(generatedApp.dump());
    nlohmann::json b = nlohmann::json::parse(exported.dump());
    for (nlohmann::json* document : {&a, &b}) {
        document->erase("openapi");
        document->erase("servers");
    }
    setAsideUrlLengths(a);
    std::vector<std::string> out;
    jsonDifferences(a, b, "", out);
    return out;
}

}  // namespace loadstar::codegen::testing
