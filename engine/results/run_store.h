#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/model/json.h"
#include "engine/results/run_result.h"

namespace loadstar::results {

// The runs of a project live beside it, one JSON file per run:
// `<project file>.runs/<run id>.json` (see storeRunResult).
std::filesystem::path runsDirectory(const std::filesystem::path& projectFile);

// The exact inverse of RunResult::toJson(): every number, histogram and tick
// comes back. A document that is not a stored run, or one written by a newer
// Loadstar, is refused with a message naming the offending member.
std::variant<RunResult, std::string> runResultFromJson(const Json& json);
std::variant<RunResult, std::string> readRunResult(const std::filesystem::path& file);

struct StoredRun {
    std::filesystem::path file;
    std::optional<RunResult> result;
    std::string error;  // why the file could not be read, when result is empty
};

// Every `*.json` in the project's runs folder, oldest first (run ids start with
// their UTC start time). Unreadable files are listed with their error.
std::vector<StoredRun> listRuns(const std::filesystem::path& projectFile);

// Sets the user's label and annotation, rewriting the file atomically. The error
// text, or nullopt on success.
std::optional<std::string> relabelRun(const std::filesystem::path& file, const std::string& name,
                                      const std::string& note);
std::optional<std::string> deleteRun(const std::filesystem::path& file);

}  // namespace loadstar::results
