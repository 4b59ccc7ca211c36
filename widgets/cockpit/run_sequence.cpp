#include "widgets/cockpit/run_sequence.h"

#include <QTimer>

#include "widgets/cockpit/run_controller.h"

namespace loadstar::widgets {

RunSequence::RunSequence(RunController* controller, Launch launch, QObject* parent)
    : QObject(parent), controller_(controller), launch_(std::move(launch)) {
    connect(controller_, &RunController::finished, this,
            [this](std::shared_ptr<const results::RunResult> result, const QString& stored, const QString&) {
                if (next_ < 0) return;
                emit runEnded(static_cast<std::size_t>(next_), std::move(result), stored);
                ended();
            });
    connect(controller_, &RunController::failed, this, [this](const QString& message) {
        if (next_ < 0) return;
        emit runFailed(static_cast<std::size_t>(next_), message);
        ended();
    });
}

bool RunSequence::start(std::vector<model::Scenario> runs) {
    if (isRunning() || runs.empty()) return false;
    runs_ = std::move(runs);
    cancelled_ = false;
    next_ = 0;
    launchNext();
    return true;
}

void RunSequence::cancel() {
    if (!isRunning()) return;
    cancelled_ = true;
    if (controller_->isBusy()) {
        controller_->stop();
    } else {
        finish();
    }
}

void RunSequence::launchNext() {
    if (cancelled_ || next_ >= static_cast<int>(runs_.size())) {
        finish();
        return;
    }
    const auto index = static_cast<std::size_t>(next_);
    emit runStarted(index);
    if (!launch_(runs_[index])) {
        emit runFailed(index, tr("Could not start the run."));
        ++next_;
        launchNext();
    }
}

void RunSequence::ended() {
    ++next_;
    // A pause between runs lets the previous server exit and its sockets close.
    QTimer::singleShot(pauseMs_, this, &RunSequence::launchNext);
}

void RunSequence::finish() {
    next_ = -1;
    emit sequenceFinished();
}

}  // namespace loadstar::widgets
