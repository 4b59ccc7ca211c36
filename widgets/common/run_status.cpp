#include "widgets/common/run_status.h"

#include <QCoreApplication>

namespace loadstar::widgets {

QString runStatusText(RunStatus status) {
    switch (status) {
        case RunStatus::Waiting:
            return QCoreApplication::translate("RunStatus", "waiting");
        case RunStatus::Running:
            return QCoreApplication::translate("RunStatus", "running…");
        case RunStatus::Done:
            return QCoreApplication::translate("RunStatus", "done");
        case RunStatus::Stopped:
            return QCoreApplication::translate("RunStatus", "stopped early");
        case RunStatus::Failed:
            return QCoreApplication::translate("RunStatus", "failed");
        case RunStatus::Skipped:
            return QCoreApplication::translate("RunStatus", "skipped");
    }
    return {};
}

}  // namespace loadstar::widgets
