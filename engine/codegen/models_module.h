#pragma once

#include <set>
#include <string>
#include <vector>

#include "engine/codegen/python_naming.h"
#include "engine/codegen/python_types.h"
#include "engine/model/project.h"

namespace loadstar::codegen {

// Whether a type has a tagged union anywhere in it (compat.tagged_union, which an
// annotation cannot hold inline).
bool containsTaggedUnion(const model::TypeSpec& type);

struct ModelsModule {
    std::string text;                  // app/models.py
    std::set<std::string> compatUsed;  // names it imports from app/compat.py
    std::vector<std::string> notes;    // design details the code does not enforce
};

// Names the constrained types of the models' fields first, so that they lead the
// list of aliases (the views add those of their parameters after them).
void registerFieldAliases(const model::Project& project, const PythonNaming& naming, TypeAliases& aliases);

// app/models.py: the enums as Literal aliases, the constrained types as aliases (every
// alias in `aliases`, including those the views made), then one Pydantic model per
// design model (referenced models first; cycles through quoted forward references).
ModelsModule modelsModule(const model::Project& project, const PythonNaming& naming, TypeAliases& aliases);

}  // namespace loadstar::codegen
