#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/model/target_url.h"

namespace loadstar::load {

// Where a run's load would go: the target's addresses, resolved the way the load
// generator connects, after the loopback-only policy and the user's consent.
struct ResolvedTarget {
    std::vector<std::string> addresses;  // numeric, in the resolver's order, no duplicates
    bool remote = false;                 // outside loopback: allowed by name
};

// Resolves `url`'s host (a literal needs no lookup; a name goes through the system
// resolver) and refuses, with a reason for a person, unless every address is
// loopback or the host is `allowedRemoteHost` (compared as model::sameHost does).
// Sends nothing to the target. Shared by the load generator and `--dry-run`, so a
// dry run answers exactly as a real run would.
std::variant<ResolvedTarget, std::string> resolveTarget(const model::TargetUrl& url,
                                                        std::string_view allowedRemoteHost);

}  // namespace loadstar::load
