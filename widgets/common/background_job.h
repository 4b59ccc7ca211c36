#pragma once

#include <atomic>
#include <functional>
#include <memory>

#include <QCoreApplication>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

namespace loadstar::widgets {

// Runs work off the GUI thread and hands the result back on it. Each start()
// supersedes the previous one: a stale result (older generation) is dropped, and
// so is any result whose receiver has gone (QPointer). The work must only touch
// what it captured by value (typically a shared_ptr<const Project> snapshot).
class BackgroundJob {
  public:
    template <typename Result>
    void start(QObject* receiver, std::function<Result()> work, std::function<void(Result)> done) {
        const auto generation = ++*generation_;
        QPointer<QObject> target(receiver);
        auto latest = generation_;
        QThreadPool::globalInstance()->start([=, work = std::move(work), done = std::move(done)]() mutable {
            auto result = std::make_shared<Result>(work());
            if (latest->load() != generation) return;
            // The hop goes through the application object, which outlives every
            // receiver; the receiver itself is only looked at on the GUI thread.
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [=] {
                    if (latest->load() == generation && !target.isNull()) done(std::move(*result));
                },
                Qt::QueuedConnection);
        });
    }

    // Drops the result of whatever is running.
    void cancel() { ++*generation_; }

  private:
    std::shared_ptr<std::atomic<quint64>> generation_ = std::make_shared<std::atomic<quint64>>(0);
};

}  // namespace loadstar::widgets
