#include <QAction>
#include <QFileInfo>
#include <QSettings>
#include <QStatusBar>

#include "widgets/common/display_path.h"
#include "widgets/document/json_pointer.h"
#include "widgets/server/server_panel.h"
#include "widgets/server/try_it_console.h"
#include "widgets/window/compare_dialog.h"
#include "widgets/window/import_dialog.h"
#include "widgets/window/main_window.h"
#include "widgets/window/message_bar.h"

// The window's OpenAPI commands beyond export: bringing a document in as a new
// design, and comparing the design with another version of its contract.
namespace loadstar::widgets {

namespace {

// The OpenAPI document exported from the workbench last, offered by Compare With….
const char* const kLastExportKey = "openapi/lastExport";

}  // namespace

void MainWindow::createOpenApiActions() {
    importOpenApiAction_ = new QAction(tr("&Import OpenAPI…"), this);
    importOpenApiAction_->setObjectName("importOpenApiAction");
    importOpenApiAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    importOpenApiAction_->setStatusTip(
        tr("Make a new design from an OpenAPI 3.0 or 3.1 document: a file or a running server's URL"));
    connect(importOpenApiAction_, &QAction::triggered, this, &MainWindow::importOpenApi);

    compareAction_ = new QAction(tr("&Compare With…"), this);
    compareAction_->setObjectName("compareAction");
    compareAction_->setStatusTip(
        tr("List what changed from another version of the API to this design, breaking changes first"));
    connect(compareAction_, &QAction::triggered, this, &MainWindow::compareWithContract);
    // Without a design there is nothing to compare: the list goes with the project.
    connect(compareAction_, &QAction::changed, this, [this] {
        if (!compareAction_->isEnabled() && compareDialog_) compareDialog_->hide();
    });

    connect(export_, &OpenApiExport::finished, this, [this](const OpenApiExport::Outcome& outcome) {
        if (!outcome.error.isEmpty()) return;
        const QString path = QFileInfo(outcome.path).absoluteFilePath();
        settings_->setValue(kLastExportKey, path);
        if (compareDialog_) compareDialog_->setLastExport(path);
    });
}

ImportDialog* MainWindow::importDialog() const {
    return importDialog_;
}

CompareDialog* MainWindow::compareDialog() const {
    return compareDialog_;
}

void MainWindow::importOpenApi() {
    if (importDialog_ && importDialog_->isVisible()) {
        importDialog_->raise();
        importDialog_->activateWindow();
        return;
    }
    importDialog_ = new ImportDialog(this);
    importDialog_->setAttribute(Qt::WA_DeleteOnClose);
    connect(importDialog_, &QDialog::accepted, this,
            [this, dialog = importDialog_.data()] { openImported(dialog->takeProject(), dialog->source()); });
    importDialog_->open();
}

bool MainWindow::openImported(model::Project project, const QString& source) {
    if (!readyToReplace([this, project, source] { openImported(project, source); })) return false;
    const QString stopped = stopServerForAnotherDesign();
    serverPanel_->console()->clear();
    const QString name = QString::fromStdString(project.name);
    const bool hasEndpoints = !project.endpoints.empty();
    document_.reset(std::move(project), {}, /*dirty=*/true);
    recovery_.discard();
    setHasProject(true);
    showServerStopped(stopped);
    selectNode({hasEndpoints ? ProjectTreeModel::Kind::Endpoint : ProjectTreeModel::Kind::Settings,
                hasEndpoints ? 0 : -1});
    const QString from = QFileInfo::exists(source) ? displayPath(source) : source;
    if (stopped.isEmpty()) {
        messages_->showMessage(
            MessageBar::Kind::Information,
            tr("Imported “%1” from %2. It is not saved yet: File › Save (%3) keeps it as a Loadstar project.")
                .arg(name, from, saveAction_->shortcut().toString(QKeySequence::NativeText)));
    }
    statusBar()->showMessage(tr("Imported %1").arg(from), 4000);
    return true;
}

void MainWindow::compareWithContract() {
    if (!hasProject_) return;
    if (!compareDialog_) {
        compareDialog_ = new CompareDialog(&document_, this);
        connect(compareDialog_, &CompareDialog::placeActivated, this, &MainWindow::showContractPlace);
        compareDialog_->setLastExport(settings_->value(kLastExportKey).toString());
    }
    compareDialog_->show();
    compareDialog_->raise();
    compareDialog_->activateWindow();
}

void MainWindow::showContractPlace(const QString& designPointer) {
    const JsonPointer pointer = JsonPointer::parse(designPointer.toStdString());
    const model::Project& project = document_.project();
    const int i = pointer.itemIndex();
    // An operation or model the design no longer has (or no longer at that index,
    // after an edit the list has not caught up with yet): its group.
    if (pointer.collection() == "endpoints" &&
        (i < 0 || static_cast<std::size_t>(i) >= project.endpoints.size())) {
        selectNode({ProjectTreeModel::Kind::EndpointsGroup, -1});
        return;
    }
    if (pointer.collection() == "models" && (i < 0 || static_cast<std::size_t>(i) >= project.models.size())) {
        selectNode({ProjectTreeModel::Kind::ModelsGroup, -1});
        return;
    }
    jumpTo(designPointer);
}

}  // namespace loadstar::widgets
