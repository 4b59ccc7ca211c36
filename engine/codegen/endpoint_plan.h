#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/codegen/python_code.h"
#include "engine/codegen/python_naming.h"
#include "engine/model/project.h"

namespace loadstar::codegen {

// What one endpoint's view does, decided once for both frameworks, in the embedded
// server's order: (auth and validation by the framework,) I/O wait, CPU work,
// batching, then the injected error or the answer.
struct EndpointPlan {
    const model::Endpoint* endpoint = nullptr;
    std::string function;  // the view's name
    int status = 200;      // the success status
    const model::Response* success = nullptr;
    // The answer when it does not depend on the request: the example, or a value
    // generated from the response model for the endpoint's seed (the embedded
    // server's bytes); in responses.json under the operation id.
    std::optional<Json> constantBody;
    bool echo = false;       // answers with the validated request
    bool emptyBody = false;  // answers without a body (e.g. 204)
    double fixedLatencyMs = 0;
    std::string latencyConstant;  // a module-level Latency(...) when the wait is a distribution
    PyExpr latencyDefinition;
    double cpuMs = 0;
    bool offloadCpu = false;
    std::string batcherConstant;  // a module-level MicroBatcher(...) when the endpoint batches
    PyExpr batcherDefinition;
    double errorRate = 0;
    int errorStatus = 500;
};

std::vector<EndpointPlan> planEndpoints(const model::Project& project, const PythonNaming& naming);

// The responses.json document: {operation id: body} for endpoints with a constant body.
Json responsesDocument(const std::vector<EndpointPlan>& plans);

// app/responses.py: loads responses.json into RESPONSES (serialized bytes).
std::string responsesModule();

// Milliseconds as a Python number: 50, 0.25.
std::string milliseconds(model::Duration duration);

}  // namespace loadstar::codegen
