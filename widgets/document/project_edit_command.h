#pragma once

#include <functional>

#include <QString>
#include <QUndoCommand>

#include "engine/model/project.h"

namespace loadstar::widgets {

class ProjectDocument;

// One design edit, undone by restoring the snapshot before it. Designs are small
// (a few KiB), so whole snapshots are simpler and safer than per-field inverses.
// Consecutive edits with the same merge key (keystrokes in one field) merge into
// one step; the name is recomputed from the first "before" and the last "after"
// so that it reads "Rename field ‘texts’ to ‘inputs’", not "... ‘input’ to ‘inputs’".
class ProjectEditCommand : public QUndoCommand {
  public:
    using Describe = std::function<QString(const model::Project& before, const model::Project& after)>;

    ProjectEditCommand(ProjectDocument* document, model::Project before, model::Project after,
                       Describe describe, QString mergeKey, int mergeEpoch, QString location);

    void undo() override;
    void redo() override;
    int id() const override { return mergeKey_.isEmpty() ? -1 : kMergeableId; }
    bool mergeWith(const QUndoCommand* other) override;

    // The JSON pointer of what the edit touched, so the window can show it again.
    const QString& location() const { return location_; }

  private:
    static constexpr int kMergeableId = 0x4c53;

    ProjectDocument* document_;
    model::Project before_;
    model::Project after_;
    Describe describe_;
    QString mergeKey_;
    int mergeEpoch_;
    QString location_;
};

}  // namespace loadstar::widgets
