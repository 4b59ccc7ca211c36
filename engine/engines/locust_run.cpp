#include "engine/engines/locust_run.h"

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <netinet/in.h>
#include <sstream>
#include <sys/socket.h>
#include <unistd.h>

#include "engine/engines/locust_export.h"
#include "engine/engines/locust_results.h"
#include "engine/model/project_file.h"
#include "engine/monitor/resource_monitor.h"
#include "engine/server/server_process.h"

namespace loadstar::engines {

namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(250);
constexpr auto kWorkerGrace = std::chrono::seconds(5);
constexpr const char* kCsvPrefix = "locust";

std::string readFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A port nobody listens on now (bound to port 0, then released for Locust).
std::variant<int, std::string> freePort(const std::string& host) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return std::string("cannot open a socket: ") + std::strerror(errno);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = 0;
    if (::inet_pton(AF_INET, host == "*" ? "0.0.0.0" : host.c_str(), &address.sin_addr) != 1) {
        ::close(fd);
        return "the master's bind address \"" + host + "\" is not an IPv4 address";
    }
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        const std::string error = std::strerror(errno);
        ::close(fd);
        return "cannot bind " + host + ": " + error;
    }
    ::close(fd);
    return static_cast<int>(ntohs(address.sin_port));
}

std::string hostName() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) return "THIS_MACHINE";
    return name;
}

}  // namespace

// The CPU and memory of the Locust processes on this machine (summed, as the
// generator), of the target and of the machine, sampled once per tick.
struct LocustRun::Samplers {
    std::vector<monitor::ProcessSampler> locust;
    std::optional<monitor::ProcessSampler> target;
    monitor::MachineSampler machine;

    monitor::ResourceSample sample(double elapsed) {
        monitor::ResourceSample r;
        r.elapsedSeconds = elapsed;
        for (monitor::ProcessSampler& p : locust) {
            const monitor::ProcessSample s = p.sample();
            if (!s.alive) continue;
            r.self.alive = true;
            r.self.cpuPercent += s.cpuPercent;
            r.self.rssBytes += s.rssBytes;
            r.self.threads += s.threads;
            r.self.openFds += s.openFds;
        }
        if (target) r.target = target->sample();
        r.machine = machine.sample();
        return r;
    }
};

