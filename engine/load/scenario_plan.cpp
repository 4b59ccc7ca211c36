#include "engine/load/scenario_plan.h"

namespace loadstar::load {

namespace {

std::string scalarText(const Json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

// Until sample generation is wired in: path parameters from their example or
// default (else "1"), required query parameters likewise, the fixed body or none.
PreparedRequest prepareLiteral(const model::Endpoint& e, const model::Scenario& s, const TargetUrl& base,
                               const std::string& prefix) {
    std::string path = e.path;
    std::string query;
    for (const model::Parameter& p : e.parameters) {
        const std::string value = p.example        ? scalarText(*p.example)
                                  : p.defaultValue ? scalarText(*p.defaultValue)
                                                   : "1";
        if (p.in == model::ParamLocation::Path) {
            const std::string placeholder = "{" + p.name + "}";
            if (const std::size_t at = path.find(placeholder); at != std::string::npos)
                path.replace(at, placeholder.size(), value);
        } else if (p.in == model::ParamLocation::Query && p.required) {
            query += (query.empty() ? "?" : "&") + p.name + "=" + value;
        }
    }
    std::optional<std::string> body;
    if (s.bodyMode == model::BodyMode::Fixed && s.fixedBody) body = s.fixedBody->dump();
    return RequestPlan::prepare(e.method, prefix + path + query, base.hostHeader(), s.headers, body);
}

}  // namespace

std::variant<RequestPlan, std::string> buildRequestPlan(const model::Project& project,
                                                        const model::Scenario& scenario,
                                                        const TargetUrl& base, std::size_t) {
    std::string prefix = base.target.substr(0, base.target.find('?'));
    while (!prefix.empty() && prefix.back() == '/')
        prefix.pop_back();
    std::vector<model::MixEntry> mix = scenario.mix;
    if (mix.empty()) {
        for (const model::Endpoint& e : project.endpoints)
            mix.push_back({e.id, 1});
    }
    if (mix.empty()) return std::string("the project has no endpoints to send requests to");
    RequestPlan plan;
    for (const model::MixEntry& entry : mix) {
        const model::Endpoint* e = project.endpoint(entry.endpoint);
        if (e == nullptr) return "the mix names an unknown endpoint \"" + entry.endpoint + "\"";
        plan.addEndpoint({e->id, entry.weight, {prepareLiteral(*e, scenario, base, prefix)}});
    }
    if (plan.empty()) return std::string("every endpoint in the mix has weight 0");
    return plan;
}

}  // namespace loadstar::load
