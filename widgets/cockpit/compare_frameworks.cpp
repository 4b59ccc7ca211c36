#include "widgets/cockpit/compare_frameworks.h"

#include <QTimer>

#include "widgets/cockpit/run_controller.h"

namespace loadstar::widgets {

CompareFrameworks::CompareFrameworks(RunController* controller, Launch launch, QObject* parent)
    : QObject(parent), controller_(controller), launch_(std::move(launch)) {
    connect(controller_, &RunController::finished, this,
            [this](std::shared_ptr<const results::RunResult> result, const QString& stored, const QString&) {
                if (next_ < 0) return;
                FrameworkTableModel::Row row = table_.rows()[static_cast<std::size_t>(next_)];
                row.status = result->interrupted ? FrameworkTableModel::Status::Stopped
                                                 : FrameworkTableModel::Status::Done;
                row.cell = report::FrameworkCell::of(*result);
                row.storedFile = stored;
                results_.push_back(*result);
                onRunEnded(std::move(row));
            });
    connect(controller_, &RunController::failed, this, [this](const QString& message) {
        if (next_ < 0) return;
        FrameworkTableModel::Row row = table_.rows()[static_cast<std::size_t>(next_)];
        row.status = FrameworkTableModel::Status::Failed;
        row.message = message;
        onRunEnded(std::move(row));
    });
}

void CompareFrameworks::start(std::vector<model::Scenario> runs) {
    if (isRunning() || runs.empty()) return;
    runs_ = std::move(runs);
    results_.clear();
    std::vector<FrameworkTableModel::Row> rows;
    for (const model::Scenario& s : runs_) {
        FrameworkTableModel::Row row;
        row.scenario = QString::fromStdString(s.name);
        row.server = s.server;
        rows.push_back(std::move(row));
    }
    table_.setRows(std::move(rows));
    cancelled_ = false;
    next_ = 0;
    launchNext();
}

void CompareFrameworks::cancel() {
    if (!isRunning()) return;
    cancelled_ = true;
    if (controller_->isBusy()) {
        controller_->stop();
    } else {
        finish();
    }
}

void CompareFrameworks::launchNext() {
    if (cancelled_ || next_ >= static_cast<int>(runs_.size())) {
        finish();
        return;
    }
    auto rows = table_.rows();
    auto& row = rows[static_cast<std::size_t>(next_)];
    row.status = FrameworkTableModel::Status::Running;
    table_.setRows(rows);
    if (!launch_(runs_[static_cast<std::size_t>(next_)])) {
        row.status = FrameworkTableModel::Status::Failed;
        row.message = tr("Could not start the run.");
        table_.setRows(rows);
        ++next_;
        launchNext();
    }
}

void CompareFrameworks::onRunEnded(FrameworkTableModel::Row row) {
    auto rows = table_.rows();
    rows[static_cast<std::size_t>(next_)] = std::move(row);
    table_.setRows(std::move(rows));
    ++next_;
    // A pause between runs lets the previous server's sockets close.
    QTimer::singleShot(pauseMs_, this, &CompareFrameworks::launchNext);
}

void CompareFrameworks::finish() {
    auto rows = table_.rows();
    for (auto& r : rows) {
        if (r.status == FrameworkTableModel::Status::Waiting) r.status = FrameworkTableModel::Status::Skipped;
    }
    table_.setRows(std::move(rows));
    next_ = -1;
    emit comparisonFinished();
}

}  // namespace loadstar::widgets
