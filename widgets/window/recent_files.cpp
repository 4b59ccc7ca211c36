#include "widgets/window/recent_files.h"

#include <QDir>
#include <QMenu>
#include <QSettings>

#include "widgets/common/display_path.h"

namespace loadstar::widgets {

namespace {
const char* const kKey = "recentFiles";
}

RecentFiles::RecentFiles(QSettings* settings, QObject* parent) : QObject(parent), settings_(settings) {}

QStringList RecentFiles::files() const {
    return settings_->value(kKey).toStringList();
}

void RecentFiles::add(const QString& path) {
    QStringList list = files();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxFiles)
        list.removeLast();
    settings_->setValue(kKey, list);
}

void RecentFiles::attachMenu(QMenu* menu) {
    connect(menu, &QMenu::aboutToShow, this, [this, menu] { fill(menu); });
    fill(menu);
}

void RecentFiles::fill(QMenu* menu) {
    menu->clear();
    const QStringList list = files();
    for (int n = 0; n < list.size(); ++n) {
        const QString path = list[n];
        QAction* action = menu->addAction(QStringLiteral("&%1  %2").arg(n + 1).arg(displayPath(path)));
        connect(action, &QAction::triggered, this, [this, path] { emit openRequested(path); });
    }
    if (list.isEmpty()) menu->addAction(tr("No recent projects"))->setEnabled(false);
}

}  // namespace loadstar::widgets
