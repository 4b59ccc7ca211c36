#pragma once

#include <QIcon>
#include <QString>

namespace loadstar::widgets {

// The files of resources/loadstar.qrc, compiled into the widgets library. A static
// library's resources register only when asked to: every accessor here does that first.
void ensureResources();

// The application icon (resources/icons/loadstar.svg).
QIcon applicationIcon();

}  // namespace loadstar::widgets