std::variant<std::unique_ptr<LocustRun>, std::string> LocustRun::start(const model::Project& project,
                                                                       const model::Scenario& scenario,
                                                                       LocustRunOptions options) {
    const std::optional<std::filesystem::path> locust = findExecutable(options.locust);
    if (!locust) {
        return std::string("Locust is not installed (no \"" + options.locust +
                           "\" command): install Debian's python3-locust package "
                           "(sudo apt-get install python3-locust)");
    }
    if (options.expectedWorkers < options.localWorkers) options.expectedWorkers = options.localWorkers;
    auto exported = exportLocust(project, scenario);
    if (const auto* e = std::get_if<std::string>(&exported))
        return "scenario \"" + scenario.name + "\": " + *e;
    std::error_code ec;
    std::filesystem::create_directories(options.workDir, ec);
    if (ec) return options.workDir.string() + ": " + ec.message();

    std::unique_ptr<LocustRun> run(new LocustRun);
    run->scenario_ = scenario;
    run->shape_ = LoadShape::of(scenario);
    run->locustfile_ = options.workDir / "locustfile.py";
    const LocustExport& files = std::get<LocustExport>(exported);
    for (const auto& [file, text] :
         {std::pair{run->locustfile_, files.locustfile},
          std::pair{options.workDir / LocustExportOptions{}.dataFileName, files.data}}) {
        const auto written = model::writeFileAtomically(file, text);
        if (const auto* e = std::get_if<model::ProjectError>(&written)) return e->toString();
    }
    const Json data = Json::parse(files.data);
    for (const Json& e : data.at("endpoints"))
        run->endpointIds_.push_back(e.at("id").get<std::string>());
    run->lastEndpointRows_.resize(run->endpointIds_.size());
    run->currentEndpointRows_.resize(run->endpointIds_.size());

    std::vector<std::string> master{locust->string(),
                                    "-f",
                                    run->locustfile_.string(),
                                    "--headless",
                                    "--host",
                                    options.targetUrl,
                                    "--csv",
                                    (options.workDir / kCsvPrefix).string(),
                                    "--csv-full-history",
                                    "--only-summary",
                                    "--loadstar-summary",
                                    (options.workDir / "summary.json").string()};
    const bool distributed = options.expectedWorkers > 0;
    if (distributed) {
        if (options.masterBindPort == 0) {
            auto port = freePort(options.masterBindHost);
            if (const auto* e = std::get_if<std::string>(&port)) return *e;
            options.masterBindPort = std::get<int>(port);
        }
        for (const std::string& arg :
             {std::string("--master"), std::string("--master-bind-host"), options.masterBindHost,
              std::string("--master-bind-port"), std::to_string(options.masterBindPort),
              std::string("--expect-workers"), std::to_string(options.expectedWorkers)})
            master.push_back(arg);
        const bool everywhere = options.masterBindHost == "*" || options.masterBindHost == "0.0.0.0";
        run->workerCommand_ = "locust -f locustfile.py --worker --master-host " +
                              (everywhere ? hostName() : options.masterBindHost) + " --master-port " +
                              std::to_string(options.masterBindPort);
    }
    auto spawned = ChildProcess::spawn(master, options.workDir / "master.log");
    if (const auto* e = std::get_if<std::string>(&spawned)) return *e;
    run->master_.emplace(std::move(std::get<ChildProcess>(spawned)));
    const std::string connect =
        server::connectHost(options.masterBindHost == "*" ? "0.0.0.0" : options.masterBindHost);
    for (int i = 0; i < options.localWorkers; ++i) {
        auto worker = ChildProcess::spawn(
            {locust->string(), "-f", run->locustfile_.string(), "--worker", "--master-host", connect,
             "--master-port", std::to_string(options.masterBindPort)},
            options.workDir / ("worker-" + std::to_string(i + 1) + ".log"), run->master_->pid());
        if (const auto* e = std::get_if<std::string>(&worker)) return *e;  // the destructor stops the others
        run->workers_.push_back(std::move(std::get<ChildProcess>(worker)));
    }
    run->samplers_ = std::make_unique<Samplers>();
    for (const pid_t pid : run->pids())
        run->samplers_->locust.emplace_back(pid);
    if (options.targetPid) run->samplers_->target.emplace(*options.targetPid);
    run->options_ = std::move(options);
    run->startedAt_ = std::chrono::system_clock::now();
    run->publish(LocustProgress::Phase::WaitingForWorkers);
    run->thread_ = std::thread([raw = run.get()] { raw->follow(); });
    return run;
}

LocustRun::~LocustRun() {
    stop();
    if (thread_.joinable()) thread_.join();
}

void LocustRun::stop() {
    const std::lock_guard lock(mutex_);
    if (stopRequested_ || finished_) return;
    stopRequested_ = true;
    if (master_) master_->signal(SIGTERM);
}

bool LocustRun::finished() const {
    const std::lock_guard lock(mutex_);
    return finished_;
}

std::shared_ptr<const LocustProgress> LocustRun::progress() const {
    const std::lock_guard lock(mutex_);
    return progress_;
}

std::vector<pid_t> LocustRun::pids() const {
    std::vector<pid_t> out;
    if (master_) out.push_back(master_->pid());
    for (const ChildProcess& w : workers_)
        out.push_back(w.pid());
    return out;
}

std::variant<results::RunResult, std::string> LocustRun::wait() {
    if (thread_.joinable()) thread_.join();
    const std::lock_guard lock(mutex_);
    return *result_;
}

std::string LocustRun::logTail() const {
    std::string log = readFile(options_.workDir / "master.log");
    if (log.size() > 2000) log = "..." + log.substr(log.size() - 2000);
    while (!log.empty() && log.back() == '\n')
        log.pop_back();
    return log;
}

