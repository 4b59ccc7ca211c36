#include "engine/report/scenario_description.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace loadstar::report {

namespace {

std::string number(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", v);
    return buffer;
}

bool secretHeader(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* word : {"authorization", "key", "token", "cookie", "secret", "password"}) {
        if (name.find(word) != std::string::npos) return true;
    }
    return false;
}

std::string stagesText(const model::Scenario& s) {
    std::string text;
    const char* unit = s.executor == model::Executor::Closed ? " VUs" : " req/s";
    for (const model::Stage& stage : s.stages) {
        if (!text.empty()) text += ", ";
        text += model::formatDuration(stage.duration) + " → " + number(stage.target) + unit;
    }
    return text;
}

}  // namespace

std::string serverSummary(const model::ServerSettings& server) {
    const model::Concurrency& c = server.concurrency;
    if (c.model == model::ConcurrencyModel::Async)
        return "async event loop, " + std::to_string(c.threads) + (c.threads == 1 ? " thread" : " threads");
    return "worker pool, " + std::to_string(c.workers) + (c.workers == 1 ? " worker" : " workers") +
           ", queue " + std::to_string(c.queueSize);
}

std::string serverDescription(const results::RunResult& run) {
    std::string text;
    if (run.serverUnderTest) {
        const results::ServerUnderTest& s = *run.serverUnderTest;
        text = model::describe(s.choice);
        if (run.server) text += ": " + serverSummary(*run.server);
        if (!s.software.empty()) text += "; " + s.software;
        if (s.startSeconds) {
            char seconds[32];
            std::snprintf(seconds, sizeof seconds, "%.2f", *s.startSeconds);
            text += "; answered " + std::string(seconds) + " s after its start";
        }
    } else if (run.server) {
        text = serverSummary(*run.server);
    }
    return text;
}

std::string scenarioSummary(const model::Scenario& s) {
    std::string text = s.executor == model::Executor::Closed ? "closed loop, " : "open loop, ";
    if (!s.stages.empty()) {
        text += std::to_string(s.stages.size()) + (s.stages.size() == 1 ? " stage" : " stages");
    } else if (s.executor == model::Executor::Closed) {
        text += std::to_string(s.vus) + " virtual users, " + model::formatDuration(s.duration);
    } else {
        text += number(s.rate) + " requests/s, " + model::formatDuration(s.duration);
    }
    if (s.warmup.count() > 0) text += ", warm-up " + model::formatDuration(s.warmup);
    return text;
}

std::vector<std::pair<std::string, std::string>> describeScenario(const model::Scenario& s) {
    std::vector<std::pair<std::string, std::string>> rows;
    rows.emplace_back("Scenario", s.name);
    if (!s.description.empty()) rows.emplace_back("Description", s.description);
    std::string target = s.target.url + (s.target.insecureTls ? " (TLS certificate not checked)" : "");
    if (s.target.kind == model::Target::Kind::Embedded) {
        target = s.server.kind == model::ServerKind::Embedded
                     ? "the design, served by Loadstar's embedded server"
                     : "the design, generated and served as " + model::describe(s.server);
    }
    rows.emplace_back("Target", target);
    if (s.executor == model::Executor::Closed) {
        rows.emplace_back("Executor", "closed loop (virtual users wait for each answer)");
        if (s.stages.empty()) rows.emplace_back("Virtual users", std::to_string(s.vus));
    } else {
        rows.emplace_back("Executor", "open loop (arrivals on a schedule; coordinated omission corrected)");
        if (s.stages.empty()) rows.emplace_back("Arrival rate", number(s.rate) + " requests/s");
        rows.emplace_back("Max connections", s.connections > 0 ? std::to_string(s.connections) : "as needed");
    }
    if (s.stages.empty()) {
        rows.emplace_back("Duration", model::formatDuration(s.duration));
    } else {
        rows.emplace_back("Stages", stagesText(s));
    }
    rows.emplace_back("Warm-up",
                      s.warmup.count() > 0 ? model::formatDuration(s.warmup) + " (not measured)" : "none");
    if (s.maxRequests > 0) rows.emplace_back("Request limit", std::to_string(s.maxRequests));
    rows.emplace_back("Generator threads", std::to_string(s.threads));
    rows.emplace_back("Request timeout", model::formatDuration(s.timeout));
    if (s.thinkTime.count() > 0) rows.emplace_back("Think time", model::formatDuration(s.thinkTime));
    std::string mix;
    double total = 0;
    for (const model::MixEntry& m : s.mix)
        total += m.weight;
    for (const model::MixEntry& m : s.mix) {
        if (!mix.empty()) mix += ", ";
        char share[32];
        std::snprintf(share, sizeof share, " %.0f%%", total > 0 ? 100 * m.weight / total : 0.0);
        mix += m.endpoint + share;
    }
    rows.emplace_back("Request mix", mix.empty() ? "every endpoint, equal weights" : mix);
    switch (s.bodyMode) {
        case model::BodyMode::Valid:
            rows.emplace_back("Request bodies", "valid samples generated from the models");
            break;
        case model::BodyMode::InvalidShare:
            rows.emplace_back("Request bodies",
                              "valid samples, " + number(s.invalidShare * 100) +
                                  "% deliberately invalid (their 4xx answers are expected)");
            break;
        case model::BodyMode::Fixed:
            rows.emplace_back("Request bodies",
                              "fixed: " + (s.fixedBody ? s.fixedBody->dump() : std::string("none")));
            break;
    }
    for (const auto& [name, value] : s.headers)
        rows.emplace_back("Header " + name, secretHeader(name) ? "•••• (hidden)" : value);
    std::string thresholds;
    for (const std::string& t : s.thresholds)
        thresholds += (thresholds.empty() ? "" : "; ") + t;
    rows.emplace_back("Thresholds", thresholds.empty() ? "none" : thresholds);
    rows.emplace_back("Random seed", std::to_string(s.seed));
    return rows;
}

}  // namespace loadstar::report
