#pragma once

#include <string>
#include <vector>

#include "engine/codegen/endpoint_plan.h"
#include "engine/codegen/fastapi_app.h"
#include "engine/codegen/python_naming.h"
#include "engine/model/project.h"

namespace loadstar::codegen {

// app/main.py of the Flask project: one view per endpoint that validates its path,
// query, header and body values as FastAPI would (Pydantic models, 422 with the same
// locations), auth as decorators, and the designed behaviour in the worker.
// `parameters` receives app/parameters.py (the parameter models; empty when none).
AppModule flaskMain(const model::Project& project, const PythonNaming& naming, TypeAliases& aliases,
                    const std::vector<EndpointPlan>& plans, std::string& parameters);

// app/validation.py: request reading and FastAPI-shaped errors for Flask (with
// cookie_values when the design has cookie parameters).
std::string flaskValidationModule(bool cookies);

}  // namespace loadstar::codegen
