#include "widgets/cockpit/compare_frameworks.h"

namespace loadstar::widgets {

CompareFrameworks::CompareFrameworks(RunController* controller, Launch launch, QObject* parent)
    : QObject(parent), sequence_(controller, std::move(launch)) {
    using Status = FrameworkTableModel::Status;
    connect(&sequence_, &RunSequence::runStarted, this, [this](std::size_t index) {
        FrameworkTableModel::Row row = table_.rows()[index];
        row.status = Status::Running;
        setRow(index, std::move(row));
    });
    connect(
        &sequence_, &RunSequence::runEnded, this,
        [this](std::size_t index, std::shared_ptr<const results::RunResult> result, const QString& stored) {
            FrameworkTableModel::Row row = table_.rows()[index];
            row.status = result->interrupted ? Status::Stopped : Status::Done;
            row.cell = report::FrameworkCell::of(*result);
            row.storedFile = stored;
            results_.push_back(*result);
            setRow(index, std::move(row));
        });
    connect(&sequence_, &RunSequence::runFailed, this, [this](std::size_t index, const QString& message) {
        FrameworkTableModel::Row row = table_.rows()[index];
        row.status = Status::Failed;
        row.message = message;
        setRow(index, std::move(row));
    });
    connect(&sequence_, &RunSequence::sequenceFinished, this, [this] {
        auto rows = table_.rows();
        for (auto& r : rows) {
            if (r.status == Status::Waiting) r.status = Status::Skipped;
        }
        table_.setRows(std::move(rows));
        emit comparisonFinished();
    });
}

void CompareFrameworks::start(std::vector<model::Scenario> runs) {
    if (isRunning() || runs.empty()) return;
    results_.clear();
    std::vector<FrameworkTableModel::Row> rows;
    for (const model::Scenario& s : runs) {
        FrameworkTableModel::Row row;
        row.scenario = QString::fromStdString(s.name);
        row.server = s.server;
        rows.push_back(std::move(row));
    }
    table_.setRows(std::move(rows));
    sequence_.start(std::move(runs));
}

void CompareFrameworks::setRow(std::size_t index, FrameworkTableModel::Row row) {
    auto rows = table_.rows();
    rows[index] = std::move(row);
    table_.setRows(std::move(rows));
}

}  // namespace loadstar::widgets
