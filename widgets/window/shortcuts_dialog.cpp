#include "widgets/window/shortcuts_dialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace loadstar::widgets {

namespace {

// "&Open…" -> "Open…"; "Save &As…" -> "Save As…" ("&&" stays a literal "&").
QString withoutMnemonic(QString text) {
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text;
}

void addMenu(QTreeWidgetItem* group, const QMenu* menu, const QString& prefix) {
    for (QAction* action : menu->actions()) {
        if (action->isSeparator()) continue;
        if (QMenu* sub = action->menu()) {
            addMenu(group, sub, prefix + withoutMnemonic(sub->title()) + QStringLiteral(" → "));
            continue;
        }
        QStringList keys;
        for (const QKeySequence& key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        if (keys.isEmpty()) continue;
        auto* item = new QTreeWidgetItem(
            group, {prefix + withoutMnemonic(action->text()), keys.join(QStringLiteral(", "))});
        item->setToolTip(0, action->statusTip());
    }
}

}  // namespace

ShortcutsDialog::ShortcutsDialog(const QMenuBar* menus, QWidget* parent)
    : QDialog(parent), filter_(new QLineEdit), list_(new QTreeWidget) {
    setWindowTitle(tr("Keyboard Shortcuts"));
    setObjectName(QStringLiteral("shortcutsDialog"));
    filter_->setObjectName(QStringLiteral("shortcutFilter"));
    filter_->setPlaceholderText(tr("Filter by command or key"));
    filter_->setClearButtonEnabled(true);
    list_->setObjectName(QStringLiteral("shortcuts"));
    list_->setColumnCount(2);
    list_->setHeaderLabels({tr("Command"), tr("Shortcut")});
    list_->setRootIsDecorated(false);
    list_->setSelectionMode(QAbstractItemView::NoSelection);
    list_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    list_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    list_->header()->setStretchLastSection(false);
    for (QAction* top : menus->actions()) {
        const QMenu* menu = top->menu();
        if (menu == nullptr) continue;
        auto* group = new QTreeWidgetItem(list_, {withoutMnemonic(menu->title())});
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        group->setFirstColumnSpanned(true);
        addMenu(group, menu, QString());
        if (group->childCount() == 0) delete group;
    }
    list_->expandAll();
    connect(filter_, &QLineEdit::textChanged, this, &ShortcutsDialog::applyFilter);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(filter_);
    layout->addWidget(list_, 1);
    layout->addWidget(buttons);
    resize(520, 560);
}

void ShortcutsDialog::applyFilter(const QString& text) {
    for (int g = 0; g < list_->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = list_->topLevelItem(g);
        int shown = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            const bool match = text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive) ||
                               item->text(1).contains(text, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        group->setHidden(shown == 0);
    }
}

}  // namespace loadstar::widgets
