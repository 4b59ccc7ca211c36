#include "widgets/window/problems_dock_policy.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QSettings>

namespace loadstar::widgets {

ProblemsDockPolicy::ProblemsDockPolicy(QDockWidget* dock, QSettings* settings, QObject* parent)
    : QObject(parent),
      dock_(dock),
      settings_(settings),
      keptOpen_(settings->value(kKeptOpenKey, false).toBool()) {
    // triggered, not toggled: only the user's own View › Problems counts, never
    // the policy's show() and hide().
    connect(dock_->toggleViewAction(), &QAction::triggered, this, [this](bool open) {
        if (!open) {
            setKeptOpen(false);
        } else if (count_ <= 0) {
            setKeptOpen(true);
        }
    });
    dock_->installEventFilter(this);
}

void ProblemsDockPolicy::setProblemCount(int count) {
    const int before = count_;
    count_ = count;
    if (keptOpen_) {
        dock_->show();
    } else if (count == 0) {
        dock_->hide();
    } else if (before <= 0) {
        dock_->show();
        dock_->raise();
    }
}

bool ProblemsDockPolicy::eventFilter(QObject* watched, QEvent* event) {
    // The dock's own close button closes it; the policy only ever hides it.
    if (watched == dock_ && event->type() == QEvent::Close) setKeptOpen(false);
    return QObject::eventFilter(watched, event);
}

void ProblemsDockPolicy::setKeptOpen(bool kept) {
    if (keptOpen_ == kept) return;
    keptOpen_ = kept;
    settings_->setValue(kKeptOpenKey, kept);
}

}  // namespace loadstar::widgets