void LocustRun::follow() {
    while (!master_->exitStatus()) {
        std::this_thread::sleep_for(kPollInterval);
        readHistory();
        bool stopping = false;
        {
            const std::lock_guard lock(mutex_);
            stopping = stopRequested_;
        }
        publish(stopping         ? LocustProgress::Phase::Stopping
                : loadStartedAt_ ? LocustProgress::Phase::Running
                                 : LocustProgress::Phase::WaitingForWorkers);
    }
    readHistory();
    // The master sends its workers "quit"; those that do not go are stopped.
    for (ChildProcess& w : workers_) {
        if (!w.waitFor(kWorkerGrace)) w.stop(kWorkerGrace);
    }
    auto result = makeResult();
    const std::lock_guard lock(mutex_);
    result_ = std::move(result);
    finished_ = true;
    auto last = std::make_shared<LocustProgress>(progress_ ? *progress_ : LocustProgress{});
    last->phase = LocustProgress::Phase::Finished;
    handOverTicks(*last);
    progress_ = std::move(last);
}

// Takes the rows Locust appended since the last call; each "Aggregated" row ends
// a second and becomes a tick once the users have started.
void LocustRun::readHistory() {
    const std::filesystem::path file = options_.workDir / (std::string(kCsvPrefix) + "_stats_history.csv");
    std::ifstream in(file, std::ios::binary);
    if (!in) return;
    in.seekg(static_cast<std::streamoff>(historyOffset_));
    std::ostringstream added;
    added << in.rdbuf();
    const std::string text = added.str();
    historyOffset_ += text.size();
    auto rows = reader_.feed(text);
    if (std::holds_alternative<std::string>(rows)) return;
    for (LocustHistoryRow& row : std::get<std::vector<LocustHistoryRow>>(rows)) {
        history_.push_back(row);
        if (row.name != "Aggregated") {
            for (std::size_t i = 0; i < endpointIds_.size(); ++i) {
                if (endpointIds_[i] == row.name) currentEndpointRows_[i] = row;
            }
            continue;
        }
        if (!loadStartedAt_ && (row.userCount > 0 || row.totals.requests > 0))
            loadStartedAt_ = row.timestamp - 1;
        if (loadStartedAt_) {
            const double elapsed = static_cast<double>(row.timestamp - *loadStartedAt_);
            auto tick = std::make_shared<results::TickPoint>();
            tick->elapsed = elapsed;
            tick->overall = tickSummaryOf(row, lastAggregated_ ? &*lastAggregated_ : nullptr);
            tick->seconds = tick->overall.seconds;
            tick->stage = shape_.stageAt(elapsed - tick->seconds / 2);
            tick->level = shape_.levelAt(elapsed - tick->seconds / 2);
            tick->openConnections = row.userCount;
            for (std::size_t i = 0; i < endpointIds_.size(); ++i) {
                const auto& now = currentEndpointRows_[i];
                const auto& before = lastEndpointRows_[i];
                tick->endpoints.push_back(now ? tickSummaryOf(*now, before ? &*before : nullptr)
                                              : stats::Summary{});
                tick->endpoints.back().seconds = tick->seconds;
            }
            tick->resources = samplers_->sample(elapsed);
            series_.push_back(std::move(tick));
        }
        lastAggregated_ = row;
        for (std::size_t i = 0; i < endpointIds_.size(); ++i) {
            if (currentEndpointRows_[i]) lastEndpointRows_[i] = currentEndpointRows_[i];
            currentEndpointRows_[i].reset();
        }
    }
}

void LocustRun::handOverTicks(LocustProgress& progress) {
    for (std::size_t i = publishedTicks_; i < series_.size(); ++i)
        tickLog_->append(series_[i]);
    progress.firstTick = publishedTicks_;
    progress.ticks.assign(series_.begin() + static_cast<std::ptrdiff_t>(publishedTicks_), series_.end());
    progress.history = tickLog_;
    publishedTicks_ = series_.size();
}

