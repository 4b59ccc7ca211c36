#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <variant>
#include <vector>

namespace loadstar::server {

// "0", "0,2", "1-3": CPU numbers as taskset and /proc/PID/status write them.
// Sorted, without repeats; the reason when the text is not such a list.
std::variant<std::vector<int>, std::string> parseCpuList(std::string_view text);
std::string formatCpuList(const std::vector<int>& cpus);

// Pins every thread of `pid` to `cpus` (threads it starts later inherit it). The
// error text, or nullopt when done.
std::optional<std::string> pinProcess(pid_t pid, const std::vector<int>& cpus);
// The same for `pid` and all its descendants: a server's master and workers.
std::optional<std::string> pinTree(pid_t pid, const std::vector<int>& cpus);

}  // namespace loadstar::server
