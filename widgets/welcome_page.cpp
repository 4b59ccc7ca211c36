#include "widgets/welcome_page.h"

#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "engine/model/project_file.h"

namespace loadstar::widgets {

namespace {

constexpr int kPathRole = Qt::UserRole + 1;

QListWidget* makeList(const char* name) {
    auto* list = new QListWidget;
    list->setObjectName(QString::fromLatin1(name));
    list->setWordWrap(true);
    list->setSpacing(2);
    list->setTextElideMode(Qt::ElideMiddle);
    return list;
}

}  // namespace

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent), samples_(makeList("samples")), recent_(makeList("recent")) {
    auto* title = new QLabel(tr("Loadstar"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.0);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto* subtitle = new QLabel(tr("Design an HTTP API, serve it, and load-test it."));
    subtitle->setWordWrap(true);

    auto* newButton = new QPushButton(tr("&New project"));
    auto* openButton = new QPushButton(tr("&Open…"));
    newButton->setObjectName("newProject");
    openButton->setObjectName("openProject");
    connect(newButton, &QPushButton::clicked, this, &WelcomePage::newRequested);
    connect(openButton, &QPushButton::clicked, this, &WelcomePage::openRequested);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(newButton);
    buttons->addWidget(openButton);
    buttons->addStretch(1);

    auto* samplesLabel = new QLabel(tr("<b>Samples</b>"));
    auto* recentLabel = new QLabel(tr("<b>Recent</b>"));
    for (QListWidget* list : {samples_, recent_}) {
        connect(list, &QListWidget::itemActivated, this,
                [this](QListWidgetItem* item) { emit openPath(item->data(kPathRole).toString()); });
    }

    auto* column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(subtitle);
    column->addSpacing(12);
    column->addLayout(buttons);
    column->addSpacing(12);
    auto* grid = new QGridLayout;
    grid->addWidget(samplesLabel, 0, 0);
    grid->addWidget(recentLabel, 0, 1);
    grid->addWidget(samples_, 1, 0);
    grid->addWidget(recent_, 1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    column->addLayout(grid, 1);

    // A readable measure on wide windows: the content stays in a centred column.
    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 6);
    outer->addStretch(1);
    outer->setContentsMargins(24, 24, 24, 24);
}

void WelcomePage::setSamplesDirectory(const QString& directory) {
    samples_->clear();
    const QDir dir(directory);
    for (const QFileInfo& info :
         dir.entryInfoList({QStringLiteral("*.loadstar.json")}, QDir::Files, QDir::Name)) {
        auto result = model::loadProject(info.absoluteFilePath().toStdString());
        const auto* project = std::get_if<model::Project>(&result);
        if (project == nullptr) continue;
        auto* item = new QListWidgetItem(QStringLiteral("%1\n%2").arg(
            QString::fromStdString(project->name), QString::fromStdString(project->description)));
        item->setData(kPathRole, info.absoluteFilePath());
        item->setToolTip(info.absoluteFilePath());
        samples_->addItem(item);
    }
}

void WelcomePage::setRecentFiles(const QStringList& files) {
    recent_->clear();
    for (const QString& path : files) {
        auto* item = new QListWidgetItem(
            QStringLiteral("%1\n%2").arg(QFileInfo(path).fileName(), QDir::toNativeSeparators(path)));
        item->setData(kPathRole, path);
        item->setToolTip(path);
        recent_->addItem(item);
    }
    if (files.isEmpty()) {
        auto* none = new QListWidgetItem(tr("No recent projects yet"));
        none->setFlags(Qt::NoItemFlags);
        recent_->addItem(none);
    }
}

}  // namespace loadstar::widgets
