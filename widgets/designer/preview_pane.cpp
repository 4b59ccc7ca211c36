#include "widgets/designer/preview_pane.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace loadstar::widgets {

namespace {
constexpr int kDebounceMs = 150;
}

PreviewPane::PreviewPane(QWidget* parent) : QWidget(parent), message_(new QLabel), text_(new QPlainTextEdit) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    message_->setWordWrap(true);
    message_->setAlignment(Qt::AlignCenter);
    message_->setForegroundRole(QPalette::PlaceholderText);
    message_->setMargin(12);
    text_->setReadOnly(true);
    text_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text_->setLineWrapMode(QPlainTextEdit::NoWrap);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(message_);
    layout->addWidget(text_, 1);
    message_->hide();
    debounce_.setSingleShot(true);
    debounce_.setInterval(kDebounceMs);
    connect(&debounce_, &QTimer::timeout, this, &PreviewPane::run);
}

void PreviewPane::setSource(std::function<Result()> work) {
    work_ = std::move(work);
    pending_ = true;
    debounce_.start();
}

void PreviewPane::setUnavailable(const QString& message) {
    debounce_.stop();
    job_.cancel();
    work_ = nullptr;
    pending_ = false;
    text_->clear();
    text_->hide();
    message_->setText(message);
    message_->show();
}

QString PreviewPane::text() const {
    return text_->isHidden() ? QString() : text_->toPlainText();
}

void PreviewPane::run() {
    if (!work_) return;
    job_.start<Result>(this, work_, [this](Result result) {
        pending_ = false;
        if (result.error.isEmpty()) {
            message_->hide();
            text_->show();
            if (text_->toPlainText() != result.text) text_->setPlainText(result.text);
        } else {
            text_->hide();
            message_->setText(result.error);
            message_->show();
        }
        emit updated();
    });
}

}  // namespace loadstar::widgets
