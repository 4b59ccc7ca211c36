#include "widgets/cockpit/benchmark_plan.h"

#include <QTimer>

#include "widgets/cockpit/run_controller.h"

namespace loadstar::widgets {

BenchmarkPlan::BenchmarkPlan(RunController* controller, Launch launch, QObject* parent)
    : QObject(parent), controller_(controller), launch_(std::move(launch)) {
    connect(controller_, &RunController::finished, this,
            [this](std::shared_ptr<const results::RunResult> result, const QString&, const QString&) {
                if (next_ < 0) return;
                onRunEnded(static_cast<std::size_t>(next_), BenchmarkSummaryModel::rowFor(*result));
            });
    connect(controller_, &RunController::failed, this, [this](const QString& message) {
        if (next_ < 0) return;
        BenchmarkSummaryModel::Row row = summary_.rows()[static_cast<std::size_t>(next_)];
        row.status = BenchmarkSummaryModel::Status::Failed;
        row.message = message;
        onRunEnded(static_cast<std::size_t>(next_), row);
    });
}

void BenchmarkPlan::start(std::vector<model::Scenario> scenarios) {
    if (isRunning() || scenarios.empty()) return;
    scenarios_ = std::move(scenarios);
    std::vector<BenchmarkSummaryModel::Row> rows;
    for (const model::Scenario& s : scenarios_) {
        BenchmarkSummaryModel::Row row;
        row.scenario = QString::fromStdString(s.name);
        rows.push_back(row);
    }
    summary_.setRows(std::move(rows));
    cancelled_ = false;
    next_ = 0;
    launchNext();
}

void BenchmarkPlan::cancel() {
    if (!isRunning()) return;
    cancelled_ = true;
    if (controller_->isBusy()) {
        controller_->stop();
    } else {
        finish();
    }
}

void BenchmarkPlan::launchNext() {
    if (cancelled_ || next_ >= static_cast<int>(scenarios_.size())) {
        finish();
        return;
    }
    auto rows = summary_.rows();
    auto& row = rows[static_cast<std::size_t>(next_)];
    row.status = BenchmarkSummaryModel::Status::Running;
    summary_.setRows(rows);
    if (!launch_(scenarios_[static_cast<std::size_t>(next_)])) {
        row.status = BenchmarkSummaryModel::Status::Failed;
        row.message = tr("Could not start the run.");
        summary_.setRows(rows);
        ++next_;
        launchNext();
    }
}

void BenchmarkPlan::onRunEnded(std::vector<BenchmarkSummaryModel::Row>::size_type row,
                               BenchmarkSummaryModel::Row result) {
    auto rows = summary_.rows();
    rows[row] = std::move(result);
    summary_.setRows(std::move(rows));
    ++next_;
    // A pause between runs lets the previous server exit and its sockets close.
    QTimer::singleShot(pauseMs_, this, &BenchmarkPlan::launchNext);
}

void BenchmarkPlan::finish() {
    auto rows = summary_.rows();
    for (auto& r : rows) {
        if (r.status == BenchmarkSummaryModel::Status::Waiting)
            r.status = BenchmarkSummaryModel::Status::Skipped;
    }
    summary_.setRows(std::move(rows));
    next_ = -1;
    emit planFinished();
}

}  // namespace loadstar::widgets
