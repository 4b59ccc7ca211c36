#pragma once

#include <string>

#include "engine/codegen/generator.h"
#include "engine/model/project.h"

namespace loadstar::codegen {

// What the endpoints of a design need from app/behaviour.py.
struct BehaviourNeeds {
    bool cpu = false;           // burn_cpu
    bool distribution = false;  // Latency (log-normal through p50 and p99)
    bool batching = false;      // MicroBatcher
};
BehaviourNeeds behaviourNeeds(const model::Project& project);

// app/behaviour.py: the simulated cost of the endpoints, asyncio-based for FastAPI
// and thread-based for Flask. Empty when the design needs none of it.
std::string behaviourModule(const BehaviourNeeds& needs, Framework framework);

// app/security.py: API-key and bearer checks, as FastAPI dependencies or Flask
// decorators, for the kinds of auth the endpoints use. Empty when none do.
std::string securityModule(const model::Project& project, Framework framework);

// app/limits.py: for FastAPI the body limit and the rate limit as ASGI middleware;
// for Flask the rate limit and CORS as request hooks (empty when the design has
// neither; Flask limits bodies itself).
std::string limitsModule(const model::Project& project, Framework framework);

}  // namespace loadstar::codegen
