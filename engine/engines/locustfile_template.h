#pragma once

#include <string>

namespace loadstar::engines {

// The parts of an exported locustfile, as Python source text where they are code.
struct LocustTemplate {
    std::string projectName;
    std::string scenarioName;
    std::string loadText;  // one sentence: "Closed loop: 200 users for 30s."
    std::string dataFileName;
    std::string headers;  // a dict literal
    std::string invalidShare;
    std::string timeoutSeconds;
    std::string thinkTimeSeconds;
    std::string warmupSeconds;
    std::string profile;  // tuple lines "    (5.0, 10.0, 10.0),\n"
    std::string levelUnit;
    int pacedUsers = 0;      // > 0: open loop, paced over this many users
    std::string thresholds;  // tuple lines
    std::string tasks;       // the user class's @task methods
    bool verifyTls = true;
    std::string host;  // the scenario's base URL, empty when given with --host
};

std::string renderLocustfile(const LocustTemplate& t);

}  // namespace loadstar::engines
