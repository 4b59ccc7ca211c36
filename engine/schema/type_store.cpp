#include "engine/schema/type_store.h"

#include <re2/re2.h>

#include "engine/model/discriminator.h"
#include "engine/schema/pydantic_errors.h"

namespace loadstar::schema {

using model::TypeKind;

namespace {

bool hasBounds(const model::Constraints& c) {
    return c.ge || c.gt || c.le || c.lt || c.multipleOf;
}

std::string stringLabel(const model::Constraints& c) {
    switch (c.format) {
        case model::StringFormat::None:
        case model::StringFormat::Hostname:
            return c.minLength || c.maxLength || c.pattern ? "constrained-str" : "str";
        case model::StringFormat::Email:
            return "function-after[_validate(), str]";
        case model::StringFormat::Uuid:
            return "uuid";
        case model::StringFormat::DateTime:
            return "datetime";
        case model::StringFormat::Date:
            return "date";
        case model::StringFormat::Time:
            return "time";
        case model::StringFormat::Uri:
            return "url";
        case model::StringFormat::Ipv4:
            return "ipv4";
        case model::StringFormat::Ipv6:
            return "ipv6";
        case model::StringFormat::Byte:
        case model::StringFormat::Binary:
            return c.minLength || c.maxLength ? "constrained-bytes" : "bytes";
    }
    return "str";
}

std::string joinedLabels(const std::vector<const CompiledType*>& types) {
    std::string out;
    for (const CompiledType* t : types) {
        if (!out.empty()) out += ',';
        out += t->label;
    }
    return out;
}

std::string valuesLabel(const std::vector<Json>& values) {
    std::string out;
    for (const Json& v : values) {
        if (!out.empty()) out += ',';
        out += pydantic::pythonRepr(v);
    }
    return out;
}

// pydantic-core's validator names (get_name()), which smart unions put in loc.
std::string labelOf(const model::TypeSpec& spec, const CompiledType& type) {
    std::string label;
    switch (spec.kind) {
        case TypeKind::String:
            label = stringLabel(spec.constraints);
            break;
        case TypeKind::Integer:
            label = hasBounds(spec.constraints) ? "constrained-int" : "int";
            break;
        case TypeKind::Number:
            label = hasBounds(spec.constraints) ? "constrained-float" : "float";
            break;
        case TypeKind::Boolean:
            label = "bool";
            break;
        case TypeKind::Array:
            label = "list[" + (type.items ? type.items->label : std::string("any")) + "]";
            break;
        case TypeKind::Map:
            label = "dict[str," + (type.items ? type.items->label : std::string("any")) + "]";
            break;
        case TypeKind::Object:
            label = spec.modelRef;
            break;
        case TypeKind::Enum:
            label = "enum[" + valuesLabel(spec.enumValues) + "]";
            break;
        case TypeKind::Literal:
            label = "literal[" + valuesLabel(spec.enumValues) + "]";
            break;
        case TypeKind::Union:
            label = (spec.discriminator ? "tagged-union[" : "union[") + joinedLabels(type.variants) + "]";
            break;
        case TypeKind::Any:
            label = "any";
            break;
    }
    return spec.nullable ? "nullable[" + label + "]" : label;
}

}  // namespace

TypeStore::TypeStore(const ModelIndex* models, const model::Project* project)
    : models_(models), project_(project) {}

TypeStore::~TypeStore() = default;

const CompiledType* TypeStore::compile(const model::TypeSpec& spec) {
    CompiledType& type = types_.emplace_back();
    compiledBySpec_.emplace(&spec, &type);
    type.kind = spec.kind;
    type.nullable = spec.nullable;
    type.constraints = &spec.constraints;
    if (spec.constraints.pattern) compilePattern(*spec.constraints.pattern, type);
    switch (spec.kind) {
        case TypeKind::Array:
        case TypeKind::Map:
            if (spec.items) type.items = compile(*spec.items);
            break;
        case TypeKind::Object: {
            const auto found = models_->find(spec.modelRef);
            if (found != models_->end()) type.model = found->second;
            break;
        }
        case TypeKind::Enum:
            type.enumValues = &spec.enumValues;
            type.enumExpected = pydantic::expectedList(spec.enumValues);
            type.enumAllIntegers = !spec.enumValues.empty();
            for (const Json& value : spec.enumValues) {
                type.enumAllIntegers = type.enumAllIntegers && value.is_number_integer();
            }
            break;
        case TypeKind::Literal:
            type.enumValues = &spec.enumValues;
            type.enumExpected =
                spec.enumValues.empty() ? "None" : pydantic::pythonRepr(spec.enumValues.front());
            break;
        case TypeKind::Union:
            compileUnion(spec, type);
            break;
        case TypeKind::String:
        case TypeKind::Integer:
        case TypeKind::Number:
        case TypeKind::Boolean:
        case TypeKind::Any:
            break;
    }
    type.label = labelOf(spec, type);
    return &type;
}

void TypeStore::compileUnion(const model::TypeSpec& spec, CompiledType& type) {
    for (const model::TypeSpec& variant : spec.variants)
        type.variants.push_back(compile(variant));
    if (!spec.discriminator) return;
    type.tagProperty = spec.discriminator->property;
    std::vector<std::string> tags;
    if (project_) {
        for (const model::DiscriminatorTag& tag : model::discriminatorTags(*project_, spec)) {
            type.tags.emplace_back(tag.tag, type.variants[tag.variant]);
            tags.push_back(tag.tag);
        }
    }
    type.expectedTags = pydantic::tagList(tags);
}

const CompiledType* TypeStore::find(const model::TypeSpec& spec) const {
    const auto found = compiledBySpec_.find(&spec);
    return found == compiledBySpec_.end() ? nullptr : found->second;
}

void TypeStore::compilePattern(const std::string& pattern, CompiledType& type) {
    auto found = patterns_.find(pattern);
    if (found == patterns_.end()) {
        re2::RE2::Options options;
        options.set_log_errors(false);  // a bad pattern is reported as data, not on stderr
        found = patterns_.emplace(pattern, std::make_unique<re2::RE2>(pattern, options)).first;
    }
    if (found->second->ok()) {
        type.pattern = found->second.get();
    } else {
        type.patternError = found->second->error();
    }
}

}  // namespace loadstar::schema
