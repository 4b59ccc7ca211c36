#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

#include "app/cli/cli.h"

// `loadstar` is the Qt-free command line: a load generator or a server should not
// carry a GUI toolkit's memory and start-up cost. Opening the workbench (no
// subcommand, a project path, or a workbench-only flag) hands over to
// `loadstar-workbench` installed beside this binary, with the same arguments.
namespace {

bool opensWorkbench(const std::vector<std::string>& args) {
    if (!args.empty() &&
        (args.front() == "--screenshot" || args.front() == "--export-pdf" || args.front() == "--self-test"))
        return true;
    return !loadstar::cli::isCliInvocation(args);
}

int execWorkbench(char** argv) {
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::filesystem::path workbench =
        (ec ? std::filesystem::path(argv[0]).parent_path() : self.parent_path()) / "loadstar-workbench";
    const std::string program = workbench.string();
    argv[0] = const_cast<char*>(program.c_str());
    ::execv(program.c_str(), argv);
    std::cerr << "loadstar: cannot start the workbench (" << program << "): " << std::strerror(errno)
              << "\nThe command line works without it:\n\n"
              << loadstar::cli::usage();
    return loadstar::cli::kExitError;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (opensWorkbench(args)) return execWorkbench(argv);
    return loadstar::cli::run(args, std::cout, std::cerr);
}
