#include "engine/codegen/endpoint_plan.h"

#include <memory>

#include "engine/codegen/python_names.h"
#include "engine/schema/sample_generator.h"

namespace loadstar::codegen {

namespace {

std::string constantName(const std::string& function, const char* suffix) {
    std::string out;
    for (const char c : function)
        out += c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    return out + suffix;
}

}  // namespace

std::string milliseconds(model::Duration duration) {
    return pythonNumber(static_cast<double>(duration.count()) / 1000.0);
}

std::vector<EndpointPlan> planEndpoints(const model::Project& project, const PythonNaming& naming) {
    // The generator borrows the project only for this call, as the embedded server
    // prepares its answers: one generator per endpoint seed.
    const std::shared_ptr<const model::Project> borrowed(std::shared_ptr<const model::Project>(), &project);
    std::vector<EndpointPlan> plans;
    for (const model::Endpoint& e : project.endpoints) {
        EndpointPlan plan;
        plan.endpoint = &e;
        plan.function = naming.function(e);
        plan.success = e.successResponse();
        plan.status = plan.success ? plan.success->status : 200;
        const model::Behaviour& b = e.behaviour;
        plan.echo = b.response == model::ResponseSource::Echo;
        if (!plan.echo) {
            const model::Response* s = plan.success;
            if (s && b.response == model::ResponseSource::Example && s->example) {
                plan.constantBody = *s->example;
            } else if (s && s->example && !s->body) {
                plan.constantBody = *s->example;
            } else if (s && s->body) {
                schema::SampleGenerator generator(borrowed, b.seed);
                plan.constantBody = generator.value(*s->body);
            } else {
                plan.emptyBody = true;
            }
        }
        if (b.latency.kind == model::Latency::Kind::Fixed && b.latency.fixed.count() > 0) {
            plan.fixedLatencyMs = static_cast<double>(b.latency.fixed.count()) / 1000.0;
        } else if (b.latency.kind == model::Latency::Kind::Distribution) {
            plan.latencyConstant = constantName(plan.function, "_LATENCY");
            plan.latencyDefinition =
                PyExpr::call("Latency", {PyExpr::atom(milliseconds(b.latency.p50)).keyword("p50_ms"),
                                         PyExpr::atom(milliseconds(b.latency.p99)).keyword("p99_ms")});
        }
        plan.cpuMs = static_cast<double>(b.cpu.duration.count()) / 1000.0;
        plan.offloadCpu = b.cpu.offload;
        if (b.batching.enabled) {
            plan.batcherConstant = constantName(plan.function, "_BATCHER");
            plan.batcherDefinition = PyExpr::call(
                "MicroBatcher", {PyExpr::atom(milliseconds(b.batching.window)).keyword("window_ms"),
                                 PyExpr::atom(std::to_string(b.batching.maxBatch)).keyword("max_batch"),
                                 PyExpr::atom(milliseconds(b.batching.base)).keyword("base_ms"),
                                 PyExpr::atom(milliseconds(b.batching.perItem)).keyword("per_item_ms")});
        }
        plan.errorRate = b.errors.rate;
        plan.errorStatus = b.errors.status;
        plans.push_back(std::move(plan));
    }
    return plans;
}

Json responsesDocument(const std::vector<EndpointPlan>& plans) {
    Json document = Json::object();
    for (const EndpointPlan& plan : plans) {
        if (plan.constantBody) document[plan.endpoint->id] = *plan.constantBody;
    }
    return document;
}

std::string responsesModule() {
    return R"("""The designed answers, by operation id: the response examples, or values
generated from the response models (what the embedded server answers)."""
import json
import pathlib


def _load():
    path = pathlib.Path(__file__).with_name("responses.json")
    designed = json.loads(path.read_text(encoding="utf-8"))
    return {
        operation: json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        for operation, body in designed.items()
    }


RESPONSES = _load()
)";
}

}  // namespace loadstar::codegen
