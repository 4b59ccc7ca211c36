#pragma once

#include <QMainWindow>

#include "engine/model/project.h"

class QListWidget;
class QLabel;

namespace loadstar::widgets {

// The workbench's main window. For now it shows the open project's models,
// endpoints and scenarios; the editors arrive with the designer issue.
class MainWindow : public QMainWindow {
    Q_OBJECT

  public:
    explicit MainWindow(QWidget* parent = nullptr);

    void showProject(const model::Project& project, const QString& path);
    void showLoadError(const QString& path, const QString& message);

  private:
    QLabel* title_;
    QLabel* message_;
    QListWidget* models_;
    QListWidget* endpoints_;
    QListWidget* scenarios_;
};

}  // namespace loadstar::widgets
