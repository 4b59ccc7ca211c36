#pragma once

#include <QObject>
#include <QStringList>

class QMenu;
class QSettings;

namespace loadstar::widgets {

// The most recently opened or saved projects, newest first, kept in QSettings
// and shown in a File › Open Recent menu.
class RecentFiles : public QObject {
    Q_OBJECT

  public:
    static constexpr int kMaxFiles = 8;

    RecentFiles(QSettings* settings, QObject* parent = nullptr);

    QStringList files() const;
    void add(const QString& path);
    // Keeps `menu` listing the files (rebuilt each time it opens).
    void attachMenu(QMenu* menu);

  signals:
    void openRequested(const QString& path);

  private:
    void fill(QMenu* menu);

    QSettings* settings_;
};

}  // namespace loadstar::widgets
