#include "widgets/model_references.h"

#include <functional>

namespace loadstar::widgets {

namespace {

// Calls `visit` on every TypeSpec in the project that could hold a model reference.
void forEachType(model::Project& project, const std::function<void(model::TypeSpec&)>& visit) {
    const std::function<void(model::TypeSpec&)> walk = [&](model::TypeSpec& type) {
        visit(type);
        if (type.items) {
            // Items are shared_ptr; copy before writing so that no other snapshot sees the change.
            auto copy = std::make_shared<model::TypeSpec>(*type.items);
            walk(*copy);
            type.items = copy;
        }
    };
    for (model::Model& m : project.models) {
        for (model::Field& f : m.fields)
            walk(f.type);
    }
    for (model::Endpoint& e : project.endpoints) {
        if (e.requestBody) walk(e.requestBody->type);
        for (model::Response& r : e.responses) {
            if (r.body) walk(*r.body);
        }
    }
}

}  // namespace

int renameModelEverywhere(model::Project& project, const std::string& from, const std::string& to) {
    for (model::Model& m : project.models) {
        if (m.name == from) m.name = to;
    }
    int moved = 0;
    forEachType(project, [&](model::TypeSpec& type) {
        if (type.kind == model::TypeKind::Object && type.modelRef == from) {
            type.modelRef = to;
            ++moved;
        }
    });
    return moved;
}

int countModelReferences(const model::Project& project, const std::string& name) {
    model::Project copy = project;
    int count = 0;
    forEachType(copy, [&](model::TypeSpec& type) {
        if (type.kind == model::TypeKind::Object && type.modelRef == name) ++count;
    });
    return count;
}

}  // namespace loadstar::widgets
