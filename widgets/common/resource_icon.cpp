#include "widgets/common/resource_icon.h"

#include <mutex>

// Q_INIT_RESOURCE must name the resource from the global namespace.
static void initLoadstarResources() {
    Q_INIT_RESOURCE(loadstar);
}

namespace loadstar::widgets {

void ensureResources() {
    static std::once_flag once;
    std::call_once(once, initLoadstarResources);
}

QIcon applicationIcon() {
    ensureResources();
    return QIcon(QStringLiteral(":/loadstar/icons/loadstar.svg"));
}

}  // namespace loadstar::widgets
