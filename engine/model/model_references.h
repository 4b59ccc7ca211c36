#pragma once

#include <string>

#include "engine/model/project.h"

namespace loadstar::model {

// Renames model `from` to `to` and every reference to it: fields (at any depth of
// arrays, maps and unions, discriminator mappings included), request
// bodies and response bodies. Returns how many references moved.
int renameModelEverywhere(Project& project, const std::string& from, const std::string& to);

// How many places refer to model `name` (used to warn before deleting it).
int countModelReferences(const Project& project, const std::string& name);

}  // namespace loadstar::model
