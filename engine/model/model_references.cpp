#include "engine/model/model_references.h"

#include <functional>

namespace loadstar::model {

namespace {

// Calls `visit` on every TypeSpec in the project that could hold a model reference.
void forEachType(Project& project, const std::function<void(TypeSpec&)>& visit) {
    const std::function<void(TypeSpec&)> walk = [&](TypeSpec& type) {
        visit(type);
        if (type.items) {
            // Items are shared_ptr; copy before writing so that no other snapshot sees the change.
            auto copy = std::make_shared<TypeSpec>(*type.items);
            walk(*copy);
            type.items = copy;
        }
        for (TypeSpec& variant : type.variants)
            walk(variant);
    };
    for (Model& m : project.models) {
        for (Field& f : m.fields)
            walk(f.type);
    }
    for (Endpoint& e : project.endpoints) {
        if (e.requestBody) walk(e.requestBody->type);
        for (Response& r : e.responses) {
            if (r.body) walk(*r.body);
        }
    }
}

}  // namespace

int renameModelEverywhere(Project& project, const std::string& from, const std::string& to) {
    for (Model& m : project.models) {
        if (m.name == from) m.name = to;
    }
    int moved = 0;
    forEachType(project, [&](TypeSpec& type) {
        if (type.kind == model::TypeKind::Object && type.modelRef == from) {
            type.modelRef = to;
            ++moved;
        }
        // A tagged union's mapping names its variants' models too; they move with them.
        if (type.discriminator) {
            for (auto& [tag, modelName] : type.discriminator->mapping) {
                if (modelName == from) modelName = to;
            }
        }
    });
    return moved;
}

int countModelReferences(const Project& project, const std::string& name) {
    Project copy = project;
    int count = 0;
    forEachType(copy, [&](TypeSpec& type) {
        if (type.kind == model::TypeKind::Object && type.modelRef == name) ++count;
    });
    return count;
}

}  // namespace loadstar::model
