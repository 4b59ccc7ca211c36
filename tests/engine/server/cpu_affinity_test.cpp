#include "engine/server/cpu_affinity.h"

#include <fstream>
#include <signal.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

namespace loadstar::server {
namespace {

std::string allowedCpus(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("Cpus_allowed_list:")) return line.substr(line.find_first_not_of(" \t", 18));
    }
    return {};
}

TEST(CpuAffinity, ReadsAndWritesCpuListsLikeTaskset) {
    EXPECT_EQ(std::get<std::vector<int>>(parseCpuList("0")), std::vector<int>{0});
    if (::sysconf(_SC_NPROCESSORS_ONLN) >= 2) {
        EXPECT_EQ(std::get<std::vector<int>>(parseCpuList("1,0-1")), (std::vector<int>{0, 1}));
        EXPECT_EQ(formatCpuList({0, 1}), "0-1");
    }
    EXPECT_EQ(formatCpuList({0, 2, 3, 4, 7}), "0,2-4,7");
    for (const char* wrong : {"", "a", "1-0", "0,", "-1", "0,,1"})
        EXPECT_EQ(std::get<std::string>(parseCpuList(wrong)),
                  "\"" + std::string(wrong) + "\" is not a CPU list such as 0 or 0,2-3")
            << wrong;
    EXPECT_EQ(std::get<std::string>(parseCpuList("1000")),
              "CPU 1000 does not exist here (this machine has " +
                  std::to_string(::sysconf(_SC_NPROCESSORS_ONLN)) + ", numbered from 0)");
}

TEST(CpuAffinity, PinsAProcessTreeWithAllItsThreads) {
    const pid_t root = ::fork();
    ASSERT_GE(root, 0);
    if (root == 0) {
        if (::fork() == 0) {
            ::sleep(3);
            ::_exit(0);
        }
        ::sleep(3);
        ::_exit(0);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(pinTree(root, {0}), std::nullopt);
    std::string child;
    std::ifstream children("/proc/" + std::to_string(root) + "/task/" + std::to_string(root) + "/children");
    children >> child;
    EXPECT_EQ(allowedCpus(root), "0");
    ASSERT_FALSE(child.empty());
    EXPECT_EQ(allowedCpus(std::stoi(child)), "0");
    ::kill(std::stoi(child), SIGKILL);
    ::kill(root, SIGKILL);
    ::waitpid(root, nullptr, 0);
    EXPECT_NE(pinProcess(root, {0}), std::nullopt) << "a process that is gone";
}

}  // namespace
}  // namespace loadstar::server
