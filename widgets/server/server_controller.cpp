#include "widgets/server/server_controller.h"

#include <variant>

#include "engine/model/project_file.h"
#include "engine/server/server_process.h"

namespace loadstar::widgets {

namespace {

constexpr int kErrorTailLines = 20;
const QByteArray kReadyPrefix = QByteArrayLiteral("listening on ");
const QLatin1String kNoAccessLog("unknown option --access-log");

// Splits off the complete lines of `pending`, keeping a partial last line.
QList<QByteArray> takeLines(QByteArray& pending) {
    QList<QByteArray> lines;
    qsizetype start = 0;
    qsizetype newline = 0;
    while ((newline = pending.indexOf('\n', start)) >= 0) {
        QByteArray line = pending.mid(start, newline - start);
        if (line.endsWith('\r')) line.chop(1);
        lines.append(std::move(line));
        start = newline + 1;
    }
    pending.remove(0, start);
    return lines;
}

}  // namespace

ServerController::ServerController(QString binary, QObject* parent)
    : QObject(parent), binary_(std::move(binary)) {
    startTimeout_.setSingleShot(true);
    startTimeout_.setInterval(15000);
    stopDeadline_.setSingleShot(true);
    stopDeadline_.setInterval(3000);
    connect(&startTimeout_, &QTimer::timeout, this, [this] {
        if (state_ != State::Starting) return;
        fail(tr("The server did not report that it was listening within %1 s.")
                 .arg(startTimeout_.interval() / 1000));
    });
    connect(&stopDeadline_, &QTimer::timeout, this, [this] {
        if (process_ != nullptr && process_->state() != QProcess::NotRunning) {
            log_.append(ServerLog::Source::Loadstar, tr("The server did not stop in time; killing it."));
            process_->kill();
        }
    });
}

ServerController::~ServerController() {
    if (process_ != nullptr) {
        process_->disconnect(this);
        if (process_->state() != QProcess::NotRunning) {
            // Closing the window: a graceful stop, briefly, then the hard way.
            process_->terminate();
            if (!process_->waitForFinished(stopDeadline_.interval())) {
                process_->kill();
                process_->waitForFinished(1000);
            }
        }
    }
}

void ServerController::start(std::shared_ptr<const model::Project> project) {
    if (state_ != State::Stopped && state_ != State::Crashed) return;
    exitCode_ = -1;
    errorTail_.clear();
    url_.clear();
    listening_.clear();
    stdoutPending_.clear();
    stderrPending_.clear();

    dir_ = std::make_unique<QTemporaryDir>();
    if (!dir_->isValid()) {
        fail(tr("Cannot create a temporary folder for the server: %1").arg(dir_->errorString()));
        return;
    }
    const QString file = dir_->filePath(QStringLiteral("served.loadstar.json"));
    const auto saved = model::saveProject(*project, file.toStdString());
    if (const auto* error = std::get_if<model::ProjectError>(&saved)) {
        fail(tr("Cannot write the design for the server: %1").arg(QString::fromStdString(error->message)));
        return;
    }

    if (process_ != nullptr) process_->deleteLater();
    process_ = new QProcess(this);
    connect(process_, &QProcess::readyReadStandardOutput, this, &ServerController::readStdout);
    connect(process_, &QProcess::readyReadStandardError, this, &ServerController::readStderr);
    connect(process_, &QProcess::finished, this, &ServerController::onFinished);
    connect(process_, &QProcess::errorOccurred, this, &ServerController::onError);

    QStringList arguments{QStringLiteral("serve"),  file,
                          QStringLiteral("--host"), QString::fromStdString(project->server.host),
                          QStringLiteral("--port"), QString::number(project->server.port)};
    starting_ = project;
    if (accessLogActive()) {
        arguments << QStringLiteral("--access-log") << QStringLiteral("--access-log-rate")
                  << QString::number(accessLogRate_);
    }
    log_.append(ServerLog::Source::Loadstar, tr("Starting: loadstar serve on %1:%2")
                                                 .arg(QString::fromStdString(project->server.host))
                                                 .arg(project->server.port));
    setState(State::Starting);
    startTimeout_.start();
    process_->start(binary_, arguments);
}

void ServerController::stop() {
    pendingRestart_.reset();
    if (process_ == nullptr || process_->state() == QProcess::NotRunning) {
        if (state_ != State::Crashed) setState(State::Stopped);
        return;
    }
    if (state_ == State::Stopping) return;
    startTimeout_.stop();
    setState(State::Stopping);
    log_.append(ServerLog::Source::Loadstar, tr("Stopping the server."));
    process_->terminate();
    stopDeadline_.start();
}

void ServerController::restart(std::shared_ptr<const model::Project> project) {
    if (process_ == nullptr || process_->state() == QProcess::NotRunning) {
        if (state_ == State::Stopping) setState(State::Stopped);
        start(std::move(project));
        return;
    }
    stop();
    pendingRestart_ = std::move(project);
}

QString ServerController::statusText() const {
    switch (state_) {
        case State::Stopped:
            return tr("Server stopped");
        case State::Starting:
            return tr("Server starting…");
        case State::Listening:
            return tr("Listening on %1").arg(listening_.toString());
        case State::Stopping:
            return tr("Server stopping…");
        case State::Crashed:
            return exitCode_ >= 0 ? tr("Server crashed (exit code %1)").arg(exitCode_) : tr("Server crashed");
    }
    return {};
}

void ServerController::setState(State state) {
    if (state == state_) return;
    state_ = state;
    emit stateChanged(state);
}

void ServerController::readStdout() {
    stdoutPending_ += process_->readAllStandardOutput();
    for (const QByteArray& line : takeLines(stdoutPending_)) {
        if (state_ == State::Starting && line.startsWith(kReadyPrefix)) {
            listening_ = QUrl(QString::fromUtf8(line.mid(kReadyPrefix.size()).trimmed()));
            url_ = listening_;
            url_.setHost(QString::fromStdString(server::connectHost(listening_.host().toStdString())));
            startTimeout_.stop();
            log_.append(ServerLog::Source::ServerOut, QString::fromUtf8(line));
            setState(State::Listening);
            continue;
        }
        if (auto entry = AccessLogEntry::parse(line)) {
            log_.append(*entry);
            continue;
        }
        log_.append(ServerLog::Source::ServerOut, QString::fromUtf8(line));
    }
}

void ServerController::readStderr() {
    stderrPending_ += process_->readAllStandardError();
    for (const QByteArray& bytes : takeLines(stderrPending_)) {
        const QString line = QString::fromUtf8(bytes);
        log_.append(ServerLog::Source::ServerErr, line);
        errorTail_.append(line);
        while (errorTail_.size() > kErrorTailLines)
            errorTail_.removeFirst();
    }
}

void ServerController::onFinished(int exitCode, QProcess::ExitStatus status) {
    // Whatever is still buffered, including an unterminated last line.
    readStdout();
    readStderr();
    if (!stderrPending_.isEmpty()) {
        stderrPending_ += '\n';
        readStderr();
    }
    startTimeout_.stop();
    stopDeadline_.stop();
    url_.clear();
    listening_.clear();
    if (state_ == State::Stopping) {
        log_.append(ServerLog::Source::Loadstar, tr("Server stopped."));
        setState(State::Stopped);
        if (pendingRestart_) {
            auto project = std::move(pendingRestart_);
            pendingRestart_.reset();
            start(std::move(project));
        }
        return;
    }
    if (state_ == State::Starting && accessLogActive() && errorTail().contains(kNoAccessLog)) {
        accessLogSupported_ = false;
        log_.append(ServerLog::Source::Loadstar,
                    tr("This loadstar serve writes no access log; starting it without one."));
        state_ = State::Stopped;
        start(std::move(starting_));
        return;
    }
    exitCode_ = status == QProcess::NormalExit ? exitCode : -1;
    log_.append(ServerLog::Source::Loadstar, status == QProcess::NormalExit
                                                 ? tr("The server exited with code %1.").arg(exitCode)
                                                 : tr("The server crashed."));
    setState(State::Crashed);
}

void ServerController::onError(QProcess::ProcessError error) {
    if (error != QProcess::FailedToStart) return;
    fail(tr("Cannot start %1: %2").arg(binary_, process_->errorString()));
}

void ServerController::fail(const QString& reason) {
    log_.append(ServerLog::Source::Loadstar, reason);
    errorTail_.append(reason);
    pendingRestart_.reset();
    startTimeout_.stop();
    if (process_ != nullptr && process_->state() != QProcess::NotRunning) {
        process_->disconnect(this);
        process_->kill();
    }
    url_.clear();
    listening_.clear();
    setState(State::Crashed);
}

}  // namespace loadstar::widgets
