#include "widgets/server/server_panel.h"

#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "widgets/server/server_log_filter.h"
#include "widgets/server/try_it_console.h"

namespace loadstar::widgets {

ServerPanel::ServerPanel(const QString& binary, QWidget* parent)
    : QWidget(parent),
      controller_(binary),
      status_(new QLabel),
      copyUrl_(new QPushButton(tr("Copy URL"))),
      openDocs_(new QPushButton(tr("Open /docs"))),
      filter_(new QLineEdit),
      explanation_(new QLabel),
      show_(new QComboBox),
      filtered_(new ServerLogFilter(this)),
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
    show_->setObjectName(QStringLiteral("serverLogShow"));
    using Show = ServerLogFilter::Show;
    for (const auto& [label, show] : {std::pair{tr("Everything"), Show::Everything},
                                      {tr("Requests"), Show::Requests},
                                      {tr("2xx success"), Show::Success},
                                      {tr("3xx redirects"), Show::Redirects},
                                      {tr("4xx client errors"), Show::ClientErrors},
                                      {tr("5xx server errors"), Show::ServerErrors},
                                      {tr("Messages only"), Show::Messages}}) {
        show_->addItem(label, static_cast<int>(show));
    }
    show_->setToolTip(tr("Which lines to show: requests by status class, or the messages around them"));
    filtered_->setSourceModel(controller_.log());
    logView_->setObjectName(QStringLiteral("serverLog"));
    logView_->setModel(filtered_);
    logView_->setUniformItemSizes(true);
    logView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    logView_->setFont(mono);
    auto* logPage = new QWidget;
    auto* logLayout = new QVBoxLayout(logPage);
    logLayout->setContentsMargins(0, 0, 0, 0);
    explanation_->setObjectName(QStringLiteral("serverLogExplanation"));
    explanation_->setForegroundRole(QPalette::PlaceholderText);
    explanation_->setWordWrap(true);
    auto* showLabel = new QLabel(tr("S&how"));
    showLabel->setBuddy(show_);
    auto* clear = new QPushButton(tr("C&lear"));
    clear->setObjectName(QStringLiteral("serverLogClear"));
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(explanation_, 1);
    filterRow->addWidget(showLabel);
    filterRow->addWidget(show_);
    filterRow->addWidget(filter_, 1);
    filterRow->addWidget(clear);
    logLayout->addLayout(filterRow);
    logLayout->addWidget(logView_, 1);

    tabs_->setObjectName(QStringLiteral("serverTabs"));
    tabs_->addTab(console_, tr("Try it"));
    tabs_->addTab(logPage, tr("Log"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(tabs_, 1);

    connect(filter_, &QLineEdit::textChanged, filtered_, &ServerLogFilter::setText);
    connect(show_, &QComboBox::currentIndexChanged, this,
            [this] { filtered_->setShow(static_cast<ServerLogFilter::Show>(show_->currentData().toInt())); });
    connect(clear, &QPushButton::clicked, controller_.log(), &ServerLog::clear);
    // Follow new lines only while the view is at its end: someone reading older
    // lines keeps their place.
    connect(filtered_, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar* scroll = logView_->verticalScrollBar();
        followLog_ = scroll->value() == scroll->maximum();
    });
    connect(filtered_, &QAbstractItemModel::rowsInserted, this, [this] {
        if (followLog_) logView_->scrollToBottom();
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
    explanation_->setText(controller_.accessLogActive()
                              ? tr("Requests the server answered (sampled to %1 a second), requests sent "
                                   "from Loadstar, and server messages.")
                                    .arg(controller_.accessLogRate())
                              : tr("Requests sent from Loadstar and server messages."));
    const bool listening = state == ServerController::State::Listening;
    copyUrl_->setEnabled(listening);
    openDocs_->setEnabled(listening);
    console_->setServerUrl(listening ? controller_.url() : QUrl());
}

}  // namespace loadstar::widgets
