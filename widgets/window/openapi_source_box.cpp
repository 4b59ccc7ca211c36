#include "widgets/window/openapi_source_box.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include "engine/load/document_fetch.h"
#include "engine/model/target_url.h"
#include "widgets/common/display_path.h"

namespace loadstar::widgets {

QString remoteHostOf(const QString& source) {
    const std::string text = source.trimmed().toStdString();
    if (!openapi::isUrl(text)) return {};
    const auto url = model::parseHttpUrl(text);
    // A URL that does not parse is refused by the fetch itself, before any connection.
    if (!std::holds_alternative<model::TargetUrl>(url)) return {};
    const std::string& host = std::get<model::TargetUrl>(url).host;
    if (model::isLoopbackLiteral(host) ||
        QString::fromStdString(host).compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return {};
    return QString::fromStdString(host);
}

OpenApiSourceBox::OpenApiSourceBox(const QString& loadLabel, const QString& fileFilter, QWidget* parent)
    : QWidget(parent),
      edit_(new QLineEdit),
      browse_(new QPushButton(tr("Browse…"))),
      load_(new QPushButton(loadLabel)),
      progress_(new QProgressBar),
      statusIcon_(new QLabel),
      status_(new QLabel),
      cancel_(new QPushButton(tr("Cancel Reading"))),
      fileFilter_(fileFilter) {
    edit_->setObjectName("sourceEdit");
    load_->setObjectName("loadSource");
    cancel_->setObjectName("cancelReading");
    status_->setObjectName("sourceStatus");
    edit_->setPlaceholderText(tr("A file, or a URL such as http://127.0.0.1:8000/openapi.json"));
    edit_->setClearButtonEnabled(true);
    edit_->setMinimumWidth(420);
    load_->setAutoDefault(false);
    browse_->setAutoDefault(false);
    cancel_->setAutoDefault(false);
    progress_->setRange(0, 0);
    progress_->setMaximumWidth(120);
    progress_->setTextVisible(false);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusIcon_->setAlignment(Qt::AlignTop);

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("&Source:"));
    label->setBuddy(edit_);
    row->addWidget(label);
    row->addWidget(edit_, 1);
    row->addWidget(browse_);
    row->addWidget(load_);

    auto* statusRow = new QHBoxLayout;
    statusRow->setContentsMargins(0, 0, 0, 0);
    statusRow->addWidget(statusIcon_);
    statusRow->addWidget(progress_);
    statusRow->addWidget(status_, 1);
    statusRow->addWidget(cancel_, 0, Qt::AlignTop);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addLayout(statusRow);

    connect(edit_, &QLineEdit::returnPressed, this, [this] {
        if (!busy_) emit submitted();
    });
    connect(load_, &QPushButton::clicked, this, &OpenApiSourceBox::submitted);
    connect(browse_, &QPushButton::clicked, this, &OpenApiSourceBox::browse);
    connect(cancel_, &QPushButton::clicked, this, &OpenApiSourceBox::cancel);
    connect(edit_, &QLineEdit::textChanged, this, [this] { load_->setEnabled(!source().isEmpty()); });
    load_->setEnabled(false);
    clearStatus();
}

QString OpenApiSourceBox::source() const {
    return edit_->text().trimmed();
}

void OpenApiSourceBox::setSource(const QString& source) {
    edit_->setText(source);
}

void OpenApiSourceBox::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void OpenApiSourceBox::cancel() {
    if (!busy_) return;
    job_.cancel();
    finish();
    emit cancelled();
}

void OpenApiSourceBox::showError(const QString& text) {
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    statusIcon_->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(size, size));
    statusIcon_->show();
    status_->setText(text);
    status_->show();
}

void OpenApiSourceBox::clearStatus() {
    statusIcon_->hide();
    progress_->hide();
    cancel_->hide();
    status_->clear();
    status_->hide();
}

bool OpenApiSourceBox::begin() {
    const QString text = source();
    if (text.isEmpty()) return false;
    const QString host = remoteHostOf(text);
    if (!host.isEmpty()) {
        const bool agreed =
            consent_ ? consent_(host, text)
                     : QMessageBox::question(
                           this, tr("Read from %1?").arg(host),
                           tr("%1 is not on this machine. Loadstar will send it one GET request for "
                              "%2 and nothing else.\n\nRead the document from %1?")
                               .arg(host, text),
                           QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Yes;
        if (!agreed) {
            showError(tr("Not read: %1 was not confirmed.").arg(host));
            return false;
        }
    }
    clearStatus();
    busy_ = true;
    edit_->setEnabled(false);
    browse_->setEnabled(false);
    load_->setEnabled(false);
    progress_->show();
    cancel_->show();
    status_->setText(openapi::isUrl(text.toStdString()) ? tr("Fetching %1…").arg(text)
                                                        : tr("Reading %1…").arg(displayPath(text)));
    status_->show();
    return true;
}

void OpenApiSourceBox::finish() {
    busy_ = false;
    edit_->setEnabled(true);
    browse_->setEnabled(true);
    load_->setEnabled(!source().isEmpty());
    clearStatus();
}

void OpenApiSourceBox::browse() {
    const QString current = source();
    const QString start = !current.isEmpty() && !openapi::isUrl(current.toStdString())
                              ? QFileInfo(current).path()
                              : QDir::homePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a Document"), start, fileFilter_);
    if (path.isEmpty()) return;
    setSource(path);
    emit submitted();
}

openapi::FetchUrl OpenApiSourceBox::fetcher() const {
    return load::documentFetcher(timeout_);
}

}  // namespace loadstar::widgets
