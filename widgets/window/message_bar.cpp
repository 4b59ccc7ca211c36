#include "widgets/window/message_bar.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace loadstar::widgets {

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent), icon_(new QLabel), text_(new QLabel), actions_(new QHBoxLayout) {
    setObjectName("messageBar");
    setFrameShape(QFrame::StyledPanel);
    // The palette's highlight-free "alternate base" keeps the bar readable in light and dark themes.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    text_->setWordWrap(true);
    text_->setTextFormat(Qt::PlainText);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton;
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    layout->addWidget(icon_);
    layout->addWidget(text_, 1);
    layout->addLayout(actions_);
    layout->addWidget(close);
    hide();
}

void MessageBar::showMessage(Kind kind, const QString& text) {
    clearActions();
    kind_ = kind;
    const QStyle::StandardPixmap pixmap = kind == Kind::Error     ? QStyle::SP_MessageBoxCritical
                                          : kind == Kind::Warning ? QStyle::SP_MessageBoxWarning
                                                                  : QStyle::SP_MessageBoxInformation;
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon_->setPixmap(style()->standardIcon(pixmap).pixmap(QSize(size, size)));
    text_->setText(text);
    show();
}

QPushButton* MessageBar::addAction(const QString& label, std::function<void()> action) {
    auto* button = new QPushButton(label);
    actions_->addWidget(button);
    connect(button, &QPushButton::clicked, this, [this, action = std::move(action)] {
        hide();
        action();
    });
    return button;
}

QString MessageBar::text() const {
    return isHidden() ? QString() : text_->text();
}

void MessageBar::clearActions() {
    // Later, not now: an action's own click may be what shows the next message.
    while (QLayoutItem* item = actions_->takeAt(0)) {
        if (QWidget* button = item->widget()) {
            button->hide();
            button->setParent(nullptr);
            button->deleteLater();
        }
        delete item;
    }
}

}  // namespace loadstar::widgets
