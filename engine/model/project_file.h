#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <variant>

#include "engine/model/json.h"
#include "engine/model/project.h"

namespace loadstar::model {

// The format version this build writes. Files with a higher version are refused.
inline constexpr int kProjectFormatVersion = 1;

// Why a project could not be read or written. `where` names the place: "line 12,
// column 5" for syntax errors, a JSON pointer such as "/endpoints/3/method" for
// content errors, or the file path for I/O errors.
struct ProjectError {
    std::string where;
    std::string message;

    std::string toString() const;  // "where: message"
};

template <typename T>
using ProjectResult = std::variant<T, ProjectError>;

// Document <-> Project. Unknown keys are refused (a typo must not silently vanish).
ProjectResult<Project> projectFromJson(const Json& document);
Json projectToJson(const Project& project);

ProjectResult<Project> parseProject(std::string_view text);
std::string serializeProject(const Project& project);  // pretty, ends with a newline

// Reads a project file. Nothing is written.
ProjectResult<Project> loadProject(const std::filesystem::path& file);

// Writes atomically: a temp file beside the target, fsync, rename, fsync of the
// directory. On any failure the existing file is untouched and the temp removed.
std::variant<std::monostate, ProjectError> saveProject(const Project& project,
                                                       const std::filesystem::path& file);

// Atomic write of any text (also used for run results and exports).
std::variant<std::monostate, ProjectError> writeFileAtomically(const std::filesystem::path& file,
                                                               std::string_view contents);
// The same, for text written piece by piece into the stream (never held whole in memory).
// An exception from `write` removes the temporary file and goes on to the caller.
std::variant<std::monostate, ProjectError> writeFileAtomically(
    const std::filesystem::path& file, const std::function<void(std::ostream&)>& write);

}  // namespace loadstar::model
