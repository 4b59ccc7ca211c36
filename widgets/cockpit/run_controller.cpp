#include "widgets/cockpit/run_controller.h"

#include <cstdlib>
#include <filesystem>

#include <QDir>
#include <QMetaObject>

#include "engine/model/project_file.h"
#include "engine/session/scenario_session.h"

namespace loadstar::widgets {

namespace {

// A private folder for the design the run's own server serves; made and removed
// by the worker, so the GUI thread touches no disk.
struct ScratchDir {
    std::filesystem::path path;
    explicit ScratchDir(const std::string& pattern) {
        std::string buffer = pattern;
        if (::mkdtemp(buffer.data()) != nullptr) path = buffer;
    }
    ~ScratchDir() {
        std::error_code ec;
        if (!path.empty()) std::filesystem::remove_all(path, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
};

}  // namespace

RunController::RunController(QObject* parent) : QObject(parent) {
    // Twice per engine tick (200 ms): each snapshot is seen within half a tick.
    poll_.setInterval(100);
    connect(&poll_, &QTimer::timeout, this, &RunController::pollSnapshot);
}

RunController::~RunController() {
    stop();
    if (worker_.joinable()) worker_.join();
}

bool RunController::start(Request request) {
    if (state_ != State::Idle) return false;
    if (worker_.joinable()) worker_.join();
    scenario_ = request.scenario;
    latest_.reset();
    series_.reset();
    notice_.clear();
    shared_ = std::make_shared<Shared>();
    setState(State::Preparing);

    session::DesignServer design;
    if (request.designUrl.isValid() && !request.designUrl.isEmpty()) {
        design.url = request.designUrl.toString(QUrl::StripTrailingSlash).toStdString();
        if (request.designPid > 0) design.pid = static_cast<pid_t>(request.designPid);
    } else {
        design.binary = request.serverBinary.toStdString();
    }
    const std::string scratchPattern =
        QDir(QDir::tempPath()).filePath(QStringLiteral("loadstar-run-XXXXXX")).toStdString();
    const std::string projectFile = request.projectFile.toStdString();
    worker_ = std::thread([this, shared = shared_, project = request.project, scenario = request.scenario,
                           design, scratchPattern, projectFile]() mutable {
        const auto fail = [this](const std::string& message) {
            QMetaObject::invokeMethod(
                this, [this, m = QString::fromStdString(message)] { onFailed(m); }, Qt::QueuedConnection);
        };
        ScratchDir scratch(scratchPattern);
        if (scenario.target.kind == model::Target::Kind::Embedded && design.url.empty()) {
            if (scratch.path.empty()) return fail("cannot create a temporary folder for the server");
            design.projectFile = (scratch.path / "served.loadstar.json").string();
            model::Project served = *project;
            served.server.port = 0;  // never collide with a server the user runs
            const auto saved = model::saveProject(served, design.projectFile);
            if (const auto* e = std::get_if<model::ProjectError>(&saved)) return fail(e->toString());
        }
        auto prepared = session::ScenarioSession::prepare(*project, scenario, design);
        if (const auto* e = std::get_if<std::string>(&prepared)) return fail(*e);
        std::shared_ptr<session::ScenarioSession> session =
            std::move(std::get<std::unique_ptr<session::ScenarioSession>>(prepared));
        {
            const std::lock_guard lock(shared->mutex);
            if (shared->stopRequested) return fail("stopped before the load started");
            if (auto failure = session->start()) return fail(*failure);
            shared->session = session;
        }
        QMetaObject::invokeMethod(
            this, [this, s = session->scenario()] { onStarted(s); }, Qt::QueuedConnection);
        auto ended = session->end();
        if (auto* e = std::get_if<std::string>(&ended)) {
            const std::lock_guard lock(shared->mutex);
            shared->session.reset();
            return fail(*e);
        }
        auto result = std::make_shared<results::RunResult>(std::move(std::get<results::RunResult>(ended)));
        // The final snapshot, which the timer may not have seen: the GUI ends with every tick.
        std::shared_ptr<const load::Snapshot> last = session->snapshot();
        {
            const std::lock_guard lock(shared->mutex);
            shared->session.reset();
        }
        session.reset();
        QString stored;
        QString storeError;
        if (projectFile.empty()) {
            storeError = tr("The project is not saved yet, so the run was not stored with it.");
        } else {
            const auto written = results::storeRunResult(*result, projectFile);
            if (const auto* e = std::get_if<std::string>(&written)) {
                storeError = QString::fromStdString(*e);
            } else {
                stored = QString::fromStdString(std::get<std::filesystem::path>(written).string());
            }
        }
        QMetaObject::invokeMethod(
            this, [this, result, stored, storeError, last] { onFinished(result, stored, storeError, last); },
            Qt::QueuedConnection);
    });
    return true;
}

void RunController::stop() {
    if (!shared_ || state_ == State::Idle) return;
    std::shared_ptr<session::ScenarioSession> session;
    {
        const std::lock_guard lock(shared_->mutex);
        shared_->stopRequested = true;
        session = shared_->session;
    }
    // Either engine's stop only asks: the native runner sets a flag, Locust's
    // master gets SIGTERM; the worker thread waits for the end.
    if (session) session->stop();
    if (state_ == State::Running) setState(State::Stopping);
}

void RunController::setState(State state) {
    if (state == state_) return;
    state_ = state;
    emit stateChanged(state);
}

void RunController::pollSnapshot() {
    std::shared_ptr<session::ScenarioSession> session;
    {
        const std::lock_guard lock(shared_->mutex);
        session = shared_->session;
    }
    if (!session) return;
    const QString notice = QString::fromStdString(session->waitingText());
    if (notice != notice_) {
        notice_ = notice;
        emit engineNotice(notice);
    }
    take(session->snapshot());
}

void RunController::take(std::shared_ptr<const load::Snapshot> snapshot) {
    if (!snapshot || snapshot == latest_) return;
    latest_ = std::move(snapshot);
    series_.follow(*latest_);
    emit snapshotTaken(latest_);
}

void RunController::onStarted(const model::Scenario& scenario) {
    scenario_ = scenario;
    if (state_ == State::Preparing) setState(State::Running);
    emit started(scenario);
    pollSnapshot();
    poll_.start();
}

void RunController::onFinished(std::shared_ptr<const results::RunResult> result, const QString& storedFile,
                               const QString& storeError, std::shared_ptr<const load::Snapshot> last) {
    poll_.stop();
    take(std::move(last));
    if (worker_.joinable()) worker_.join();
    setState(State::Idle);
    emit finished(std::move(result), storedFile, storeError);
}

void RunController::onFailed(const QString& message) {
    poll_.stop();
    if (worker_.joinable()) worker_.join();
    setState(State::Idle);
    emit failed(message);
}

}  // namespace loadstar::widgets
