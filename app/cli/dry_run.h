#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "engine/load/load_options.h"
#include "engine/load/request_plan.h"

namespace loadstar::cli {

// What `--dry-run` of `run` and `load` prints: the target, its resolved addresses
// and whether they are on this machine (or allowed by name), the load (rate or
// users), the duration, the requests to expect and the endpoint mix. Nothing is
// sent: the host is resolved and checked exactly as a real run would.
struct DryRun {
    load::LoadOptions options;  // url, profile, executor, allowedRemoteHost, caps
    std::string scenarioText;   // `run`: the scenario's name and shape
    std::string targetText;     // the URL as the user gave it, or a description of the design's server
    bool designServer = false;  // the target is the design, served on a free loopback port for the run
    std::string allowedBy;      // how the remote host was allowed, e.g. "--allow-remote"
    const load::RequestPlan* plan = nullptr;
};

// Prints the dry run to `out`; exit 0 when a run would go ahead, 2 (the refusal on
// `err`) when it would be refused. `command` names the subcommand in messages.
int printDryRun(const DryRun& dryRun, const char* command, std::ostream& out, std::ostream& err);

// "To send load to HOST anyway, say so by name: --allow-remote HOST\n"
std::string remoteConsentHint(const std::string& host);

// The request line of a prepared request without the version: "GET /books?x=1".
std::string requestLine(const load::PreparedRequest& request);

}  // namespace loadstar::cli
