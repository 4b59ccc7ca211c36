#pragma once

#include <QStringList>
#include <QWidget>

class QListWidget;
class QListWidgetItem;

namespace loadstar::widgets {

// What the window shows with no project open: start a new design, open one,
// one of the sample projects, or a recent file.
class WelcomePage : public QWidget {
    Q_OBJECT

  public:
    explicit WelcomePage(QWidget* parent = nullptr);

    // Lists the *.loadstar.json files in `directory` with their names and descriptions.
    void setSamplesDirectory(const QString& directory);
    void setRecentFiles(const QStringList& files);
    QListWidget* samples() const { return samples_; }
    QListWidget* recent() const { return recent_; }

  signals:
    void newRequested();
    void openRequested();
    void openPath(const QString& path);

  private:
    QListWidget* samples_;
    QListWidget* recent_;
};

}  // namespace loadstar::widgets
