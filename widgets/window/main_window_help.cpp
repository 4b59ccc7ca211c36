#include <QAction>
#include <QMenu>
#include <QMenuBar>

#include "widgets/window/about_dialog.h"
#include "widgets/window/main_window.h"
#include "widgets/window/shortcuts_dialog.h"

// The window's Help menu.
namespace loadstar::widgets {

void MainWindow::createHelpMenu() {
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* shortcuts = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setObjectName(QStringLiteral("showShortcuts"));
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    shortcuts->setStatusTip(tr("Every command with a key, grouped by menu"));
    help->addSeparator();
    QAction* about = help->addAction(tr("&About Loadstar"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("showAbout"));
    about->setMenuRole(QAction::AboutRole);
    about->setStatusTip(tr("The versions of Loadstar and of what it is built with"));
}

// Both are window-modal and go away when closed; a second request brings the open one forward.
void MainWindow::showShortcuts() {
    if (auto* open = findChild<ShortcutsDialog*>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto* dialog = new ShortcutsDialog(menuBar(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showAbout() {
    if (auto* open = findChild<AboutDialog*>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto* dialog = new AboutDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

}  // namespace loadstar::widgets
