#pragma once

#include <memory>
#include <mutex>
#include <thread>

#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include "engine/load/series_follower.h"
#include "engine/load/snapshot.h"
#include "engine/model/project.h"
#include "engine/results/run_result.h"

namespace loadstar::session {
class ScenarioSession;
}

namespace loadstar::widgets {

// Runs one scenario at a time off the GUI thread (session::ScenarioSession: the
// design's server launch waits for readiness, the run takes minutes) and polls the
// runner's newest snapshot on a timer, twice per engine tick, handing it to the GUI
// as a value. A snapshot brings only the ticks since the previous one; the
// controller appends them to the run's series (series()), taking any it missed from
// the run's history, so the GUI never copies or walks the whole run. Stopping keeps
// what was measured; the result is stored beside the project.
class RunController : public QObject {
    Q_OBJECT

  public:
    enum class State { Idle, Preparing, Running, Stopping };

    struct Request {
        std::shared_ptr<const model::Project> project;
        model::Scenario scenario;
        // Where the project lives: runs are stored beside it (empty: not stored).
        QString projectFile;
        // The design as the target: a server that already serves it (the server
        // panel's), else `serverBinary serve` is launched for the run.
        QUrl designUrl;
        qint64 designPid = 0;
        QString serverBinary;
    };

    explicit RunController(QObject* parent = nullptr);
    ~RunController() override;  // stops a run and waits for it

    // False (and nothing starts) while another run is going.
    bool start(Request request);
    void stop();

    State state() const { return state_; }
    bool isBusy() const { return state_ != State::Idle; }
    const model::Scenario& scenario() const { return scenario_; }
    std::shared_ptr<const load::Snapshot> latest() const { return latest_; }
    // The run's ticks so far, as the snapshots brought them; at `finished`, the
    // result's series.
    const results::Series& series() const { return series_.series(); }
    void setPollIntervalMs(int ms) { poll_.setInterval(ms); }

  signals:
    void stateChanged(loadstar::widgets::RunController::State state);
    // The load is on: `scenario` with the target URL that is driven.
    void started(const loadstar::model::Scenario& scenario);
    // A new snapshot; series() already holds its ticks.
    void snapshotTaken(std::shared_ptr<const loadstar::load::Snapshot> snapshot);
    // `storedFile` is empty when the result was not stored, with `storeError` saying why.
    void finished(std::shared_ptr<const loadstar::results::RunResult> result, const QString& storedFile,
                  const QString& storeError);
    void failed(const QString& message);
    // What the engine is doing besides generating load ("Waiting for Locust
    // workers: 1 of 2 joined"); empty when there is nothing to say.
    void engineNotice(const QString& text);

  private:
    struct Shared {
        std::mutex mutex;
        std::shared_ptr<session::ScenarioSession> session;
        bool stopRequested = false;
    };
    void setState(State state);
    void pollSnapshot();
    void take(std::shared_ptr<const load::Snapshot> snapshot);
    void onStarted(const model::Scenario& scenario);
    void onFinished(std::shared_ptr<const results::RunResult> result, const QString& storedFile,
                    const QString& storeError, std::shared_ptr<const load::Snapshot> last);
    void onFailed(const QString& message);

    State state_ = State::Idle;
    model::Scenario scenario_;
    std::shared_ptr<Shared> shared_;
    std::shared_ptr<const load::Snapshot> latest_;
    load::SeriesFollower series_;
    QString notice_;
    std::thread worker_;
    QTimer poll_;
};

}  // namespace loadstar::widgets
