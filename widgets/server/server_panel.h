#pragma once

#include <memory>

#include <QWidget>

#include "engine/model/project.h"
#include "widgets/server/server_controller.h"

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QComboBox;
class QTabWidget;

namespace loadstar::widgets {

class ServerLogFilter;
class TryItConsole;

// The bottom "Server" area: status and bound URL (copy it, open /docs), the
// Try-it console, and the log of requests the server answered and its messages,
// filterable by text and by status class.
class ServerPanel : public QWidget {
    Q_OBJECT

  public:
    explicit ServerPanel(const QString& binary, QWidget* parent = nullptr);

    ServerController* controller() { return &controller_; }
    TryItConsole* console() const { return console_; }
    QLabel* statusLabel() const { return status_; }
    QLineEdit* logFilter() const { return filter_; }
    QComboBox* logShow() const { return show_; }
    ServerLogFilter* filteredLog() const { return filtered_; }
    QListView* logView() const { return logView_; }
    QTabWidget* tabs() const { return tabs_; }

    // The design the console offers endpoints from (the one being edited).
    void setProject(std::shared_ptr<const model::Project> project);
    // Starts the server on `project` (recorded as what is being served).
    void start(std::shared_ptr<const model::Project> project);
    void restart(std::shared_ptr<const model::Project> project);
    // The design the server was last started on (null before the first start).
    const std::shared_ptr<const model::Project>& served() const { return served_; }

  private:
    void onStateChanged();

    ServerController controller_;
    std::shared_ptr<const model::Project> served_;
    QLabel* status_;
    QPushButton* copyUrl_;
    QPushButton* openDocs_;
    QLineEdit* filter_;
    QLabel* explanation_;
    QComboBox* show_;
    ServerLogFilter* filtered_;
    QListView* logView_;
    bool followLog_ = true;
    TryItConsole* console_;
    QTabWidget* tabs_;
};

}  // namespace loadstar::widgets
