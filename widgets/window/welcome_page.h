#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>

class QCommandLinkButton;
class QLabel;
class QVBoxLayout;

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
    QList<QCommandLinkButton*> sampleButtons() const { return samples_; }
    QList<QCommandLinkButton*> recentButtons() const { return recent_; }

  signals:
    void newRequested();
    void openRequested();
    void openPath(const QString& path);

  private:
    QCommandLinkButton* addLink(QVBoxLayout* column, const QString& title, const QString& detail,
                                const QString& path);

    QVBoxLayout* samplesColumn_;
    QVBoxLayout* recentColumn_;
    QLabel* noRecent_;
    QList<QCommandLinkButton*> samples_;
    QList<QCommandLinkButton*> recent_;
};

}  // namespace loadstar::widgets
