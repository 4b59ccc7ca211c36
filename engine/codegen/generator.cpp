#include "engine/codegen/generator.h"

#include <cstdint>
#include <cstdio>

#include "engine/codegen/compat_module.h"
#include "engine/codegen/endpoint_plan.h"
#include "engine/codegen/fastapi_app.h"
#include "engine/codegen/flask_app.h"
#include "engine/codegen/models_module.h"
#include "engine/codegen/project_docs.h"
#include "engine/codegen/python_naming.h"
#include "engine/codegen/support_modules.h"
#include "engine/openapi/exporter.h"

namespace loadstar::codegen {

const char* toString(Framework framework) {
    return framework == Framework::FastApi ? "fastapi" : "flask";
}

std::optional<Framework> parseFramework(std::string_view text) {
    if (text == "fastapi") return Framework::FastApi;
    if (text == "flask") return Framework::Flask;
    return std::nullopt;
}

namespace {

bool usesCookies(const model::Project& project) {
    for (const model::Endpoint& e : project.endpoints) {
        for (const model::Parameter& p : e.parameters) {
            if (p.in == model::ParamLocation::Cookie) return true;
        }
    }
    return false;
}

}  // namespace

GeneratedProject generate(const model::Project& project, Framework framework) {
    const PythonNaming naming(project);
    const std::vector<EndpointPlan> plans = planEndpoints(project, naming);
    TypeAliases aliases(naming.taken());
    registerFieldAliases(project, naming, aliases);
    std::string parameters;
    AppModule app = framework == Framework::FastApi ? fastapiMain(project, naming, aliases, plans)
                                                    : flaskMain(project, naming, aliases, plans, parameters);
    ModelsModule models = modelsModule(project, naming, aliases);

    std::set<std::string> compatUsed = models.compatUsed;
    compatUsed.insert(app.compatUsed.begin(), app.compatUsed.end());
    std::vector<std::string> notes = models.notes;
    notes.insert(notes.end(), app.notes.begin(), app.notes.end());

    GeneratedProject out;
    out.framework = framework;
    const bool fastapi = framework == Framework::FastApi;
    out.files.push_back({"README.md", readme(project, framework, plans, notes), false});
    out.files.push_back({"requirements.txt", requirements(project, framework), false});
    out.files.push_back(
        {fastapi ? "start-uvicorn.sh" : "start-gunicorn.sh", startScript(project, framework), true});
    out.files.push_back({"app/__init__.py", "\"\"\"The " + project.name + " service.\"\"\"\n", false});
    out.files.push_back({"app/main.py", app.text, false});
    out.files.push_back({"app/models.py", models.text, false});
    out.files.push_back({"app/compat.py", compatModule(compatUsed), false});
    if (std::string behaviour = behaviourModule(behaviourNeeds(project), framework); !behaviour.empty())
        out.files.push_back({"app/behaviour.py", std::move(behaviour), false});
    if (std::string security = securityModule(project, framework); !security.empty())
        out.files.push_back({"app/security.py", std::move(security), false});
    if (std::string limits = limitsModule(project, framework); !limits.empty())
        out.files.push_back({"app/limits.py", std::move(limits), false});
    const Json responses = responsesDocument(plans);
    if (!responses.empty()) {
        out.files.push_back({"app/responses.py", responsesModule(), false});
        out.files.push_back({"app/responses.json", openapi::toJsonText(responses), false});
    }
    if (!parameters.empty()) out.files.push_back({"app/parameters.py", parameters, false});
    if (!fastapi) {
        out.files.push_back({"app/validation.py", flaskValidationModule(usesCookies(project)), false});
        out.files.push_back(
            {"app/openapi.json", openapi::toJsonText(openapi::exportDocument(project, {{"/"}})), false});
    }
    out.notes = std::move(notes);
    return out;
}

std::string contentKey(const GeneratedProject& project) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    const auto mix = [&](std::string_view bytes) {
        for (const char c : bytes) {
            hash ^= static_cast<unsigned char>(c);
            hash *= 0x100000001b3ULL;
        }
        hash ^= 0xff;  // a separator, so that ("ab","c") and ("a","bc") differ
        hash *= 0x100000001b3ULL;
    };
    mix(toString(project.framework));
    for (const SourceFile& file : project.files) {
        mix(file.path);
        mix(file.text);
        mix(file.executable ? "x" : "-");
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
    return text;
}

}  // namespace loadstar::codegen
