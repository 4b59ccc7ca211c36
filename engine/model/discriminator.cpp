#include "engine/model/discriminator.h"

#include <algorithm>

namespace loadstar::model {

namespace {

// The string values a model's discriminator field allows by its own type.
std::vector<std::string> fieldTags(const Model& model, const std::string& property) {
    std::vector<std::string> tags;
    const Field* field = model.field(property);
    if (!field) return tags;
    if (field->type.kind == TypeKind::Literal || field->type.kind == TypeKind::Enum) {
        for (const Json& value : field->type.enumValues) {
            if (value.is_string()) tags.push_back(value.get<std::string>());
        }
    }
    return tags;
}

}  // namespace

std::vector<DiscriminatorTag> discriminatorTags(const Project& project, const TypeSpec& unionType) {
    std::vector<DiscriminatorTag> out;
    if (unionType.kind != TypeKind::Union || !unionType.discriminator) return out;
    const Discriminator& d = *unionType.discriminator;
    const auto taken = [&](const std::string& tag) {
        return std::any_of(out.begin(), out.end(), [&](const DiscriminatorTag& t) { return t.tag == tag; });
    };
    for (std::size_t i = 0; i < unionType.variants.size(); ++i) {
        const TypeSpec& variant = unionType.variants[i];
        if (variant.kind != TypeKind::Object) continue;
        std::vector<std::string> tags;
        for (const auto& [tag, modelName] : d.mapping) {
            if (modelName == variant.modelRef) tags.push_back(tag);
        }
        if (tags.empty()) {
            if (const Model* model = project.model(variant.modelRef)) tags = fieldTags(*model, d.property);
        }
        if (tags.empty()) tags.push_back(variant.modelRef);
        for (std::string& tag : tags) {
            if (!taken(tag)) out.push_back({std::move(tag), i});
        }
    }
    return out;
}

}  // namespace loadstar::model
