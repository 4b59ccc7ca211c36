#include "widgets/window/welcome_page.h"

#include <QCommandLinkButton>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include "engine/model/project_file.h"
#include "widgets/common/display_path.h"

namespace loadstar::widgets {

namespace {

QLabel* heading(const QString& text) {
    auto* label = new QLabel(text);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    label->setFont(font);
    return label;
}

}  // namespace

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent),
      samplesColumn_(new QVBoxLayout),
      recentColumn_(new QVBoxLayout),
      noRecent_(new QLabel(tr("Projects you open or save appear here."))) {
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
    newButton->setDefault(true);
    connect(newButton, &QPushButton::clicked, this, &WelcomePage::newRequested);
    connect(openButton, &QPushButton::clicked, this, &WelcomePage::openRequested);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(newButton);
    buttons->addWidget(openButton);
    buttons->addStretch(1);

    noRecent_->setForegroundRole(QPalette::PlaceholderText);
    noRecent_->setWordWrap(true);
    recentColumn_->addWidget(noRecent_);
    samplesColumn_->setSpacing(2);
    recentColumn_->setSpacing(2);

    auto* grid = new QGridLayout;
    grid->addWidget(heading(tr("Start from a sample")), 0, 0);
    grid->addWidget(heading(tr("Recent")), 0, 1);
    grid->addLayout(samplesColumn_, 1, 0, Qt::AlignTop);
    grid->addLayout(recentColumn_, 1, 1, Qt::AlignTop);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setHorizontalSpacing(24);

    auto* content = new QWidget;
    auto* column = new QVBoxLayout(content);
    column->addWidget(title);
    column->addWidget(subtitle);
    column->addSpacing(12);
    column->addLayout(buttons);
    column->addSpacing(18);
    column->addLayout(grid);
    column->addStretch(1);
    content->setMaximumWidth(1100);

    // A readable measure on wide windows: the content stays in a centred column.
    auto* centred = new QWidget;
    auto* row = new QHBoxLayout(centred);
    row->setContentsMargins(24, 24, 24, 24);
    row->addStretch(1);
    row->addWidget(content, 20);
    row->addStretch(1);
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(centred);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
}

QCommandLinkButton* WelcomePage::addLink(QVBoxLayout* column, const QString& title, const QString& detail,
                                         const QString& path) {
    auto* link = new QCommandLinkButton(title, detail);
    link->setToolTip(displayPath(path));
    connect(link, &QCommandLinkButton::clicked, this, [this, path] { emit openPath(path); });
    column->addWidget(link);
    return link;
}

void WelcomePage::setSamplesDirectory(const QString& directory) {
    qDeleteAll(samples_);
    samples_.clear();
    const QDir dir(directory);
    for (const QFileInfo& info :
         dir.entryInfoList({QStringLiteral("*.loadstar.json")}, QDir::Files, QDir::Name)) {
        auto result = model::loadProject(info.absoluteFilePath().toStdString());
        const auto* project = std::get_if<model::Project>(&result);
        if (project == nullptr) continue;
        samples_ << addLink(samplesColumn_, QString::fromStdString(project->name),
                            QString::fromStdString(project->description), info.absoluteFilePath());
    }
}

void WelcomePage::setRecentFiles(const QStringList& files) {
    qDeleteAll(recent_);
    recent_.clear();
    for (const QString& path : files) {
        recent_ << addLink(recentColumn_, QFileInfo(path).fileName(), displayPath(QFileInfo(path).path()),
                           path);
    }
    noRecent_->setVisible(files.isEmpty());
}

}  // namespace loadstar::widgets
