#pragma once

#include <optional>

#include <QString>

#include "engine/model/scenario.h"

namespace loadstar::widgets {

// What a run of a scenario outside this machine asks the user before sending
// anything: the host, named, and what it would receive.
struct RemoteConsentRequest {
    QString host;      // as the URL names it, e.g. "staging.example.com"
    QString url;       // the scenario's target URL
    QString peakLoad;  // "up to 200 requests/s", "up to 50 virtual users, …"
    QString duration;  // "35s (5s warm-up, then 30s measured)"
};

// nullopt when the scenario may run as it is: its target is the design, is on this
// machine (a loopback literal or "localhost"), is not a valid URL (the run reports
// that), or is the host the scenario already allows. Names other than "localhost"
// ask: whether they resolve to this machine is only known when resolved.
std::optional<RemoteConsentRequest> remoteConsentNeeded(const model::Scenario& scenario);

// The question, for a person: the host, the planned peak rate and the duration.
QString remoteConsentQuestion(const QString& scenarioName, const RemoteConsentRequest& request);

}  // namespace loadstar::widgets
