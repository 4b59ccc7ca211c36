#pragma once

#include <string>
#include <vector>

#include "engine/codegen/endpoint_plan.h"
#include "engine/codegen/generator.h"
#include "engine/model/project.h"

namespace loadstar::codegen {

// README.md: how to run it, what each endpoint does, how Pydantic 1 and 2 are
// both served, and the notes (what the code does not enforce or does differently).
std::string readme(const model::Project& project, Framework framework, const std::vector<EndpointPlan>& plans,
                   const std::vector<std::string>& notes);

// requirements.txt, with the versions the code is written for.
std::string requirements(const model::Project& project, Framework framework);

// start-uvicorn.sh or start-gunicorn.sh.
std::string startScript(const model::Project& project, Framework framework);

}  // namespace loadstar::codegen
