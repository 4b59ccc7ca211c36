#pragma once

#include <string>

#include "engine/model/project.h"

namespace loadstar::widgets {

// Renames model `from` to `to` and every reference to it: fields (at any array
// depth), request bodies and response bodies. Returns how many references moved.
int renameModelEverywhere(model::Project& project, const std::string& from, const std::string& to);

// How many places refer to model `name` (used to warn before deleting it).
int countModelReferences(const model::Project& project, const std::string& name);

}  // namespace loadstar::widgets
