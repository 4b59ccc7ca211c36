#pragma once

#include <QDialog>

class QMenuBar;
class QTreeWidget;
class QLineEdit;

namespace loadstar::widgets {

// Help → Keyboard Shortcuts: every command of the window's menus that has a
// shortcut, grouped by menu, read from the menus themselves so that the list is
// always the one in effect. A filter narrows it by command or key.
class ShortcutsDialog : public QDialog {
    Q_OBJECT

  public:
    explicit ShortcutsDialog(const QMenuBar* menus, QWidget* parent = nullptr);

    QTreeWidget* list() const { return list_; }

  private:
    void applyFilter(const QString& text);

    QLineEdit* filter_;
    QTreeWidget* list_;
};

}  // namespace loadstar::widgets
