#pragma once

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace loadstar::testing {

struct ProcessResult {
    int exitCode = -1;
    std::string output;  // stdout (and stderr when merged by the command line)
};

// Runs a shell command line and returns its exit code and standard output.
inline ProcessResult runCommand(const std::string& commandLine) {
    ProcessResult result;
    FILE* pipe = ::popen(commandLine.c_str(), "r");
    if (pipe == nullptr) return result;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

inline std::string shellQuote(const std::string& s) {
    std::string out = "'";
    for (const char c : s) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

}  // namespace loadstar::testing
