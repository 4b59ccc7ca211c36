#include "widgets/cockpit/benchmark_plan.h"

namespace loadstar::widgets {

BenchmarkPlan::BenchmarkPlan(RunController* controller, Launch launch, QObject* parent)
    : QObject(parent), sequence_(controller, std::move(launch)) {
    using Status = BenchmarkSummaryModel::Status;
    connect(&sequence_, &RunSequence::runStarted, this, [this](std::size_t index) {
        BenchmarkSummaryModel::Row row = summary_.rows()[index];
        row.status = Status::Running;
        setRow(index, std::move(row));
    });
    connect(&sequence_, &RunSequence::runEnded, this,
            [this](std::size_t index, std::shared_ptr<const results::RunResult> result, const QString&) {
                setRow(index, BenchmarkSummaryModel::rowFor(*result));
            });
    connect(&sequence_, &RunSequence::runFailed, this, [this](std::size_t index, const QString& message) {
        BenchmarkSummaryModel::Row row = summary_.rows()[index];
        row.status = Status::Failed;
        row.message = message;
        setRow(index, std::move(row));
    });
    connect(&sequence_, &RunSequence::sequenceFinished, this, [this] {
        auto rows = summary_.rows();
        for (auto& r : rows) {
            if (r.status == Status::Waiting) r.status = Status::Skipped;
        }
        summary_.setRows(std::move(rows));
        emit planFinished();
    });
}

void BenchmarkPlan::start(std::vector<model::Scenario> scenarios) {
    if (isRunning() || scenarios.empty()) return;
    std::vector<BenchmarkSummaryModel::Row> rows;
    for (const model::Scenario& s : scenarios) {
        BenchmarkSummaryModel::Row row;
        row.scenario = QString::fromStdString(s.name);
        rows.push_back(row);
    }
    summary_.setRows(std::move(rows));
    sequence_.start(std::move(scenarios));
}

void BenchmarkPlan::setRow(std::size_t index, BenchmarkSummaryModel::Row row) {
    auto rows = summary_.rows();
    rows[index] = std::move(row);
    summary_.setRows(std::move(rows));
}

}  // namespace loadstar::widgets
