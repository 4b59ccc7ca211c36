#pragma once

#include <functional>
#include <vector>

#include <QObject>

#include "engine/model/scenario.h"
#include "widgets/cockpit/benchmark_summary_model.h"

namespace loadstar::widgets {

class RunController;

// "Run the benchmark plan": every scenario in turn through the one RunController,
// each row of the summary filled as its run ends. Stopping the current run ends
// the plan; the rest are marked skipped.
class BenchmarkPlan : public QObject {
    Q_OBJECT

  public:
    // `launch` starts one scenario (as the Run command does); false if it could not.
    using Launch = std::function<bool(const model::Scenario&)>;

    BenchmarkPlan(RunController* controller, Launch launch, QObject* parent = nullptr);

    void start(std::vector<model::Scenario> scenarios);
    // Ends the plan after the current run (which is stopped, its partial result kept).
    void cancel();
    bool isRunning() const { return next_ >= 0; }
    BenchmarkSummaryModel* summary() { return &summary_; }
    void setPauseMs(int ms) { pauseMs_ = ms; }

  signals:
    void planFinished();

  private:
    void launchNext();
    void onRunEnded(std::vector<BenchmarkSummaryModel::Row>::size_type row,
                    BenchmarkSummaryModel::Row result);
    void finish();

    RunController* controller_;
    Launch launch_;
    BenchmarkSummaryModel summary_;
    std::vector<model::Scenario> scenarios_;
    int next_ = -1;  // the row running now; -1 when no plan runs
    bool cancelled_ = false;
    int pauseMs_ = 500;
};

}  // namespace loadstar::widgets
