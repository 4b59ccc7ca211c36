#include "widgets/document/project_item_edits.h"

#include <algorithm>

#include <QCoreApplication>

#include "engine/model/model_references.h"
#include "widgets/document/project_document.h"

namespace loadstar::widgets {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("ProjectItemEdits", text);
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

// base1, base2, ...: the first name no item has.
template <typename T, typename Name>
std::string uniqueName(const std::vector<T>& items, const std::string& base, Name name) {
    for (int n = 1;; ++n) {
        const std::string candidate = base + std::to_string(n);
        if (std::none_of(items.begin(), items.end(),
                         [&](const T& item) { return name(item) == candidate; })) {
            return candidate;
        }
    }
}

const auto modelName = [](const model::Model& m) { return m.name; };
const auto endpointId = [](const model::Endpoint& e) { return e.id; };
const auto scenarioName = [](const model::Scenario& s) { return s.name; };

}  // namespace

int addModel(ProjectDocument& document) {
    model::Model m;
    m.name = uniqueName(document.project().models, "Model", modelName);
    const int at = static_cast<int>(document.project().models.size());
    document.edit([m](model::Project& p) { p.models.push_back(m); }, tr("Add model ‘%1’").arg(q(m.name)), {},
                  QStringLiteral("/models/%1").arg(at));
    return at;
}

int addEndpoint(ProjectDocument& document) {
    model::Endpoint e;
    e.id = uniqueName(document.project().endpoints, "endpoint_", endpointId);
    e.path = "/" + e.id;
    e.responses.push_back(model::Response{200, "Success", std::nullopt, std::nullopt});
    const int at = static_cast<int>(document.project().endpoints.size());
    document.edit([e](model::Project& p) { p.endpoints.push_back(e); }, tr("Add endpoint %1").arg(q(e.path)),
                  {}, QStringLiteral("/endpoints/%1").arg(at));
    return at;
}

int duplicateModel(ProjectDocument& document, int index) {
    model::Model copy = document.project().models[static_cast<std::size_t>(index)];
    const QString original = q(copy.name);
    copy.name = uniqueName(document.project().models, copy.name + "Copy", modelName);
    const int at = index + 1;
    document.edit([copy, at](model::Project& p) { p.models.insert(p.models.begin() + at, copy); },
                  tr("Duplicate model ‘%1’").arg(original), {}, QStringLiteral("/models/%1").arg(at));
    return at;
}

int duplicateEndpoint(ProjectDocument& document, int index) {
    model::Endpoint copy = document.project().endpoints[static_cast<std::size_t>(index)];
    const QString original = q(copy.method + " " + copy.path);
    copy.id = uniqueName(document.project().endpoints, copy.id + "_copy", endpointId);
    // A copy on the same route would be a duplicate-route error at once.
    copy.path += "-copy";
    const int at = index + 1;
    document.edit([copy, at](model::Project& p) { p.endpoints.insert(p.endpoints.begin() + at, copy); },
                  tr("Duplicate endpoint %1").arg(original), {}, QStringLiteral("/endpoints/%1").arg(at));
    return at;
}

int deleteModel(ProjectDocument& document, int index) {
    const auto i = static_cast<std::ptrdiff_t>(index);
    const std::string name = document.project().models[static_cast<std::size_t>(index)].name;
    const bool unique = std::count_if(document.project().models.begin(), document.project().models.end(),
                                      [&](const model::Model& m) { return m.name == name; }) == 1;
    const int references = unique ? model::countModelReferences(document.project(), name) : 0;
    document.edit([i](model::Project& p) { p.models.erase(p.models.begin() + i); },
                  tr("Delete model ‘%1’").arg(q(name)), {}, QStringLiteral("/models"));
    return references;
}

void deleteEndpoint(ProjectDocument& document, int index) {
    const model::Endpoint& e = document.project().endpoints[static_cast<std::size_t>(index)];
    const QString label = q(e.method + " " + e.path);
    const auto i = static_cast<std::ptrdiff_t>(index);
    document.edit([i](model::Project& p) { p.endpoints.erase(p.endpoints.begin() + i); },
                  tr("Delete endpoint %1").arg(label), {}, QStringLiteral("/endpoints"));
}

int addScenario(ProjectDocument& document, model::Scenario scenario) {
    const auto& scenarios = document.project().scenarios;
    if (scenario.name.empty() ||
        std::any_of(scenarios.begin(), scenarios.end(),
                    [&](const model::Scenario& s) { return s.name == scenario.name; })) {
        scenario.name =
            uniqueName(scenarios, scenario.name.empty() ? "scenario-" : scenario.name + "-", scenarioName);
    }
    const int at = static_cast<int>(scenarios.size());
    document.edit([scenario](model::Project& p) { p.scenarios.push_back(scenario); },
                  tr("Add scenario ‘%1’").arg(q(scenario.name)), {}, QStringLiteral("/scenarios/%1").arg(at));
    return at;
}

int duplicateScenario(ProjectDocument& document, int index) {
    model::Scenario copy = document.project().scenarios[static_cast<std::size_t>(index)];
    const QString original = q(copy.name);
    copy.name = uniqueName(document.project().scenarios, copy.name + "-copy", scenarioName);
    const int at = index + 1;
    document.edit([copy, at](model::Project& p) { p.scenarios.insert(p.scenarios.begin() + at, copy); },
                  tr("Duplicate scenario ‘%1’").arg(original), {}, QStringLiteral("/scenarios/%1").arg(at));
    return at;
}

void deleteScenario(ProjectDocument& document, int index) {
    const QString name = q(document.project().scenarios[static_cast<std::size_t>(index)].name);
    const auto i = static_cast<std::ptrdiff_t>(index);
    document.edit([i](model::Project& p) { p.scenarios.erase(p.scenarios.begin() + i); },
                  tr("Delete scenario ‘%1’").arg(name), {}, QStringLiteral("/scenarios"));
}

}  // namespace loadstar::widgets
