#include "widgets/common/installed_data.h"

#include <QCoreApplication>
#include <QDir>

namespace loadstar::widgets {

QString installedDataDirectory() {
    // LOADSTAR_DATA_FROM_BIN is the install layout's path from bin/ to share/loadstar
    // (GNUInstallDirs, set by widgets/CMakeLists.txt).
    return QDir::cleanPath(
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral(LOADSTAR_DATA_FROM_BIN)));
}

QString samplesDirectory() {
    return QDir(installedDataDirectory()).filePath(QStringLiteral("projects"));
}

}  // namespace loadstar::widgets
