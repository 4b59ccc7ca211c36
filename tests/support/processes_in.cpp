#include "support/processes_in.h"

#include <fstream>
#include <functional>

namespace loadstar::testing {

namespace {

// Calls `visit` with the /proc/PID folder of each process working inside `folder`.
void forEachProcessIn(const std::filesystem::path& folder,
                      const std::function<void(const std::filesystem::path&)>& visit) {
    const std::string prefix = std::filesystem::weakly_canonical(folder).string();
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        std::error_code ec;
        const auto cwd = std::filesystem::read_symlink(entry.path() / "cwd", ec);
        if (ec || !cwd.string().starts_with(prefix)) continue;
        visit(entry.path());
    }
}

}  // namespace

int processesIn(const std::filesystem::path& folder) {
    int n = 0;
    forEachProcessIn(folder, [&](const std::filesystem::path& proc) {
        std::ifstream stat(proc / "stat");
        std::string text;
        std::getline(stat, text);
        const std::size_t close = text.rfind(')');
        if (close != std::string::npos && close + 2 < text.size() && text[close + 2] != 'Z') ++n;
    });
    return n;
}

std::vector<std::string> allowedCpusIn(const std::filesystem::path& folder) {
    std::vector<std::string> out;
    forEachProcessIn(folder, [&](const std::filesystem::path& proc) {
        std::ifstream status(proc / "status");
        for (std::string line; std::getline(status, line);) {
            if (line.starts_with("Cpus_allowed_list:"))
                out.push_back(line.substr(line.find_first_not_of(" \t", 18)));
        }
    });
    return out;
}

std::vector<std::string> environmentIn(const std::filesystem::path& folder, const std::string& name) {
    std::vector<std::string> out;
    forEachProcessIn(folder, [&](const std::filesystem::path& proc) {
        std::ifstream environ(proc / "environ");
        for (std::string item; std::getline(environ, item, '\0');) {
            if (item.starts_with(name + "=")) out.push_back(item.substr(name.size() + 1));
        }
    });
    return out;
}

}  // namespace loadstar::testing
