#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace loadstar::testing {

// What /proc says of the processes whose working directory is inside `folder` (a
// generated app's server and its workers run from their folder in the cache).

// How many of them are alive (not zombies).
int processesIn(const std::filesystem::path& folder);
// The CPUs each may run on (Cpus_allowed_list).
std::vector<std::string> allowedCpusIn(const std::filesystem::path& folder);
// The value of `name` in the environment of each that has it.
std::vector<std::string> environmentIn(const std::filesystem::path& folder, const std::string& name);

}  // namespace loadstar::testing
