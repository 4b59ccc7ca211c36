#include "engine/load/scenario_plan.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>

#include "engine/schema/request_sample.h"
#include "engine/schema/sample_generator.h"

namespace loadstar::load {

namespace {

bool sameHeader(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// The sample's own headers (parameters, credentials) with the scenario's on top:
// a scenario header replaces a sample header of the same name.
HeaderList mergedHeaders(const HeaderList& sample, const HeaderList& scenario) {
    HeaderList out;
    for (const auto& h : sample) {
        const bool replaced = std::any_of(scenario.begin(), scenario.end(),
                                          [&](const auto& s) { return sameHeader(s.first, h.first); });
        if (!replaced) out.push_back(h);
    }
    out.insert(out.end(), scenario.begin(), scenario.end());
    return out;
}

}  // namespace

std::variant<RequestPlan, std::string> buildRequestPlan(const model::Project& project,
                                                        const model::Scenario& scenario,
                                                        const model::TargetUrl& base, std::size_t variants) {
    std::string prefix = base.target.substr(0, base.target.find('?'));
    while (!prefix.empty() && prefix.back() == '/')
        prefix.pop_back();
    std::vector<model::MixEntry> mix = scenario.mix;
    if (mix.empty()) {
        for (const model::Endpoint& e : project.endpoints)
            mix.push_back({e.id, 1});
    }
    if (mix.empty()) return std::string("the project has no endpoints to send requests to");
    variants = std::max<std::size_t>(variants, 1);

    const auto shared = std::make_shared<const model::Project>(project);
    schema::SampleGenerator generator(shared, scenario.seed);
    const std::optional<std::string> fixedBody =
        scenario.bodyMode == model::BodyMode::Fixed && scenario.fixedBody
            ? std::optional(scenario.fixedBody->dump())
            : std::nullopt;
    RequestPlan plan;
    for (const model::MixEntry& entry : mix) {
        const model::Endpoint* e = shared->endpoint(entry.endpoint);
        if (e == nullptr) return "the mix names an unknown endpoint \"" + entry.endpoint + "\"";
        auto prepare = [&](const schema::RequestSample& s, bool invalid) {
            std::optional<std::string> body = s.body;
            if (fixedBody && !invalid && e->requestBody) body = fixedBody;
            return RequestPlan::prepare(s.method, prefix + s.target, base.hostHeader(),
                                        mergedHeaders(s.headers, scenario.headers), body, invalid);
        };
        // A pool of prepared requests per endpoint; the invalid share of the pool
        // breaks one constraint each (cycling through every breakable one) and
        // expects its 4xx.
        std::vector<schema::InvalidRequestSample> invalid;
        if (scenario.bodyMode == model::BodyMode::InvalidShare && scenario.invalidShare > 0)
            invalid = schema::invalidRequestVariants(*shared, *e, scenario.seed);
        const std::size_t invalidCount =
            invalid.empty()
                ? 0
                : static_cast<std::size_t>(std::llround(std::clamp(scenario.invalidShare, 0.0, 1.0) *
                                                        static_cast<double>(variants)));
        RequestPlan::Endpoint planned{e->id, entry.weight, {}};
        planned.variants.reserve(variants);
        for (std::size_t i = 0; i < invalidCount; ++i)
            planned.variants.push_back(prepare(invalid[i % invalid.size()].request, true));
        for (std::size_t i = invalidCount; i < variants; ++i)
            planned.variants.push_back(prepare(schema::sampleRequest(*shared, *e, generator), false));
        plan.addEndpoint(std::move(planned));
    }
    if (plan.empty()) return std::string("every endpoint in the mix has weight 0");
    return plan;
}

}  // namespace loadstar::load
