#pragma once

#include <set>
#include <string>
#include <vector>

#include "engine/codegen/endpoint_plan.h"
#include "engine/codegen/python_naming.h"
#include "engine/codegen/python_types.h"
#include "engine/model/project.h"

namespace loadstar::codegen {

struct AppModule {
    std::string text;                  // app/main.py
    std::set<std::string> compatUsed;  // names it imports from app/compat.py
    std::vector<std::string> notes;
};

// app/main.py of the FastAPI project: the app, its middleware, and one view per
// endpoint with typed path, query and header parameters and body, auth as security
// dependencies, and the designed behaviour.
// The paths a rate limit leaves alone: health, OpenAPI document, docs.
PyExpr exemptPaths(const model::BuiltinPaths& paths);

AppModule fastapiMain(const model::Project& project, const PythonNaming& naming, TypeAliases& aliases,
                      const std::vector<EndpointPlan>& plans);

}  // namespace loadstar::codegen
