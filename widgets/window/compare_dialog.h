#pragma once

#include <memory>
#include <vector>

#include <QDialog>

#include "engine/openapi/contract_diff.h"
#include "engine/openapi/contract_source.h"
#include "engine/openapi/diff_report.h"
#include "widgets/common/background_job.h"

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace loadstar::widgets {

class OpenApiSourceBox;
class ProjectDocument;

// Design › Compare With…: the contract diff of another version of the API (an
// OpenAPI document or a Loadstar project, from a file or a URL, or the document
// last exported from this workbench) as the old side, against the open design as
// the new one. The changes are grouped by class, breaking first; activating one
// shows its place in the design. The list follows the design as it is edited.
class CompareDialog : public QDialog {
    Q_OBJECT

  public:
    // Roles of a change's item in changeTree().
    enum Role { DesignPointerRole = Qt::UserRole + 1, ChangeIdRole };

    explicit CompareDialog(ProjectDocument* document, QWidget* parent = nullptr);

    OpenApiSourceBox* sourceBox() const { return source_; }
    // The OpenAPI document last exported from the workbench, offered as the old side.
    void setLastExport(const QString& path);
    // Reads `source` as the old side and compares (what Compare in the dialog does).
    void compareWith(const QString& source);
    // A list of changes is on show (it may be about to follow an edit: see isComparing()).
    bool hasResult() const { return shown_; }
    // Reading the old side, or comparing it with the design as it is now.
    bool isComparing() const;
    const std::vector<openapi::Change>& changes() const { return changes_; }
    openapi::ChangeCounts counts() const { return openapi::countChanges(changes_); }

    QTreeWidget* changeTree() const { return tree_; }
    QLabel* summary() const { return summary_; }
    QPushButton* lastExportButton() const { return lastExport_; }
    QPushButton* copyMarkdownButton() const { return copyMarkdown_; }
    // The list as `loadstar diff --markdown` writes it, for a pull-request comment.
    QString markdown() const;
    // The item of the first change with rule `id` ("endpoint-removed"), or null.
    QTreeWidgetItem* findChange(const QString& id) const;

  signals:
    // A change was activated: the design pointer of its place ("/models/2/fields/0";
    // "/endpoints" for an operation the design no longer has).
    void placeActivated(const QString& designPointer);

  private:
    static QString introduction();
    void startCompare();
    void rediff();
    void showChanges(std::vector<openapi::Change> changes, std::shared_ptr<const model::Project> design);

    ProjectDocument* document_;
    OpenApiSourceBox* source_;
    QPushButton* lastExport_;
    QPushButton* copyMarkdown_;
    QLabel* summary_;
    QTreeWidget* tree_;
    QString lastExportPath_;
    std::shared_ptr<const openapi::Contract> before_;
    std::vector<openapi::Change> changes_;
    std::shared_ptr<const model::Project> shownDesign_;  // the design changes_ were found in
    bool shown_ = false;
    bool diffPending_ = false;
    BackgroundJob diff_;
};

}  // namespace loadstar::widgets
