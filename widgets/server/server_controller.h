#pragma once

#include <memory>

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

#include "engine/model/project.h"
#include "widgets/server/server_log.h"

namespace loadstar::widgets {

// Runs `loadstar serve` on a snapshot of the design as a child process, without
// ever blocking the GUI thread: the design is written to a private temporary
// project file, readiness comes from the server's first stdout line
// ("listening on http://HOST:PORT"), and stopping is SIGTERM with a kill after a
// deadline. Its output goes into the log; with the access log on (the default),
// that includes one line per request, which the server samples to at most
// accessLogRate() lines a second and the log shows in batches. A `loadstar`
// too old to know --access-log is started again without it.
class ServerController : public QObject {
    Q_OBJECT

  public:
    enum class State { Stopped, Starting, Listening, Stopping, Crashed };

    // `binary` is the loadstar executable (the application itself in the app).
    explicit ServerController(QString binary, QObject* parent = nullptr);
    ~ServerController() override;

    // Serves `project` on its host and port (port 0: any free one). Ignored unless
    // Stopped or Crashed.
    void start(std::shared_ptr<const model::Project> project);
    void stop();
    // Stops when running, then starts on `project`.
    void restart(std::shared_ptr<const model::Project> project);

    State state() const { return state_; }
    bool isRunning() const { return state_ == State::Starting || state_ == State::Listening; }
    // Where to connect while Listening: the server's address, with loopback for a
    // server on every interface (0.0.0.0, ::). The status text shows the address it listens on.
    QUrl url() const { return url_; }
    // The server's process id while it runs (0 otherwise), to sample its CPU and memory.
    qint64 pid() const { return process_ != nullptr ? process_->processId() : 0; }
    // After a crash: the exit code (-1 when it never ran or was killed) and the
    // last lines of its stderr.
    int exitCode() const { return exitCode_; }
    QString errorTail() const { return errorTail_.join(QLatin1Char('\n')); }
    // One line for the status bar: "Listening on http://127.0.0.1:8000", ...
    QString statusText() const;
    ServerLog* log() { return &log_; }

    void setStartTimeoutMs(int ms) { startTimeout_.setInterval(ms); }
    void setStopDeadlineMs(int ms) { stopDeadline_.setInterval(ms); }
    // Takes effect at the next start.
    void setAccessLog(bool on, int linesPerSecond = 50) {
        accessLog_ = on;
        accessLogRate_ = linesPerSecond;
    }
    bool accessLog() const { return accessLog_; }
    // Whether the server started last writes its access log.
    bool accessLogActive() const { return accessLog_ && accessLogSupported_; }
    int accessLogRate() const { return accessLogRate_; }

  signals:
    void stateChanged(loadstar::widgets::ServerController::State state);

  private:
    void setState(State state);
    void readStdout();
    void readStderr();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void fail(const QString& reason);

    QString binary_;
    ServerLog log_;
    QProcess* process_ = nullptr;
    std::unique_ptr<QTemporaryDir> dir_;
    State state_ = State::Stopped;
    QUrl url_;
    QUrl listening_;
    int exitCode_ = -1;
    QStringList errorTail_;
    QByteArray stdoutPending_;
    QByteArray stderrPending_;
    QTimer startTimeout_;
    QTimer stopDeadline_;
    std::shared_ptr<const model::Project> pendingRestart_;
    bool accessLog_ = true;
    bool accessLogSupported_ = true;                  // false once the binary rejected --access-log
    std::shared_ptr<const model::Project> starting_;  // to start again without the access log
    int accessLogRate_ = 50;
};

}  // namespace loadstar::widgets
