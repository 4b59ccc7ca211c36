#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <QObject>

#include "engine/model/scenario.h"
#include "engine/results/run_result.h"
#include "widgets/cockpit/run_sequence.h"
#include "widgets/runs/framework_table_model.h"

namespace loadstar::widgets {

// Run › Compare Frameworks: each chosen scenario against each chosen server (the
// embedded one, the design as a FastAPI app, as a Flask app), one run at a time
// through the one RunController, each server started afresh for its run. The
// table fills in as the runs end; stopping the current run ends the comparison
// (the rest are marked skipped), and what was measured stays.
class CompareFrameworks : public QObject {
    Q_OBJECT

  public:
    // `launch` starts one scenario (as the Run command does); false if it could not.
    using Launch = std::function<bool(const model::Scenario&)>;

    CompareFrameworks(RunController* controller, Launch launch, QObject* parent = nullptr);

    // `runs`: the scenarios with their server choice set, in the order to run them
    // (session::comparisonRuns makes them).
    void start(std::vector<model::Scenario> runs);
    void cancel() { sequence_.cancel(); }
    bool isRunning() const { return sequence_.isRunning(); }
    FrameworkTableModel* table() { return &table_; }
    // The finished runs so far, in the order they ran: for the HTML report.
    const std::vector<results::RunResult>& results() const { return results_; }
    void setPauseMs(int ms) { sequence_.setPauseMs(ms); }

  signals:
    void comparisonFinished();

  private:
    void setRow(std::size_t index, FrameworkTableModel::Row row);

    FrameworkTableModel table_;
    std::vector<results::RunResult> results_;
    RunSequence sequence_;
};

}  // namespace loadstar::widgets
