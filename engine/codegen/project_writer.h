#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "engine/codegen/generator.h"

namespace loadstar::codegen {

// Writes a generated project into `folder`, creating it when needed. A folder that
// exists and is not empty is refused unless `overwrite`, and then only the generated
// files are replaced (anything else in it stays). Each file is written to a temporary
// file beside it and renamed into place, so a failure never leaves a half-written
// file; a refusal changes nothing. Returns nullopt when written, else the reason.
std::optional<std::string> writeProject(const GeneratedProject& project, const std::filesystem::path& folder,
                                        bool overwrite);

}  // namespace loadstar::codegen
