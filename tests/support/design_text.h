#pragma once

// Designs written as text in a test: a project file's JSON, an OpenAPI document
// imported, a document with one passage replaced. A text that does not read fails
// the test where it is used.

#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "engine/model/design_check.h"
#include "engine/model/project_file.h"
#include "engine/openapi/importer.h"

namespace loadstar::testing {

// The project a .loadstar.json text holds.
inline model::Project projectOf(const std::string& json) {
    auto result = model::parseProject(json);
    if (auto* e = std::get_if<model::ProjectError>(&result)) {
        ADD_FAILURE() << e->toString();
        return {};
    }
    return std::get<model::Project>(result);
}

// The design's problems as "severity location: message" lines, for exact comparison.
inline std::vector<std::string> problemLines(const model::Project& p) {
    std::vector<std::string> out;
    for (const model::Problem& problem : model::checkDesign(p)) {
        out.push_back(std::string(model::toString(problem.severity)) + " " + problem.location + ": " +
                      problem.message);
    }
    return out;
}

// The design an OpenAPI document (YAML or JSON) imports as.
inline model::Project importedDesign(const std::string& document) {
    auto result = openapi::importOpenApi("api.yaml", document);
    if (const auto* failure = std::get_if<openapi::ImportFailure>(&result)) {
        ADD_FAILURE() << failure->toString();
        return {};
    }
    return std::get<openapi::ImportResult>(result).project;
}

// `text` with its first `from` replaced by `to`; a `from` it lacks fails the test.
inline std::string replacedOnce(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    if (at == std::string::npos) {
        ADD_FAILURE() << "no \"" << from << "\" in the base document";
        return text;
    }
    return text.replace(at, from.size(), to);
}

}  // namespace loadstar::testing
