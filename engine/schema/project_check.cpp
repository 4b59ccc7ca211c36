#include "engine/schema/project_check.h"

#include <algorithm>
#include <memory>

#include "engine/model/target_url.h"
#include "engine/schema/request_validator.h"
#include "engine/schema/sample_generator.h"

namespace loadstar::schema {

namespace {

std::string at(const std::string& base, std::size_t index) {
    return base + "/" + std::to_string(index);
}

class ValueChecker {
  public:
    explicit ValueChecker(std::shared_ptr<const model::Project> project)
        : validator_(project), generator_(std::move(project), 1) {}

    // Load tests and generated responses need samples; a pattern the generator cannot
    // satisfy is fine only when a valid example stands in.
    void checkGeneratable(const model::TypeSpec& type, const std::optional<Json>& example,
                          const std::string& where) {
        if (example || !hasPattern(type) || generator_.canGenerate(type)) return;
        problems_.push_back(
            {model::Severity::Warning, where,
             "no sample can be generated for this pattern; give an example that matches it, or "
             "generated requests and responses will not validate"});
    }

    void check(const model::TypeSpec& type, const std::optional<Json>& value, const std::string& where,
               const char* what) {
        if (!value) return;
        std::vector<ValidationError> errors;
        validator_.validateValue(type, *value, Json::array(), errors);
        if (errors.empty()) return;
        const ValidationError& first = errors.front();
        std::string place;
        for (const Json& part : first.loc)
            place += "/" + (part.is_string() ? part.get<std::string>() : part.dump());
        problems_.push_back({model::Severity::Error, where,
                             std::string(what) + " " + truncated(value->dump()) + " is not valid" +
                                 (place.empty() ? "" : " at " + place) + ": " + first.msg});
    }

    std::vector<model::Problem> take() { return std::move(problems_); }

  private:
    static std::string truncated(std::string text) {
        constexpr std::size_t kMax = 60;
        if (text.size() > kMax) text = text.substr(0, kMax) + "…";
        return text;
    }

    static bool hasPattern(const model::TypeSpec& type) {
        return type.constraints.pattern.has_value() || (type.items && hasPattern(*type.items)) ||
               std::any_of(type.variants.begin(), type.variants.end(), hasPattern);
    }

    RequestValidator validator_;
    SampleGenerator generator_;
    std::vector<model::Problem> problems_;
};

// Unknown model references are reported by the design check; values of such types
// cannot be judged, so they are skipped here rather than reported twice.
bool resolvable(const model::Project& project, const model::TypeSpec& type) {
    switch (type.kind) {
        case model::TypeKind::Object:
            return project.model(type.modelRef) != nullptr;
        case model::TypeKind::Array:
        case model::TypeKind::Map:
            return type.items && resolvable(project, *type.items);
        case model::TypeKind::Union:
            return std::all_of(type.variants.begin(), type.variants.end(),
                               [&](const model::TypeSpec& variant) { return resolvable(project, variant); });
        default:
            return true;
    }
}

}  // namespace

std::vector<model::Problem> checkDesignValues(const model::Project& project) {
    ValueChecker checker(std::make_shared<const model::Project>(project));
    for (std::size_t m = 0; m < project.models.size(); ++m) {
        const model::Model& model = project.models[m];
        for (std::size_t f = 0; f < model.fields.size(); ++f) {
            const model::Field& field = model.fields[f];
            if (!resolvable(project, field.type)) continue;
            const std::string where = at(at("/models", m) + "/fields", f);
            checker.check(field.type, field.defaultValue, where + "/default", "the default");
            checker.check(field.type, field.example, where + "/example", "the example");
            checker.checkGeneratable(field.type, field.example, where);
        }
    }
    for (std::size_t e = 0; e < project.endpoints.size(); ++e) {
        const model::Endpoint& endpoint = project.endpoints[e];
        const std::string where = at("/endpoints", e);
        for (std::size_t p = 0; p < endpoint.parameters.size(); ++p) {
            const model::Parameter& param = endpoint.parameters[p];
            if (!resolvable(project, param.type)) continue;
            checker.check(param.type, param.defaultValue, at(where + "/parameters", p) + "/default",
                          "the default");
            checker.check(param.type, param.example, at(where + "/parameters", p) + "/example",
                          "the example");
            checker.checkGeneratable(param.type, param.example, at(where + "/parameters", p));
        }
        for (std::size_t r = 0; r < endpoint.responses.size(); ++r) {
            const model::Response& response = endpoint.responses[r];
            if (!response.body || !resolvable(project, *response.body)) continue;
            checker.check(*response.body, response.example, at(where + "/responses", r) + "/example",
                          "the example");
        }
    }
    return checker.take();
}

std::vector<model::Problem> checkScenarioTargets(const model::Project& project) {
    std::vector<model::Problem> problems;
    for (std::size_t i = 0; i < project.scenarios.size(); ++i) {
        const model::Target& target = project.scenarios[i].target;
        if (target.kind != model::Target::Kind::Url) continue;
        const auto url = model::parseTargetUrl(target.url);
        if (const auto* error = std::get_if<std::string>(&url)) {
            problems.push_back({model::Severity::Error, at("/scenarios", i) + "/target", *error});
        } else if (const std::string& host = std::get<model::TargetUrl>(url).host;
                   const auto refusal = model::loopbackRefusal(host, project.scenarios[i].allowRemote)) {
            // Not an error: load goes there once the user allows the host by name.
            problems.push_back(
                {model::Severity::Warning, at("/scenarios", i) + "/target",
                 *refusal + ". Run asks before sending; the command line needs --allow-remote " + host});
        }
    }
    return problems;
}

std::vector<model::Problem> checkProject(const model::Project& project) {
    std::vector<model::Problem> problems = model::checkDesign(project);
    auto append = [&problems](std::vector<model::Problem> more) {
        problems.insert(problems.end(), std::make_move_iterator(more.begin()),
                        std::make_move_iterator(more.end()));
    };
    append(checkDesignValues(project));
    append(checkScenarioTargets(project));
    return problems;
}

}  // namespace loadstar::schema
