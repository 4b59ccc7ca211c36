#include "engine/engines/request_samples.h"

#include <memory>

#include "engine/schema/request_sample.h"
#include "engine/schema/sample_generator.h"

namespace loadstar::engines {

namespace {

SampleRequest fromSample(const schema::RequestSample& s) {
    return SampleRequest{s.target, s.headers, s.body, {}};
}

}  // namespace

std::variant<std::vector<EndpointSamples>, std::string> scenarioSamples(const model::Project& project,
                                                                        const model::Scenario& scenario,
                                                                        std::size_t count) {
    std::vector<model::MixEntry> mix = scenario.mix;
    if (mix.empty()) {
        for (const model::Endpoint& e : project.endpoints)
            mix.push_back({e.id, 1});
    }
    if (mix.empty()) return std::string("the project has no endpoints to send requests to");
    const auto shared = std::make_shared<const model::Project>(project);
    schema::SampleGenerator generator(shared, scenario.seed);
    const std::optional<std::string> fixedBody =
        scenario.bodyMode == model::BodyMode::Fixed && scenario.fixedBody
            ? std::optional(scenario.fixedBody->dump())
            : std::nullopt;
    const bool sendInvalid = scenario.bodyMode == model::BodyMode::InvalidShare && scenario.invalidShare > 0;
    std::vector<EndpointSamples> out;
    for (const model::MixEntry& entry : mix) {
        const model::Endpoint* e = shared->endpoint(entry.endpoint);
        if (e == nullptr) return "the mix names an unknown endpoint \"" + entry.endpoint + "\"";
        if (entry.weight <= 0) continue;
        EndpointSamples samples{e->id, e->method, e->path, entry.weight, {}, {}};
        for (std::size_t i = 0; i < std::max<std::size_t>(count, 1); ++i) {
            SampleRequest request = fromSample(schema::sampleRequest(*shared, *e, generator));
            if (fixedBody && e->requestBody) request.body = fixedBody;
            samples.valid.push_back(std::move(request));
        }
        if (sendInvalid) {
            for (const schema::InvalidRequestSample& v :
                 schema::invalidRequestVariants(*shared, *e, scenario.seed)) {
                SampleRequest request = fromSample(v.request);
                request.breaks = v.description;
                samples.invalid.push_back(std::move(request));
            }
        }
        out.push_back(std::move(samples));
    }
    if (out.empty()) return std::string("every endpoint in the mix has weight 0");
    return out;
}

}  // namespace loadstar::engines
