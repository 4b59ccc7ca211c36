#include "widgets/server_panel.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QVBoxLayout>

#include "widgets/try_it_console.h"

namespace loadstar::widgets {

ServerPanel::ServerPanel(const QString& binary, QWidget* parent)
    : QWidget(parent),
      controller_(binary),
      status_(new QLabel),
      copyUrl_(new QPushButton(tr("Copy URL"))),
      openDocs_(new QPushButton(tr("Open /docs"))),
      filter_(new QLineEdit),
      filtered_(new QSortFilterProxyModel(this)),
      logView_(new QListView),
      console_(new TryItConsole(controller_.log())),
      tabs_(new QTabWidget) {
    setObjectName(QStringLiteral("serverPanel"));
    status_->setObjectName(QStringLiteral("serverStatus"));
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setWordWrap(true);
    copyUrl_->setObjectName(QStringLiteral("serverCopyUrl"));
    openDocs_->setObjectName(QStringLiteral("serverOpenDocs"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(status_, 1);
    bar->addWidget(copyUrl_);
    bar->addWidget(openDocs_);

    filter_->setObjectName(QStringLiteral("serverLogFilter"));
    filter_->setPlaceholderText(tr("Filter the log"));
    filter_->setClearButtonEnabled(true);
    filtered_->setSourceModel(controller_.log());
    filtered_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    logView_->setObjectName(QStringLiteral("serverLog"));
    logView_->setModel(filtered_);
    logView_->setUniformItemSizes(true);
    logView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    logView_->setFont(mono);
    auto* logPage = new QWidget;
    auto* logLayout = new QVBoxLayout(logPage);
    logLayout->setContentsMargins(0, 0, 0, 0);
    auto* explanation = new QLabel(tr("Requests sent from Loadstar and server messages."));
    explanation->setForegroundRole(QPalette::PlaceholderText);
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(explanation, 1);
    filterRow->addWidget(filter_, 1);
    logLayout->addLayout(filterRow);
    logLayout->addWidget(logView_, 1);

    tabs_->setObjectName(QStringLiteral("serverTabs"));
    tabs_->addTab(console_, tr("Try it"));
    tabs_->addTab(logPage, tr("Log"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(tabs_, 1);

    connect(filter_, &QLineEdit::textChanged, filtered_, &QSortFilterProxyModel::setFilterFixedString);
    connect(controller_.log(), &QAbstractItemModel::rowsInserted, logView_, [this] {
        if (filter_->text().isEmpty()) logView_->scrollToBottom();
    });
    connect(copyUrl_, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(controller_.url().toString()); });
    connect(openDocs_, &QPushButton::clicked, this, [this] {
        const std::string docs = served_ ? served_->server.builtins.docs : std::string("/docs");
        QDesktopServices::openUrl(controller_.url().resolved(QUrl(QString::fromStdString(docs))));
    });
    connect(&controller_, &ServerController::stateChanged, this, &ServerPanel::onStateChanged);
    onStateChanged();
}

void ServerPanel::setProject(std::shared_ptr<const model::Project> project) {
    console_->setProject(std::move(project));
}

void ServerPanel::start(std::shared_ptr<const model::Project> project) {
    served_ = project;
    controller_.start(std::move(project));
}

void ServerPanel::restart(std::shared_ptr<const model::Project> project) {
    served_ = project;
    controller_.restart(std::move(project));
}

void ServerPanel::onStateChanged() {
    const auto state = controller_.state();
    QString text = controller_.statusText();
    if (state == ServerController::State::Crashed && !controller_.errorTail().isEmpty())
        text += QStringLiteral("\n") + controller_.errorTail();
    status_->setText(text);
    const bool listening = state == ServerController::State::Listening;
    copyUrl_->setEnabled(listening);
    openDocs_->setEnabled(listening);
    console_->setServerUrl(listening ? controller_.url() : QUrl());
}

}  // namespace loadstar::widgets
