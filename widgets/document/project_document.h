#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <QObject>
#include <QString>
#include <QUndoStack>

#include "engine/model/design_check.h"
#include "engine/model/project.h"
#include "widgets/document/project_edit_command.h"

namespace loadstar::widgets {

// The open design: the project, where it lives on disk, its undo history and
// whether it has unsaved changes (the stack's clean index). Every change to the
// design goes through edit(), so every change is one undoable, named step.
class ProjectDocument : public QObject {
    Q_OBJECT

  public:
    explicit ProjectDocument(QObject* parent = nullptr);

    const model::Project& project() const { return *project_; }
    // An immutable copy for background work (previews, exports).
    std::shared_ptr<const model::Project> snapshot() const { return project_; }
    const std::vector<model::Problem>& problems() const { return problems_; }
    const QString& filePath() const { return filePath_; }
    bool isDirty() const { return !undoStack_.isClean(); }
    QUndoStack* undoStack() { return &undoStack_; }

    // Replaces the whole document (open, new, recovery); the history starts afresh.
    void reset(model::Project project, const QString& filePath, bool dirty = false);
    void setFilePath(const QString& filePath);
    void markSaved();

    // Applies `change` to a copy of the project and pushes it as one undo step
    // named by `describe`. Edits with the same non-empty mergeKey in a row merge
    // until sealEdits() is called (a field losing focus ends its edit).
    // `location` is the JSON pointer of what changed. Returns false if nothing changed.
    bool edit(const std::function<void(model::Project&)>& change, ProjectEditCommand::Describe describe,
              const QString& mergeKey = {}, const QString& location = {});
    bool edit(const std::function<void(model::Project&)>& change, const QString& text,
              const QString& mergeKey = {}, const QString& location = {});
    void sealEdits() { ++mergeEpoch_; }

    // Called by ProjectEditCommand only.
    void applySnapshot(const model::Project& project, const QString& location);

  signals:
    void projectChanged();
    void problemsChanged();
    void dirtyChanged(bool dirty);
    void filePathChanged(const QString& filePath);
    // An undo, redo or edit touched `location` (a JSON pointer).
    void locationEdited(const QString& location);

  private:
    void recheck();

    std::shared_ptr<const model::Project> project_;
    std::vector<model::Problem> problems_;
    QString filePath_;
    QUndoStack undoStack_;
    int mergeEpoch_ = 0;
};

}  // namespace loadstar::widgets
