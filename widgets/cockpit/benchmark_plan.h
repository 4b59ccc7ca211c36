#pragma once

#include <functional>
#include <vector>

#include <QObject>

#include "engine/model/scenario.h"
#include "widgets/cockpit/benchmark_summary_model.h"
#include "widgets/cockpit/run_sequence.h"

namespace loadstar::widgets {

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
    void cancel() { sequence_.cancel(); }
    bool isRunning() const { return sequence_.isRunning(); }
    BenchmarkSummaryModel* summary() { return &summary_; }
    void setPauseMs(int ms) { sequence_.setPauseMs(ms); }

  signals:
    void planFinished();

  private:
    void setRow(std::size_t index, BenchmarkSummaryModel::Row row);

    BenchmarkSummaryModel summary_;
    RunSequence sequence_;
};

}  // namespace loadstar::widgets
