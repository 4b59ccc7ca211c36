#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include <QObject>
#include <QString>

#include "engine/model/scenario.h"
#include "engine/results/run_result.h"

namespace loadstar::widgets {

class RunController;

// Runs scenarios one after another through the one RunController, with a pause
// between runs, and tells which run started, ended or failed. Cancelling stops the
// current run (its partial result is kept) and ends the sequence. The benchmark
// plan and Compare Frameworks each keep their table in step with it.
class RunSequence : public QObject {
    Q_OBJECT

  public:
    // `launch` starts one scenario (as the Run command does); false if it could not.
    using Launch = std::function<bool(const model::Scenario&)>;

    RunSequence(RunController* controller, Launch launch, QObject* parent = nullptr);

    // False (and nothing starts) when a sequence runs already or `runs` is empty.
    bool start(std::vector<model::Scenario> runs);
    void cancel();
    bool isRunning() const { return next_ >= 0; }
    void setPauseMs(int ms) { pauseMs_ = ms; }

  signals:
    void runStarted(std::size_t index);
    void runEnded(std::size_t index, std::shared_ptr<const results::RunResult> result, const QString& stored);
    // The run did not start, or its controller failed.
    void runFailed(std::size_t index, const QString& message);
    // No more runs: those not started were skipped.
    void sequenceFinished();

  private:
    void launchNext();
    void ended();
    void finish();

    RunController* controller_;
    Launch launch_;
    std::vector<model::Scenario> runs_;
    int next_ = -1;  // the run running now; -1 when no sequence runs
    bool cancelled_ = false;
    int pauseMs_ = 500;
};

}  // namespace loadstar::widgets
