#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "engine/model/project.h"

namespace loadstar::cli {

// Loads a project; on failure prints "FILE: where: message" to `err` and returns nullopt.
std::optional<model::Project> loadProjectOrReport(const std::string& file, std::ostream& err);

// Prints "loadstar: MESSAGE" and the usage to `err`; returns kExitError.
int usageError(std::ostream& err, const std::string& message, const char* usage);

}  // namespace loadstar::cli
