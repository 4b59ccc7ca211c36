#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/load/run_result.h"

// Stand-in for the lead's run store (same API), until it lands on main.
namespace loadstar::load {

std::filesystem::path runsDirectory(const std::filesystem::path& projectFile);
std::variant<RunResult, std::string> runResultFromJson(const Json& json);
std::variant<RunResult, std::string> readRunResult(const std::filesystem::path& file);

struct StoredRun {
    std::filesystem::path file;
    std::optional<RunResult> result;
    std::string error;
};
std::vector<StoredRun> listRuns(const std::filesystem::path& projectFile);
std::optional<std::string> relabelRun(const std::filesystem::path& file, const std::string& name,
                                      const std::string& note);
std::optional<std::string> deleteRun(const std::filesystem::path& file);

}  // namespace loadstar::load
