#include "widgets/common/display_path.h"

#include <QDir>

namespace loadstar::widgets {

QString displayPath(const QString& path) {
    const QString clean = QDir::cleanPath(path);
    const QString home = QDir::cleanPath(QDir::homePath());
    if (home != QLatin1String("/") && !home.isEmpty()) {
        if (clean == home) return QStringLiteral("~");
        if (clean.startsWith(home + QLatin1Char('/')))
            return QDir::toNativeSeparators(QStringLiteral("~") + clean.mid(home.size()));
    }
    return QDir::toNativeSeparators(clean);
}

}  // namespace loadstar::widgets
