#include "widgets/main_window.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace loadstar::widgets {

namespace {
QListWidget* addList(QHBoxLayout* row, const QString& title) {
    auto* box = new QGroupBox(title);
    auto* list = new QListWidget;
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(list);
    row->addWidget(box);
    return list;
}
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), title_(new QLabel), message_(new QLabel) {
    setWindowTitle(tr("Loadstar"));
    auto* central = new QWidget;
    auto* column = new QVBoxLayout(central);
    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title_->setFont(titleFont);
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column->addWidget(title_);
    column->addWidget(message_);
    auto* row = new QHBoxLayout;
    models_ = addList(row, tr("Models"));
    endpoints_ = addList(row, tr("Endpoints"));
    scenarios_ = addList(row, tr("Scenarios"));
    column->addLayout(row, 1);
    setCentralWidget(central);
    resize(1000, 640);
}

void MainWindow::showProject(const model::Project& project, const QString& path) {
    setWindowTitle(tr("%1 — Loadstar").arg(QString::fromStdString(project.name)));
    title_->setText(QString::fromStdString(project.name));
    message_->setText(path);
    models_->clear();
    endpoints_->clear();
    scenarios_->clear();
    for (const model::Model& m : project.models)
        models_->addItem(QString::fromStdString(m.name));
    for (const model::Endpoint& e : project.endpoints) {
        endpoints_->addItem(QString::fromStdString(e.method + " " + e.path));
    }
    for (const model::Scenario& s : project.scenarios)
        scenarios_->addItem(QString::fromStdString(s.name));
}

void MainWindow::showLoadError(const QString& path, const QString& message) {
    title_->setText(tr("Could not open %1").arg(path));
    message_->setText(message);
}

}  // namespace loadstar::widgets
