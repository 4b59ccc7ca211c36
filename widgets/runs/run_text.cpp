#include "widgets/runs/run_text.h"

#include <algorithm>
#include <cmath>

#include <QCoreApplication>
#include <QStringList>

#include "engine/model/duration.h"
#include "widgets/common/unit_text.h"

namespace loadstar::widgets {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("RunText", text);
}

QString duration(model::Duration d) {
    return QString::fromStdString(model::formatDuration(d));
}

}  // namespace

QString percentText(double percent) {
    return QStringLiteral("%1 %").arg(percent, 0, 'f', percent != 0 && std::abs(percent) < 0.1 ? 3 : 2);
}

QString secondsText(double seconds) {
    if (seconds < 120) return QStringLiteral("%1 s").arg(seconds, 0, 'f', 1);
    const int whole = static_cast<int>(std::lround(seconds));
    return QStringLiteral("%1 min %2 s").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
}

QString runStartText(const results::RunResult& r) {
    QString text = QString::fromStdString(r.startedAt);
    text.replace(QLatin1Char('T'), QLatin1Char(' '));
    if (text.endsWith(QLatin1Char('Z'))) text = text.chopped(1) + QStringLiteral(" UTC");
    return text;
}

QString concurrencyText(const model::ServerSettings& server) {
    const model::Concurrency& c = server.concurrency;
    if (c.model == model::ConcurrencyModel::Async) return tr("async ×%1").arg(c.threads);
    return tr("worker pool ×%1 (queue %2)").arg(c.workers).arg(c.queueSize);
}

QString engineText(const results::EngineInfo& engine) {
    QString text = engine.name == "locust"     ? tr("Locust")
                   : engine.name == "k6"       ? tr("k6")
                   : engine.name == "loadstar" ? tr("Loadstar")
                                               : QString::fromStdString(engine.name);
    if (engine.workers > 0)
        text += (engine.name == "k6" ? tr(", runners: %1") : tr(", workers: %1")).arg(engine.workers);
    if (!engine.importedFrom.empty()) text += tr(" (imported)");
    return text;
}

QString notesText(const results::EngineInfo& engine) {
    QStringList lines;
    for (const std::string& note : engine.notes)
        lines << QString::fromStdString(note);
    return lines.join(QLatin1Char('\n'));
}

ResourceUse resourceUse(const results::RunResult& r) {
    ResourceUse use;
    double serverCpu = 0;
    double loadCpu = 0;
    int serverSamples = 0;
    int loadSamples = 0;
    double rssPeak = 0;
    for (const auto& tick : r.series) {
        if (tick->stage < 0) continue;  // the warm-up is not part of the measurement
        if (const auto& t = tick->resources.target; t && t->alive) {
            serverCpu += t->cpuPercent;
            ++serverSamples;
            rssPeak = std::max(rssPeak, static_cast<double>(t->rssBytes));
        }
        if (tick->resources.self.alive) {
            loadCpu += tick->resources.self.cpuPercent;
            ++loadSamples;
        }
    }
    if (serverSamples > 0) {
        use.serverCpuMean = serverCpu / serverSamples;
        use.serverRssPeakBytes = rssPeak;
    }
    if (loadSamples > 0) use.loadCpuMean = loadCpu / loadSamples;
    return use;
}

Facts scenarioFacts(const model::Scenario& s) {
    Facts f;
    f.emplace_back(tr("Name"), QString::fromStdString(s.name));
    if (!s.description.empty()) f.emplace_back(tr("Description"), QString::fromStdString(s.description));
    f.emplace_back(tr("Target"), s.target.kind == model::Target::Kind::Embedded
                                     ? tr("the design's embedded server")
                                     : QString::fromStdString(s.target.url));
    if (s.executor == model::Executor::Closed) {
        f.emplace_back(tr("Executor"), tr("closed loop"));
        if (s.stages.empty()) f.emplace_back(tr("Virtual users"), QString::number(s.vus));
    } else {
        f.emplace_back(tr("Executor"), tr("open loop"));
        if (s.stages.empty()) f.emplace_back(tr("Arrival rate"), tr("%1 requests/s").arg(s.rate));
    }
    if (s.stages.empty()) {
        f.emplace_back(tr("Duration"), duration(s.duration));
    } else {
        QStringList stages;
        for (const model::Stage& stage : s.stages)
            stages << QStringLiteral("%1 → %2").arg(duration(stage.duration)).arg(stage.target);
        f.emplace_back(tr("Stages"), stages.join(QStringLiteral(", ")));
    }
    if (s.warmup.count() > 0) f.emplace_back(tr("Warm-up"), duration(s.warmup));
    if (s.maxRequests > 0) f.emplace_back(tr("Request limit"), QString::number(s.maxRequests));
    if (s.connections > 0) f.emplace_back(tr("Connections"), QString::number(s.connections));
    f.emplace_back(tr("Threads"), QString::number(s.threads));
    f.emplace_back(tr("Timeout"), duration(s.timeout));
    if (s.thinkTime.count() > 0) f.emplace_back(tr("Think time"), duration(s.thinkTime));
    QStringList mix;
    for (const model::MixEntry& m : s.mix)
        mix << QStringLiteral("%1 ×%2").arg(QString::fromStdString(m.endpoint)).arg(m.weight);
    f.emplace_back(tr("Endpoint mix"),
                   mix.isEmpty() ? tr("every endpoint, equal weights") : mix.join(QStringLiteral(", ")));
    f.emplace_back(tr("Bodies"), s.bodyMode == model::BodyMode::Valid ? tr("valid samples")
                                 : s.bodyMode == model::BodyMode::Fixed
                                     ? tr("fixed JSON")
                                     : tr("%1 % invalid").arg(s.invalidShare * 100, 0, 'f', 1));
    for (const auto& [name, value] : s.headers)
        f.emplace_back(tr("Header"), QString::fromStdString(name + ": " + value));
    QStringList thresholds;
    for (const std::string& t : s.thresholds)
        thresholds << QString::fromStdString(t);
    if (!thresholds.isEmpty()) f.emplace_back(tr("Thresholds"), thresholds.join(QStringLiteral(", ")));
    f.emplace_back(tr("Seed"), QString::number(s.seed));
    return f;
}

Facts serverFacts(const model::ServerSettings& s) {
    Facts f;
    f.emplace_back(tr("Concurrency"), concurrencyText(s));
    f.emplace_back(tr("Address"), QStringLiteral("%1:%2").arg(QString::fromStdString(s.host)).arg(s.port));
    f.emplace_back(tr("Max connections"), QString::number(s.limits.maxConnections));
    f.emplace_back(tr("Max body"), bytesText(static_cast<double>(s.limits.maxBodyBytes)));
    f.emplace_back(
        tr("Rate limit"),
        s.rateLimit.enabled
            ? tr("%1 requests/s, burst %2").arg(s.rateLimit.requestsPerSecond).arg(s.rateLimit.burst)
            : tr("off"));
    f.emplace_back(tr("CORS"), s.cors.enabled ? tr("on") : tr("off"));
    return f;
}

}  // namespace loadstar::widgets
