#pragma once

#include <string>
#include <variant>
#include <vector>

#include "engine/model/project.h"

namespace loadstar::engines {

struct LocustExportOptions {
    // The data file's name, looked up beside the locustfile when it runs.
    std::string dataFileName = "locustfile.data.json";
    std::size_t samplesPerEndpoint = 32;
};

// A scenario as a Locust test (Locust 2.12, Debian 12's python3-locust): a readable
// locustfile and the requests it sends in a JSON data file beside it.
struct LocustExport {
    std::string locustfile;
    std::string data;
    // What Locust does differently from the scenario (closed loop for an arrival
    // rate, settings it has no equivalent for), for the user to read.
    std::vector<std::string> notes;
};

// The locustfile holds the scenario: a FastHttpUser with one task per endpoint,
// weighted like the mix; headers; think time; the invalid share; a LoadTestShape
// for the warm-up and the stages (stats reset when the warm-up ends); an arrival
// rate as pacing over a fixed number of users; the thresholds checked when Locust
// quits, setting its exit code (0 passed, 1 failed). With
// `--loadstar-summary FILE` it writes the whole-run histograms, status codes and
// error classes for Loadstar to read back. Fails on a threshold that does not
// parse or a mix that names an unknown endpoint.
std::variant<LocustExport, std::string> exportLocust(const model::Project& project,
                                                     const model::Scenario& scenario,
                                                     const LocustExportOptions& options = {});

// The Locust users the arrival rate is paced over (open loop): the scenario's
// connection limit when it has one, else one user per request/s at the peak rate
// (each then sends at most once a second), at least 1 and at most 1000.
int locustPacedUsers(const model::Scenario& scenario);

}  // namespace loadstar::engines
