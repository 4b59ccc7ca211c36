#include "engine/load/runner.h"

namespace loadstar::load {

namespace {

using Clock = std::chrono::steady_clock;

double secondsBetween(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

std::size_t threadCount(const LoadOptions& o) {
    return static_cast<std::size_t>(std::max(1, o.threads));
}

}  // namespace

Runner::Runner(LoadOptions options, RequestPlan plan)
    : options_(std::move(options)),
      plan_(std::move(plan)),
      recorder_(plan_.endpointCount() + 1, threadCount(options_)),
      generator_(options_, plan_, recorder_),
      monitor_(options_.targetPid) {
    output_.options = options_;
    for (std::size_t i = 0; i < plan_.endpointCount(); ++i)
        output_.endpointIds.push_back(plan_.endpoint(i).id);
    output_.endpoints.resize(plan_.endpointCount());
}

Runner::~Runner() {
    stop();
    if (thread_.joinable()) thread_.join();
}

std::optional<std::string> Runner::start() {
    start_ = Clock::now();
    lastTick_ = start_;
    output_.startedAt = std::chrono::system_clock::now();
    if (auto error = generator_.start(start_)) {
        finished_ = true;
        return error;
    }
    auto first = std::make_shared<Snapshot>();
    first->total = static_cast<double>(options_.profile.total().count()) / 1e6;
    first->stageCount = options_.profile.stageCount();
    first->endpointIds = output_.endpointIds;
    first->endpointTotals.resize(output_.endpointIds.size());
    first->thresholds = judgedSoFar();
    first->history = history_;
    first->phase =
        options_.profile.warmup().count() > 0 ? Snapshot::Phase::WarmingUp : Snapshot::Phase::Running;
    publish(std::move(first));
    thread_ = std::thread([this] { control(); });
    return std::nullopt;
}

std::vector<stats::ThresholdResult> Runner::judgedSoFar() const {
    return stats::judge(
        options_.thresholds,
        [this](std::string_view id) -> const stats::RequestStats* {
            if (id.empty()) return &output_.overall;
            for (std::size_t i = 0; i < output_.endpointIds.size(); ++i) {
                if (output_.endpointIds[i] == id) return &output_.endpoints[i];
            }
            return nullptr;
        },
        output_.measuredSeconds);
}

std::shared_ptr<const Snapshot> Runner::snapshot() const {
    const std::lock_guard lock(snapshotMutex_);
    return snapshot_;
}

void Runner::publish(std::shared_ptr<const Snapshot> snapshot) {
    const std::lock_guard lock(snapshotMutex_);
    snapshot_.swap(snapshot);
    // The old snapshot is released after the unlock, outside the critical section.
}

void Runner::stop() {
    {
        const std::lock_guard lock(mutex_);
        stopRequested_ = true;
    }
    wake_.notify_all();
}

const RunOutput& Runner::wait() {
    if (thread_.joinable()) thread_.join();
    return output_;
}

void Runner::control() {
    Clock::time_point next = start_ + options_.tick;
    bool stopForwarded = false;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait_until(lock, next, [&] { return stopRequested_ && !stopForwarded; });
            if (stopRequested_ && !stopForwarded) {
                stopForwarded = true;
                const Clock::time_point now = Clock::now();
                if (now < start_ + options_.profile.total()) {
                    output_.interrupted = true;
                    stoppedAt_ = now;
                }
                lock.unlock();
                generator_.stop();
                continue;
            }
        }
        const bool done = generator_.finished();
        const Clock::time_point now = Clock::now();
        tick(now, done);
        if (done) break;
        next += options_.tick;
        if (next < now) next = now + options_.tick;
    }
    generator_.join();
    output_.finishedAt = std::chrono::system_clock::now();
    output_.requestsStarted = generator_.requestsStarted();
    finished_ = true;
}

void Runner::tick(Clock::time_point now, bool last) {
    const std::vector<stats::RequestStats>& interval = recorder_.collect();
    const double seconds = secondsBetween(lastTick_, now);
    lastTick_ = now;

    auto point = std::make_shared<results::TickPoint>();
    const auto sinceStart = std::chrono::duration_cast<model::Duration>(now - start_);
    point->elapsed = secondsBetween(start_, now);
    point->seconds = seconds;
    point->stage = options_.profile.stageAt(sinceStart);
    point->level = options_.profile.levelAt(sinceStart);
    point->openConnections = generator_.openConnections();
    stats::RequestStats overallInterval;
    const std::size_t warmupSlot = plan_.endpointCount();
    output_.warmup.merge(interval[warmupSlot]);
    for (std::size_t i = 0; i < warmupSlot; ++i) {
        overallInterval.merge(interval[i]);
        output_.endpoints[i].merge(interval[i]);
        point->endpoints.push_back(stats::Summary::of(interval[i], seconds));
    }
    output_.overall.merge(overallInterval);
    point->overall = stats::Summary::of(overallInterval, seconds);
    point->resources = monitor_.sample(point->elapsed);
    output_.series.push_back(point);
    history_->append(point);

    // The measured span: from the end of the warm-up to now, the planned end, or
    // the moment the run was stopped, whichever came first.
    const Clock::time_point measureFrom = start_ + options_.profile.warmup();
    Clock::time_point measureTo = std::min(now, start_ + options_.profile.total());
    if (stoppedAt_) measureTo = std::min(measureTo, *stoppedAt_);
    output_.measuredSeconds = std::max(0.0, secondsBetween(measureFrom, measureTo));

    auto snapshot = std::make_shared<Snapshot>();
    snapshot->elapsed = point->elapsed;
    snapshot->total = static_cast<double>(options_.profile.total().count()) / 1e6;
    snapshot->stage = point->stage;
    snapshot->stageCount = options_.profile.stageCount();
    snapshot->level = point->level;
    snapshot->openConnections = point->openConnections;
    snapshot->requestsStarted = generator_.requestsStarted();
    snapshot->endpointIds = output_.endpointIds;
    snapshot->totals = stats::Summary::of(output_.overall, output_.measuredSeconds);
    for (const stats::RequestStats& e : output_.endpoints)
        snapshot->endpointTotals.push_back(stats::Summary::of(e, output_.measuredSeconds));
    snapshot->thresholds = judgedSoFar();
    snapshot->firstTick = published_;
    snapshot->ticks.assign(output_.series.begin() + static_cast<std::ptrdiff_t>(published_),
                           output_.series.end());
    snapshot->history = history_;
    published_ = output_.series.size();
    if (last) {
        snapshot->phase = Snapshot::Phase::Finished;
    } else if (stoppedAt_ || now >= start_ + options_.profile.total()) {
        snapshot->phase = Snapshot::Phase::Stopping;
    } else {
        snapshot->phase = point->stage < 0 ? Snapshot::Phase::WarmingUp : Snapshot::Phase::Running;
    }
    publish(std::move(snapshot));
}

}  // namespace loadstar::load
