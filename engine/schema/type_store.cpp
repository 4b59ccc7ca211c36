#include "engine/schema/type_store.h"

#include <re2/re2.h>

#include "engine/schema/pydantic_errors.h"

namespace loadstar::schema {

using model::TypeKind;

TypeStore::TypeStore(const ModelIndex* models) : models_(models) {}

TypeStore::~TypeStore() = default;

const CompiledType* TypeStore::compile(const model::TypeSpec& spec) {
    CompiledType& type = types_.emplace_back();
    compiledBySpec_.emplace(&spec, &type);
    type.kind = spec.kind;
    type.constraints = &spec.constraints;
    if (spec.constraints.pattern) compilePattern(*spec.constraints.pattern, type);
    switch (spec.kind) {
        case TypeKind::Array:
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
        default:
            break;
    }
    return &type;
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