void LocustRun::publish(LocustProgress::Phase phase) {
    auto p = std::make_shared<LocustProgress>();
    p->phase = phase;
    p->workersExpected = options_.expectedWorkers;
    // The master logs "Waiting for workers to be ready, 1 of 2 connected" each second.
    if (!loadStartedAt_) {
        const std::string log = readFile(options_.workDir / "master.log");
        const std::size_t at = log.rfind("Waiting for workers to be ready, ");
        if (at != std::string::npos) p->workersReady = std::atoi(log.c_str() + at + 33);
    } else {
        p->workersReady = options_.expectedWorkers;
    }
    p->total = shape_.totalSeconds();
    p->stageCount = shape_.stageCount;
    p->endpointIds = endpointIds_;
    handOverTicks(*p);
    if (!series_.empty()) {
        p->elapsed = series_.back()->elapsed;
        p->stage = series_.back()->stage;
        p->level = series_.back()->level;
        p->users = series_.back()->openConnections;
    }
    // The whole run so far: Locust's stats CSV (rewritten every second) has the
    // cumulative percentiles; a file caught mid-rewrite is skipped this time.
    const auto stats =
        parseLocustStats(readFile(options_.workDir / (std::string(kCsvPrefix) + "_stats.csv")));
    if (const auto* rows = std::get_if<std::vector<LocustStatsRow>>(&stats)) {
        const double measured = std::max(1.0, p->elapsed - shape_.warmupSeconds);
        p->endpointTotals.resize(endpointIds_.size());
        for (const LocustStatsRow& row : *rows) {
            if (row.name == "Aggregated") p->totals = summaryOf(row, measured);
            for (std::size_t i = 0; i < endpointIds_.size(); ++i) {
                if (row.name == endpointIds_[i]) p->endpointTotals[i] = summaryOf(row, measured);
            }
        }
    } else if (progress_) {
        p->totals = progress_->totals;
        p->endpointTotals = progress_->endpointTotals;
    }
    const std::lock_guard lock(mutex_);
    progress_ = std::move(p);
}

std::variant<results::RunResult, std::string> LocustRun::makeResult() {
    const int status = master_->exitStatus().value_or(-1);
    LocustRunFiles files;
    files.history = history_;
    const std::filesystem::path summaryFile = options_.workDir / "summary.json";
    if (std::filesystem::exists(summaryFile)) {
        try {
            auto summary = parseLocustSummary(Json::parse(readFile(summaryFile)));
            if (auto* s = std::get_if<LocustSummary>(&summary)) files.summary = std::move(*s);
        } catch (const Json::exception&) {
        }
    }
    const auto stats =
        parseLocustStats(readFile(options_.workDir / (std::string(kCsvPrefix) + "_stats.csv")));
    if (const auto* rows = std::get_if<std::vector<LocustStatsRow>>(&stats)) files.stats = *rows;
    const auto failures =
        parseLocustFailures(readFile(options_.workDir / (std::string(kCsvPrefix) + "_failures.csv")));
    if (const auto* rows = std::get_if<std::vector<LocustFailureRow>>(&failures)) files.failures = *rows;
    if (!files.summary && files.stats.empty()) {
        return "Locust ended (exit status " + std::to_string(status) + ") without statistics; its log (" +
               (options_.workDir / "master.log").string() + ") ends:\n" + logTail();
    }
    results::RunResult r = locustRunResult(files, scenario_, scenario_.name);
    if (!series_.empty()) r.series = series_;  // the followed ticks, with the resources sampled
    r.target = options_.targetUrl;
    r.environment = results::Environment::capture();
    r.id = results::runId(startedAt_, scenario_.name);
    r.startedAt = results::isoTime(startedAt_);
    r.finishedAt = results::isoTime(std::chrono::system_clock::now());
    {
        const std::lock_guard lock(mutex_);
        if (stopRequested_) r.interrupted = true;
    }
    if (!files.summary) {
        r.engine.notes.push_back("Locust ended (exit status " + std::to_string(status) +
                                 ") without the locustfile's summary: the figures are its stats CSV's.");
    }
    if (r.engine.workers == 0) r.engine.workers = options_.expectedWorkers;
    return r;
}

}  // namespace loadstar::engines
